import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/infrastructure/auth/actor.js';
import { ACTIONS, POLICY } from '../../src/infrastructure/auth/policy.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../domain/case/support/builders.js';
import { principal, startApi, type TestApi } from './support/api.js';

type Endpoint =
  | 'command' | 'refer' | 'transfer' | 'read' | 'readPast' | 'history' | 'areas' | 'population' | 'audit'
  | 'caseload' | 'caseloadCounts' | 'return' | 'nationalReturn' | 'returnSeries' | 'returnsByArea' | 'projections' | 'rebuild' | 'session'
  | 'erase' | 'review' | 'retentionDue';
type Cell = readonly [inArea: number, outOfArea: number];

/**
 * docs/CHECKS.md A3: docs/DOMAIN.md section 9, written out by hand cell by cell (not derived from the
 * policy table it checks). "In area": the caller's token covers cumbria, where the case is
 * managed; "out of area": it covers lancashire only. A case outside the caller's areas is 404.
 */
const MATRIX: Readonly<Record<Role, Readonly<Record<Endpoint, Cell>>>> = {
  coordinator: {
    command: [201, 404], refer: [201, 403], transfer: [201, 404], read: [200, 404], readPast: [403, 403],
    history: [403, 403], areas: [200, 200], population: [403, 403], audit: [403, 403],
    caseload: [200, 403], caseloadCounts: [200, 403], return: [403, 403], nationalReturn: [403, 403], projections: [403, 403], rebuild: [403, 403],
    returnSeries: [403, 403], returnsByArea: [403, 403], session: [200, 200],
    erase: [403, 403], review: [403, 403], retentionDue: [403, 403],
  },
  reviewer: {
    command: [403, 403], refer: [403, 403], transfer: [403, 403], read: [200, 404], readPast: [200, 404],
    history: [200, 404], areas: [200, 200], population: [403, 403], audit: [403, 403],
    caseload: [200, 403], caseloadCounts: [200, 403], return: [403, 403], nationalReturn: [403, 403], projections: [403, 403], rebuild: [403, 403],
    returnSeries: [403, 403], returnsByArea: [403, 403], session: [200, 200],
    erase: [403, 403], review: [403, 403], retentionDue: [403, 403],
  },
  analyst: {
    command: [403, 403], refer: [403, 403], transfer: [403, 403], read: [403, 403], readPast: [403, 403],
    history: [403, 403], areas: [200, 200], population: [403, 403], audit: [403, 403],
    caseload: [200, 403], caseloadCounts: [200, 403], return: [200, 403], nationalReturn: [403, 403], projections: [403, 403], rebuild: [403, 403],
    returnSeries: [200, 403], returnsByArea: [200, 200], session: [200, 200],
    erase: [403, 403], review: [403, 403], retentionDue: [403, 403],
  },
  auditor: {
    command: [403, 403], refer: [403, 403], transfer: [403, 403], read: [403, 403], readPast: [403, 403],
    history: [403, 403], areas: [200, 200], population: [403, 403], audit: [200, 200],
    caseload: [403, 403], caseloadCounts: [403, 403], return: [403, 403], nationalReturn: [403, 403], projections: [403, 403], rebuild: [403, 403],
    returnSeries: [403, 403], returnsByArea: [403, 403], session: [200, 200],
    erase: [403, 403], review: [403, 403], retentionDue: [200, 403],
  },
  admin: {
    command: [403, 403], refer: [403, 403], transfer: [403, 403], read: [403, 403], readPast: [403, 403],
    history: [403, 403], areas: [200, 200], population: [201, 403], audit: [403, 403],
    caseload: [403, 403], caseloadCounts: [403, 403], return: [403, 403], nationalReturn: [403, 403], projections: [200, 200], rebuild: [200, 200],
    returnSeries: [403, 403], returnsByArea: [403, 403], session: [200, 200],
    erase: [403, 403], review: [403, 403], retentionDue: [403, 403],
  },
  'data-protection': {
    command: [403, 403], refer: [403, 403], transfer: [403, 403], read: [200, 404], readPast: [403, 403],
    history: [403, 403], areas: [200, 200], population: [403, 403], audit: [403, 403],
    caseload: [403, 403], caseloadCounts: [403, 403], return: [403, 403], nationalReturn: [403, 403], projections: [403, 403], rebuild: [403, 403],
    returnSeries: [403, 403], returnsByArea: [403, 403], session: [200, 200],
    erase: [201, 404], review: [201, 404], retentionDue: [200, 403],
  },
};

