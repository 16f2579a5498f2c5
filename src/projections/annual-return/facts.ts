import type { AreaCode } from '../../domain/shared/areas.js';

/**
 * What cases contribute to annual returns, before any return format shapes them into rows:
 * per area, a count per fact key. Keys name the counting rule (docs/DOMAIN.md section 7):
 *   snapshot:<cat>:<level>:<unit>   eligible and in the community on 31 March (R01, E01, R08)
 *   managed:<level>:<cat>           eligible at level 2 or 3 on some day of the year (R02/R03)
 *   recall:<level>                  recalled on licence at level 2 or 3 (R04)
 *   orderCustody:<type>:<level>     sent to custody for breaching an order of that type (R05)
 *   anyOrderCustody:<level>         the same, any order type, distinct cases (E08)
 *   sfoCharged:<level>              charges by level on the offence date (R06)
 *   sfoOutcome:<outcome>            convicted | other | remain (R07)
 *   notificationBreach              distinct cases (R10)
 *   revokedOnReview                 distinct cases (E06)
 *   order:<type>:<stage>            applied | interim | full (R11-R13, E07)
 */
export type Facts = Record<string, Record<string, number>>;

export function addFact(facts: Facts, area: AreaCode | string, key: string, n = 1): void {
  const byKey = (facts[area] ??= {});
  byKey[key] = (byKey[key] ?? 0) + n;
}

/** A fact counted once however often it happens (the distinct-case rows). */
export function markFact(facts: Facts, area: AreaCode | string, key: string): void {
  (facts[area] ??= {})[key] = 1;
}

/** Adds (sign 1) or removes (sign -1) one set of facts from another, dropping zeros. */
export function mergeFacts(into: Facts, from: Facts, sign: 1 | -1 = 1): void {
  for (const [area, byKey] of Object.entries(from)) {
    for (const [key, n] of Object.entries(byKey)) {
      const target = (into[area] ??= {});
      const next = (target[key] ?? 0) + sign * n;
      if (next === 0) delete target[key];
      else target[key] = next;
    }
    if (into[area] && Object.keys(into[area]).length === 0) delete into[area];
  }
}

export const unitKey = (unit: string | null) => encodeURIComponent(unit ?? 'unassigned');
export const unitName = (key: string) => decodeURIComponent(key);
