import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES } from '../../src/domain/case/commands.js';
import { refer } from '../domain/case/support/builders.js';
import { VALID } from './support/command-samples.js';
import { principal, startApi, type Caller, type TestApi } from './support/api.js';

/** Headers that differ between any two responses, whatever they answer. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);

const comparable = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  body: response.body,
  headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !PER_RESPONSE.has(name))),
});

const CONDITIONS: [string, (n: string) => Record<string, string>][] = [
  ['no condition', () => ({})],
  ['If-Match at its version', () => ({ 'if-match': '"3"' })],
  ['If-Match at another version', () => ({ 'if-match': '"0"' })],
  ['If-Match "-1"', () => ({ 'if-match': '"-1"' })],
  ['an Idempotency-Key', (n) => ({ 'idempotency-key': `key-${n}` })],
  ['If-Match and an Idempotency-Key', (n) => ({ 'if-match': '"3"', 'idempotency-key': `key-both-${n}` })],
];

/**
 * The defect: a ReferOffender with If-Match to another area's existing case answered 412 with
 * `currentVersion`, so anyone could watch activity on any case. A referral to an id in use is
 * now case-already-exists whatever its area and If-Match, and every other command to a case
 * outside the caller's areas answers, in every combination of conditions, exactly as for an
 * absent case (and again when replayed under the same key).
 */
describe('If-Match leaked the version of another area\'s case', () => {
  let api: TestApi;
  let coordinator: Caller;
  beforeAll(async () => {
    api = await startApi();
    const lancashire = api.as(principal('coordinator', { sub: 'lancs-1', areas: ['lancashire'] }));
    await lancashire.command('elsewhere', refer({ area: 'lancashire', localUnit: 'Preston-UNIQUE-UNIT' }));
    for (const unit of ['A', 'B', 'C']) await lancashire.command('elsewhere', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: unit });
    const cumbria = api.as(principal('coordinator', { sub: 'cumbria-owner' }));
    await cumbria.command('mine', refer());
    for (const unit of ['A', 'B', 'C']) await cumbria.command('mine', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: unit });
    coordinator = api.as(principal('coordinator', { sub: 'cumbria-1', areas: ['cumbria'] }));
  });
  afterAll(() => api.close());

  it.each(CONDITIONS)('a referral to an id in use, with %s: case-already-exists, the same bytes whatever the case\'s area', async (_name, headers) => {
    const outside = await coordinator.command('elsewhere', refer(), headers('refer-out'));
    const inside = await coordinator.command('mine', refer(), headers('refer-in'));
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'case-already-exists' });
    expect(comparable(outside)).toEqual(comparable(inside));
    for (const fragment of ['currentVersion', 'version', 'lancashire', 'Preston', '"3"']) expect(outside.body).not.toContain(fragment);
  });

  const others = COMMAND_TYPES.filter((type) => type !== 'ReferOffender');
  it.each(others.flatMap((type) => CONDITIONS.map(([name, headers]) => [type, name, headers] as const)))(
    '%s with %s to a case outside the caller\'s areas: exactly the answer for an absent case, first time and replayed',
    async (type, name, headers) => {
      const n = `${type}-${name}`.replaceAll(' ', '_');
      const send = (caseId: string, suffix: string) => coordinator.command(caseId, VALID[type], headers(`${n}-${suffix}`));
      const [outside, absent] = [await send('elsewhere', 'o'), await send('nowhere', 'a')];
      expect(outside.statusCode).toBe(404);
      expect(comparable(outside)).toEqual(comparable(absent));
      const [outsideAgain, absentAgain] = [await send('elsewhere', 'o'), await send('nowhere', 'a')];
      expect(comparable(outsideAgain)).toEqual(comparable(absentAgain));
    },
  );

  it('and nothing was written to the other area\'s case', async () => {
    expect(await api.store.streamVersion('mappa-case-elsewhere')).toBe(3);
  });
});
