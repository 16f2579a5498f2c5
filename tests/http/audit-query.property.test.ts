import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refer } from '../domain/case/support/builders.js';
import { isProblem, json, principal, startApi, tokenFor, type TestApi } from './support/api.js';

const AUDIT_FIELDS = ['caseId', 'actor', 'from', 'to', 'after', 'limit'] as const;

/** Values a hostile or careless client puts in a query string, around every bound of the schema. */
const hostileValue = fc.oneof(
  fc.constantFrom(
    '9999-12-31', '10000-01-01', '0000-01-01', '1899-12-31', '2200-12-31', '2201-01-01', '2024-02-30', '9999-12-31T23:59:59Z',
    '2024-01-01T00:00:00+14:00', '2024-01-01T00:00:00-23:59', '9223372036854775807', '9223372036854775808', '99999999999999999999',
    '18446744073709551616', '-1', '0', '1e3', '0x10', '1000', '1001', ' ', '', '%', '%00', '%E0%A4%A', '\u202e', '\ud800', 'NaN', 'Infinity',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.bigInt({ min: 0n, max: 2n ** 130n }).map(String),
  fc.date({ min: new Date(-62e12), max: new Date(8e12), noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Percent-encodes a value's UTF-8 bytes; `raw` leaves each % as it is, so malformed escapes reach the server. */
const encoded = (value: string, raw: boolean) =>
  [...Buffer.from(value, 'utf8')]
    .map((b) => ((raw && b === 0x25) || (b > 0x20 && b < 0x7f && !'&#+%'.includes(String.fromCharCode(b))) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

describe('GET /audit: never a 500 for client input', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startApi();
    token = await tokenFor(principal('auditor', { areas: '*' }));
    await api.as(principal('coordinator')).command('case-1', refer());
    await api.as(principal('reviewer')).get('/cases/case-1');
  });
  afterAll(() => api.close());

  const audit = (query: string) => api.app.inject({ method: 'GET', url: `/audit?${query}`, headers: { authorization: `Bearer ${token}` } });

  it('audit to=9999-12-31 answers 400 naming to, not 500', async () => {
    const response = await audit('to=9999-12-31');
    expect(response.statusCode).toBe(400);
    expect(isProblem(response)).toBe(true);
    expect(json(response)['errors']).toEqual([expect.objectContaining({ path: 'to' })]);
  });

  it('audit after above 2^63-1 answers 200 with nothing after it, and 400 naming after beyond any position (2^128-1), not 500', async () => {
    // EventStoreDB positions go up to 2^128-1: a cursor there is valid, and nothing is after it in SQLite.
    for (const after of ['9223372036854775807', '9223372036854775808', '99999999999999999999', String(2n ** 128n - 1n)]) {
      const response = await audit(`after=${after}`);
      expect(response.statusCode, after).toBe(200);
      expect(json(response)).toEqual({ records: [], next: null });
    }
    for (const after of [String(2n ** 128n), '1'.repeat(40)]) {
      const response = await audit(`after=${after}`);
      expect(response.statusCode, after).toBe(400);
      expect(json(response)['errors']).toEqual([expect.objectContaining({ path: 'after' })]);
    }
  });

  it('audit after above 2^63-1 on the scan of a SQLite log (an app without read models) reads nothing, not 500', async () => {
    const { openSqliteEventStore } = await import('../../src/infrastructure/eventstore/sqlite/index.js');
    const { makeTempDir } = await import('../support/temp-dir.js');
    const { readAccessLog } = await import('../../src/infrastructure/access-log/reader.js');
    const dir = makeTempDir('audit-after');
    const store = openSqliteEventStore(`${dir.path}/events.db`);
    try {
      await expect(readAccessLog(store, {}, { after: 2n ** 63n, limit: 10 })).resolves.toEqual({ records: [], next: null });
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('any query string: 0 x 500; a refusal is problem+json naming a field of the query', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...AUDIT_FIELDS, 'unknown'), hostileValue, fc.boolean()), { maxLength: 5 }), async (pairs) => {
        const query = pairs.map(([key, value, raw]) => `${key}=${encoded(value, raw)}`).join('&');
        const response = await audit(query);
        expect(response.statusCode, query).not.toBe(500);
        expect([200, 400], query).toContain(response.statusCode);
        if (response.statusCode === 400) {
          expect(isProblem(response), query).toBe(true);
          const body = json(response);
          if (body['code'] === 'invalid-request' && Array.isArray(body['errors'])) {
            for (const error of body['errors'] as { path: string }[]) expect([...AUDIT_FIELDS, ''], query).toContain(error.path.split('.')[0]);
          }
        }
      }),
      { numRuns: 600 },
    );
  });
});
