/** Who the API says the caller is (`GET /session`). */
export type Session = { readonly sub: string; readonly role: string; readonly agency: string; readonly areas: readonly string[] };

export const coversEveryArea = (s: Session) => s.areas.includes('*');

/** The pages each role is offered; the API refuses the rest whatever the page does (docs/DOMAIN.md section 9). */
export function pagesFor(role: string): readonly ('returns' | 'caseload' | 'case')[] {
  switch (role) {
    case 'analyst':
      return ['returns'];
    case 'reviewer':
    case 'coordinator':
      return ['caseload', 'case'];
    default:
      return [];
  }
}

/** Histories and past states are for reviewers; a coordinator sees a case as it stands. */
export const seesHistory = (role: string) => role === 'reviewer';
