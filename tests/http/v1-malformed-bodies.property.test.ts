import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCommand, COMMAND_TYPES } from '../../src/domain/case/commands.js';
import { caseStreamCommand } from '../../src/domain/case/corrections.js';
import { refer } from '../domain/case/support/builders.js';
import { VALID } from './support/command-samples.js';
import { DATA_PROTECTION_EXAMPLES } from '../../src/infrastructure/http/openapi/command-examples.js';
import { caseCommandBody } from '../../src/infrastructure/http/wire.js';
import { allEvents, principal, startApi, tokenFor, type TestApi } from './support/api.js';
import { signInAsBody } from '../../src/infrastructure/web/sign-in-as.js';
import { malformedFrom, namesField, type Malformed } from './support/malformed.js';

const RUNS = 1000;


/**
 * docs/CHECKS.md V1: 1,000 generated malformed bodies per command type (and for the other endpoints
 * with a body): never a 500, nothing written, always problem+json naming the field.
 */
describe('V1: malformed bodies', () => {
  let api: TestApi;
  let coordinatorToken: string;
  let adminToken: string;
  let seeded: number;
  beforeAll(async () => {
    api = await startApi();
    coordinatorToken = await tokenFor(principal('coordinator'), 3600);
    adminToken = await tokenFor(principal('admin'), 3600);
    await api.as(principal('coordinator')).command('case-1', refer());
    seeded = (await allEvents(api.store)).length;
  });
  afterAll(() => api.close());

  it('has a valid sample of every command type', () => {
    expect(Object.keys(VALID).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const body of Object.values(VALID)) expect(caseCommand.safeParse(body).success).toBe(true);
  });

  async function expectRefusedNamingField(url: string, method: 'POST' | 'PUT', token: string, malformed: Malformed, stillValid: (body: unknown) => boolean) {
    const payload = JSON.stringify(malformed.body);
    // Only bodies that really are malformed count (a dropped optional key is not).
    fc.pre(!stillValid(JSON.parse(payload)));
    const response = await api.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload });
    const problem = response.json() as { code?: string; errors?: { path: string; message: string }[] };
    const named = (problem.errors ?? []).some((e) => namesField(e.path, malformed.path));
    if (response.statusCode !== 400 || !named) {
      throw new Error(`${malformed.kind} at "${malformed.path}": ${response.statusCode} ${response.body.slice(0, 300)}`);
    }
    expect(String(response.headers['content-type'])).toBe('application/problem+json; charset=utf-8');
  }

  it.each(COMMAND_TYPES.map((type) => [type]))(`%s: ${RUNS} malformed bodies, each 400 problem+json naming the field, nothing written`, async (type) => {
    const caseId = type === 'ReferOffender' ? 'case-new' : 'case-1';
    const stillValid = (body: unknown) => caseCommand.safeParse(body).success;
    await fc.assert(
      fc.asyncProperty(malformedFrom(VALID[type] as never), (malformed) => expectRefusedNamingField(`/cases/${caseId}/commands`, 'POST', coordinatorToken, malformed, stillValid)),
      { numRuns: RUNS },
    );
    expect(await allEvents(api.store)).toHaveLength(seeded);
  });

  it.each([
    ['RetractEvents', { type: 'RetractEvents', eventIds: ['0195f000-0000-7000-8000-000000000001'], reason: 'duplicate', note: 'entered twice' }],
    ['CorrectEvents', { type: 'CorrectEvents', eventIds: ['0195f000-0000-7000-8000-000000000001'], reason: 'recorded-in-error', replacement: VALID.RecordNotificationBreach }],
  ] as const)(`%s: ${RUNS} malformed bodies, each 400 problem+json naming the field, nothing written`, async (_type, valid) => {
    const stillValid = (body: unknown) => caseStreamCommand.safeParse(body).success;
    await fc.assert(
      fc.asyncProperty(malformedFrom(valid as never), (malformed) => expectRefusedNamingField('/cases/case-1/commands', 'POST', coordinatorToken, malformed, stillValid)),
      { numRuns: RUNS },
    );
    expect(await allEvents(api.store)).toHaveLength(seeded);
  });

  it.each(Object.entries(DATA_PROTECTION_EXAMPLES))(`%s (data-protection): ${RUNS} malformed bodies, each 400 problem+json naming the field, nothing written`, async (_type, valid) => {
    const officerToken = await tokenFor(principal('data-protection'), 3600);
    const stillValid = (body: unknown) => caseCommandBody.safeParse(body).success;
    await fc.assert(
      fc.asyncProperty(malformedFrom(valid as never), (malformed) => expectRefusedNamingField('/cases/case-1/commands', 'POST', officerToken, malformed, stillValid)),
      { numRuns: RUNS },
    );
    expect(await allEvents(api.store)).toHaveLength(seeded);
  });

  it(`PUT /areas/{area}/population/{year}: ${RUNS} malformed bodies, each 400 naming the field, nothing written`, async () => {
    const valid = { population: 493_000, basis: 'all-ages', source: 'ONS' };
    const stillValid = (body: unknown) =>
      body !== null && typeof body === 'object' && !Array.isArray(body) &&
      Object.keys(body).sort().join() === 'basis,population,source' &&
      Number.isInteger((body as { population: unknown }).population) && (body as { population: number }).population >= 1 && (body as { population: number }).population <= 100_000_000 &&
      ['all-ages', 'aged-10-plus'].includes((body as { basis: string }).basis) &&
      typeof (body as { source: unknown }).source === 'string' && (body as { source: string }).source.length >= 1 && (body as { source: string }).source.length <= 200;
    await fc.assert(
      fc.asyncProperty(malformedFrom(valid), (malformed) => expectRefusedNamingField('/areas/cumbria/population/2008-09', 'PUT', adminToken, malformed, stillValid)),
      { numRuns: RUNS },
    );
    expect(await allEvents(api.store)).toHaveLength(seeded);
  });

  it(`POST /dev/tokens (outside production): ${RUNS} malformed bodies, each 400 naming the field, nothing written`, async () => {
    const valid = { sub: 'dev-analyst', role: 'analyst', agency: 'police', areas: ['cumbria', 'lancashire'] };
    const stillValid = (body: unknown) => signInAsBody.safeParse(body).success;
    await fc.assert(
      fc.asyncProperty(malformedFrom(valid), (malformed) => expectRefusedNamingField('/dev/tokens', 'POST', coordinatorToken, malformed, stillValid)),
      { numRuns: RUNS },
    );
    expect(await allEvents(api.store)).toHaveLength(seeded);
  });
});
