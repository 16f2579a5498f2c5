/** Time is an input: the server stamps `recordedAt` and computes "today" from an injected clock. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastMinute = Number.NaN;
let lastDate = '';

/** The business date (Europe/London) of an instant, as YYYY-MM-DD. Offsets change on the hour, so a minute shares one date. */
export function londonDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastMinute = minute;
    lastDate = LONDON.format(instant);
  }
  return lastDate;
}

/** A clock tests can set and move, including backwards (docs/CHECKS.md C1). */
export function manualClock(start: string | Date): Clock & { set(to: string | Date): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
