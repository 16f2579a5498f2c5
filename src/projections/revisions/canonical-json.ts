/**
 * JSON with every object's keys in code-point order and no white space, so the same value always
 * gives the same bytes: what a submitted return's digest is taken over. Arrays keep their order
 * (a return's rows are in the format's order); the figures are integers or null, so numbers need
 * no canonical form of their own beyond JSON.stringify's.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
