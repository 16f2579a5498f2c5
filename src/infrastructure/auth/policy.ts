import type { Role } from './actor.js';

/**
 * What each route does, in the words of docs/DOMAIN.md section 9. Routes name their action in
 * their config (`config: { action }`); one hook checks it against the table below.
 */
export const ACTIONS = [
  'case:command',
  'case:read',
  'case:read-past',
  'case:history',
  'caseload:list',
  'caseload:counts',
  'returns:read',
  'returns:submit',
  'returns:revision-cases',
  'areas:read',
  'area-population:record',
  'projections:rebuild',
  'audit:read',
  'audit:correction-recipients',
  'session:read',
  'subject:erase',
  'retention:review',
  'retention:read-due',
  'case:read-restricted',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * `own-areas`: allowed for resources in the caller's `areas` claim (a case by its area, an
 * area's population by that area); outside them a case answers 404 as if absent.
 * `any-area`: allowed and not scoped by area (reference data, the access log).
 */
export type Scope = 'own-areas' | 'any-area';

/**
 * docs/DOMAIN.md section 9 as data: role x action. A cell that is not listed denies (403).
 * Choices where the page is terse (README.md, "Who may do what"):
 * - a coordinator reads the case as it stands now; histories and past states (`asOf`,
 *   `knownAt`) are listed for reviewers only;
 * - a caseload listing is case-level data: coordinators and reviewers, never analysts, who
 *   get the counts;
 * - the list of areas and their populations is reference data: every role may read it;
 * - every role may ask who its own token says it is (`GET /session`, for the web page);
 * - analysts submit their areas' returns and read their revisions; the cases behind revised
 *   figures are case-level data, for reviewers and auditors in their areas (docs/DOMAIN.md section 11);
 * - data-protection staff erase a subject's data, record retention reviews, list the cases due
 *   for review and read a case as it stands (restricted or not), in their areas like
 *   coordinators; they issue no other command and read no history (docs/DOMAIN.md section 13).
 *   Auditors list the cases due for review too.
 */
export const POLICY: Readonly<Record<Role, Readonly<Partial<Record<Action, Scope>>>>> = {
  coordinator: {
    'case:command': 'own-areas',
    'case:read': 'own-areas',
    'caseload:list': 'own-areas',
    'caseload:counts': 'own-areas',
    'areas:read': 'any-area',
    'session:read': 'any-area',
  },
  reviewer: {
    'case:read': 'own-areas',
    'returns:revision-cases': 'own-areas',
    'case:read-past': 'own-areas',
    'case:history': 'own-areas',
    'caseload:list': 'own-areas',
    'caseload:counts': 'own-areas',
    'areas:read': 'any-area',
    'session:read': 'any-area',
  },
  analyst: {
    'returns:read': 'own-areas',
    'returns:submit': 'own-areas',
    'caseload:counts': 'own-areas',
    'areas:read': 'any-area',
    'session:read': 'any-area',
  },
  auditor: {
    'audit:read': 'any-area',
    'retention:read-due': 'own-areas',
    'audit:correction-recipients': 'any-area',
    'returns:revision-cases': 'own-areas',
    'areas:read': 'any-area',
    'session:read': 'any-area',
  },
  'data-protection': {
    'subject:erase': 'own-areas',
    'retention:review': 'own-areas',
    'retention:read-due': 'own-areas',
    'case:read-restricted': 'own-areas',
    'areas:read': 'any-area',
    'session:read': 'any-area',
  },
  admin: {
    'area-population:record': 'own-areas',
    'projections:rebuild': 'any-area',
    'areas:read': 'any-area',
    'session:read': 'any-area',
  },
};

/**
 * A restricted case (DPA 2018 s.47(2), docs/DOMAIN.md section 13) is hidden from every role but
 * these: each still sees it wherever its actions reach it (auditors in correction recipients and
 * the cases behind revised figures, data-protection staff in the case read), and everyone else is
 * answered as if it were absent.
 */
export const SEES_RESTRICTED_CASES: ReadonlySet<Role> = new Set<Role>(['auditor', 'data-protection']);

/** The scope a role holds for an action; undefined: denied. */
export function permissionFor(role: Role, action: Action): Scope | undefined {
  return Object.hasOwn(POLICY[role], action) ? POLICY[role][action] : undefined;
}

/**
 * Routes that answer without a token (docs/CHECKS.md A1): liveness and readiness probes, the
 * OpenAPI document with its viewer, the web page and its assets (no data: the page asks the
 * API with the caller's token), and outside production the route that mints a development
 * token. Everything else needs a bearer token and an action.
 */
export const ANONYMOUS_ROUTES: readonly RegExp[] = [
  /^\/health\/(live|ready)$/,
  /^\/docs(\/.*)?$/,
  /^\/$/,
  /^\/assets\/\*$/,
  /^\/dev\/tokens$/,
];

export function isAnonymousRoute(url: string): boolean {
  return ANONYMOUS_ROUTES.some((pattern) => pattern.test(url));
}