/** The cells section 9 grants (role x action), and `session:read` (who am I) for every role; every other cell must deny. */
const GRANTED: Readonly<Record<Role, readonly string[]>> = {
  coordinator: ['case:command', 'case:read', 'caseload:list', 'caseload:counts', 'areas:read', 'session:read'],
  reviewer: ['returns:revision-cases', 'case:read', 'case:read-past', 'case:history', 'caseload:list', 'caseload:counts', 'areas:read', 'session:read'],
  analyst: ['returns:read', 'returns:submit', 'caseload:counts', 'areas:read', 'session:read'],
  auditor: ['audit:read', 'audit:correction-recipients', 'returns:revision-cases', 'retention:read-due', 'areas:read', 'session:read'],
  'data-protection': ['subject:erase', 'retention:review', 'retention:read-due', 'case:read-restricted', 'areas:read', 'session:read'],
  admin: ['area-population:record', 'projections:rebuild', 'areas:read', 'session:read'],
};

describe('A3: role x endpoint x area, cell by cell', () => {
  let api: TestApi;
  let cell = 0;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** A case referred in cumbria, of its own, for one cell. */
  async function freshCase(): Promise<string> {
    const caseId = `cell-${++cell}`;
    const response = await api.as(principal('coordinator', { sub: 'setup', areas: '*' })).command(caseId, refer());
    expect(response.statusCode).toBe(201);
    return caseId;
  }

  async function call(endpoint: Endpoint, role: Role, inArea: boolean) {
    const caller = api.as(principal(role, { areas: [inArea ? 'cumbria' : 'lancashire'] }));
    const caseId = await freshCase();
    const before = await api.store.streamVersion(streams.case(caseId));
    const response = await (async () => {
      switch (endpoint) {
        case 'command':
          return caller.command(caseId, { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'South' });
        case 'refer':
          return caller.command(`${caseId}-new`, refer());
        case 'transfer':
          return caller.command(caseId, { type: 'TransferCase', occurredOn: '2009-01-01', toArea: 'lancashire' });
        case 'read':
          return caller.get(`/cases/${caseId}`);
        case 'readPast':
          return caller.get(`/cases/${caseId}?asOf=2009-01-01`);
        case 'history':
          return caller.get(`/cases/${caseId}/events`);
        case 'areas':
          return caller.get('/areas');
        case 'population':
          return caller.request({ method: 'PUT', url: `/areas/cumbria/population/2008-09`, payload: { population: 490_000 + cell, basis: 'all-ages', source: 'test' } });
        case 'audit':
          return caller.get('/audit');
        case 'caseload':
          return caller.get('/caseload?area=cumbria');
        case 'caseloadCounts':
          return caller.get('/caseload?area=cumbria&level=1');
        case 'return':
          return caller.get('/returns/2008-09?area=cumbria');
        case 'nationalReturn':
          return caller.get('/returns/2008-09?area=england-and-wales');
        case 'returnSeries':
          return caller.get('/returns?area=cumbria');
        case 'returnsByArea':
          return caller.get('/returns/2008-09/areas');
        case 'session':
          return caller.get('/session');
        case 'projections':
          return caller.get('/admin/projections');
        case 'rebuild':
          return caller.request({ method: 'POST', url: '/admin/projections/rebuild' });
        case 'erase':
          return caller.command(caseId, { type: 'EraseSubjectData', reason: 'court order' });
        case 'review':
          return caller.command(caseId, { type: 'RecordRetentionReview', outcome: 'restrict', reason: 'accuracy disputed' });
        case 'retentionDue':
          return caller.get('/retention/due?area=cumbria');
      }
    })();
    const after = await api.store.streamVersion(streams.case(caseId));
    return { status: response.statusCode, wrote: after !== before, contentType: String(response.headers['content-type']) };
  }

  for (const role of ROLES) {
    for (const [endpoint, [inArea, outOfArea]] of Object.entries(MATRIX[role]) as [Endpoint, Cell][]) {
      it(`${role} ${endpoint}: ${inArea} in area, ${outOfArea} out of area`, async () => {
        const inside = await call(endpoint, role, true);
        const outside = await call(endpoint, role, false);
        expect([inside.status, outside.status]).toEqual([inArea, outOfArea]);
        // A refusal writes nothing and says so in problem+json.
        for (const [result, expected] of [[inside, inArea], [outside, outOfArea]] as const) {
          if (expected >= 400) {
            expect(result.wrote).toBe(false);
            expect(result.contentType).toMatch(/^application\/problem\+json/);
          }
        }
      });
    }
  }

  it('the policy table grants exactly the cells of docs/DOMAIN.md section 9; every unlisted cell denies', () => {
    for (const role of ROLES) {
      const granted = ACTIONS.filter((action) => POLICY[role][action] !== undefined);
      expect({ role, granted: [...granted].sort() }).toEqual({ role, granted: [...GRANTED[role]].sort() });
    }
  });
});
