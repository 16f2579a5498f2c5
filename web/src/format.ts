/** Dates, instants and names as the page shows them. */

const INSTANT = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' });

export const showInstant = (iso: string) => INSTANT.format(new Date(iso));
export const showDate = (date: string) => DATE.format(new Date(`${date}T00:00:00Z`));
export const showFigure = (value: number | null | undefined) => (value === null || value === undefined ? 'not available' : value.toLocaleString('en-GB'));

/** `<input type="datetime-local">` speaks the browser's local time; the API speaks ISO instants. */
export function localInputOf(iso: string | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function isoOfLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Today's business date in Europe/London. */
export const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The last reporting year whose 31 March has passed. */
export function lastCompleteYear(today: string): string {
  const year = Number(today.slice(0, 4));
  const start = today.slice(5) >= '04-01' ? year - 1 : year - 2;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export const yearLabel = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

export const words = (code: string) => code.replace(/-/g, ' ');
