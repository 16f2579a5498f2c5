import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, WrongExpectedVersionError, type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { refer } from '../../domain/case/support/builders.js';
import { allEvents, isProblem, principal, tokenFor } from '../support/api.js';
import { storeWith } from '../support/faulty-store.js';
import type { ApiUnderTest } from './fixture.js';

const coordinator = principal('coordinator');
const localUnit = { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'South' };

/** Each error status of docs/DOMAIN.md section 5, as problem+json. */
export function describeErrorStatuses(subject: ApiUnderTest): void {
  describe('error statuses (docs/DOMAIN.md section 5), each application/problem+json', () => {
    const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) => {
      expect(response.statusCode).toBe(status);
      expect(String(response.headers['content-type'])).toBe('application/problem+json; charset=utf-8');
      const body = response.json() as Record<string, unknown>;
      expect(body).toMatchObject({ status, code, type: `urn:mappa:problem:${code}` });
      expect(typeof body['title']).toBe('string');
      expect(typeof body['detail']).toBe('string');
      return body;
    };

    it('400 for a body that is not JSON', async () => {
      const response = await subject.api.as(coordinator).request({ method: 'POST', url: '/cases/case-1/commands', headers: { 'content-type': 'application/json' }, payload: '{"type": "ReferOffender",' });
      expectProblem(response, 400, 'invalid-json');
    });

    it('400 for an empty JSON body', async () => {
      const response = await subject.api.as(coordinator).request({ method: 'POST', url: '/cases/case-1/commands', headers: { 'content-type': 'application/json' }, payload: '' });
      expectProblem(response, 400, 'invalid-json');
    });

    it('400 for a body against the schema, naming each field by its dotted path', async () => {
      const body = refer({ basis: { kind: 'registered-sexual-offender', basisId: 'r-1', relevantDate: '2008-01-10', disposal: 'custody', custodialMonths: 'thirty' as unknown as number } });
      const response = await subject.api.as(coordinator).command('case-1', { ...body, leadAgency: 'the-met' });
      const problem = expectProblem(response, 400, 'invalid-request');
      expect((problem['errors'] as { path: string }[]).map((e) => e.path).sort()).toEqual(['basis.custodialMonths', 'leadAgency']);
      expect(await allEvents(subject.api.store)).toHaveLength(0);
    });

    it('400 for an unknown command type, naming `type`', async () => {
      const problem = expectProblem(await subject.api.as(coordinator).command('case-1', { type: 'DeleteCase', occurredOn: '2009-01-01' }), 400, 'invalid-request');
      expect(problem['errors']).toEqual([{ path: 'type', message: expect.any(String) }]);
    });

    it('400 for a case id outside 1-64 of A-Za-z0-9_-, naming caseId', async () => {
      const problem = expectProblem(await subject.api.as(coordinator).command('x'.repeat(65), refer()), 400, 'invalid-request');
      expect(problem['errors']).toEqual([{ path: 'caseId', message: expect.any(String) }]);
      expectProblem(await subject.api.as(coordinator).get('/cases/bad.id'), 400, 'invalid-request');
    });

    it('400 for a malformed If-Match or Idempotency-Key, naming the header', async () => {
      const as = subject.api.as(coordinator);
      for (const ifMatch of ['3', 'W/"3"', '"abc"', '"1.5"', '*', '"3", "4"']) {
        const problem = expectProblem(await as.command('case-1', refer(), { 'if-match': ifMatch }), 400, 'invalid-request');
        expect(problem['errors']).toEqual([{ path: 'if-match', message: expect.any(String) }]);
      }
      const problem = expectProblem(await as.command('case-1', refer(), { 'idempotency-key': 'has spaces' }), 400, 'invalid-request');
      expect(problem['errors']).toEqual([{ path: 'idempotency-key', message: expect.any(String) }]);
      expect(await allEvents(subject.api.store)).toHaveLength(0);
    });

    it('401 without a token, with WWW-Authenticate: Bearer', async () => {
      const response = await subject.api.anonymous.command('case-1', refer());
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="mappa"');
    });

    it('403 for a role without the action, and for a referral to an area the token does not cover', async () => {
      expectProblem(await subject.api.as(principal('reviewer')).command('case-1', refer()), 403, 'forbidden');
      expectProblem(await subject.api.as(coordinator).command('case-1', refer({ area: 'lancashire' })), 403, 'area-not-permitted');
      expect(await allEvents(subject.api.store)).toHaveLength(0);
    });

    it('404 for a command to a case that does not exist, and for reads of it', async () => {
      const as = subject.api.as(principal('reviewer'));
      expectProblem(await subject.api.as(coordinator).command('nobody', localUnit), 404, 'case-not-found');
      expectProblem(await as.get('/cases/nobody'), 404, 'case-not-found');
      expectProblem(await as.get('/cases/nobody/events'), 404, 'case-not-found');
      expectProblem(await as.get('/no/such/route'), 404, 'not-found');
    });

    it('404 for a case read on a date before its referral', async () => {
      await subject.api.as(coordinator).command('case-1', refer());
      expectProblem(await subject.api.as(principal('reviewer')).get('/cases/case-1?asOf=2008-04-30'), 404, 'case-not-found');
    });

    it('409 when concurrent appends keep winning past the bounded retries; nothing written', async () => {
      const api = await subject.start({
        wrap: (store: EventStore) =>
          storeWith(store, {
            appendToStream: (stream, events, options) =>
              stream.startsWith('mappa-case-') && options?.expectedVersion !== 'no_stream'
                ? Promise.reject(new WrongExpectedVersionError(stream, options?.expectedVersion ?? 'any', 99))
                : store.appendToStream(stream, events, options),
          }),
      });
      await api.as(coordinator).command('case-1', refer());
      expectProblem(await api.as(coordinator).command('case-1', localUnit), 409, 'conflict');
      expect(await allEvents(api.store)).toHaveLength(1);
    });

    it('412 when If-Match names another version; nothing written', async () => {
      const as = subject.api.as(coordinator);
      await as.command('case-1', refer());
      const problem = expectProblem(await as.command('case-1', localUnit, { 'if-match': '"7"' }), 412, 'version-mismatch');
      expect(problem).toMatchObject({ expectedVersion: 7, currentVersion: 0 });
      // A referral to an id in use is case-already-exists whatever If-Match says: no version of a case is told.
      const taken = expectProblem(await as.command('case-1', refer(), { 'if-match': '"-1"' }), 422, 'case-already-exists');
      expect(taken).not.toHaveProperty('currentVersion');
      // No case event; the 412 told the caller the case's version, so it is recorded as a read of it.
      const events = await allEvents(subject.api.store);
      expect(events.filter((e) => e.streamName.startsWith('mappa-case-'))).toHaveLength(1);
      expect(events.filter((e) => e.streamName.startsWith('mappa-access-')).map((e) => e.data['resource'])).toEqual(['command-outcome']);
    });

    it('413 for a body over the limit', async () => {
      const huge = { ...refer(), localUnit: 'x'.repeat(70 * 1024) };
      expectProblem(await subject.api.as(coordinator).command('case-1', huge), 413, 'payload-too-large');
    });

    it('415 for a body that is not application/json', async () => {
      const as = subject.api.as(coordinator);
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await as.request({ method: 'POST', url: '/cases/case-1/commands', headers: { 'content-type': contentType }, payload: JSON.stringify(refer()) });
        expectProblem(response, 415, 'unsupported-media-type');
      }
      expect(await allEvents(subject.api.store)).toHaveLength(0);
    });

    it('422 for a refused rule, with the rule code', async () => {
      const as = subject.api.as(coordinator);
      await as.command('case-1', refer());
      const problem = expectProblem(await as.command('case-1', refer()), 422, 'case-already-exists');
      expect(problem['title']).toBe('The command was refused by a case rule');
    });

    it('422 for an Idempotency-Key reused with another body', async () => {
      const as = subject.api.as(coordinator);
      await as.command('case-1', refer(), { 'idempotency-key': 'k' });
      expectProblem(await as.command('case-2', refer(), { 'idempotency-key': 'k' }), 422, 'idempotency-key-reused');
    });

    it('429 over the rate limit, with Retry-After, keyed by token subject', async () => {
      const api = await subject.start({ config: { rateLimit: { max: 3, windowMs: 60_000 } } });
      const alice = await tokenFor(principal('reviewer', { sub: 'alice' }));
      const get = (token: string) => api.app.inject({ method: 'GET', url: '/areas', headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await get(alice)).statusCode).toBe(200);
      const limited = await get(alice);
      expectProblem(limited, 429, 'rate-limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another subject has its own allowance.
      expect((await get(await tokenFor(principal('reviewer', { sub: 'bob' })))).statusCode).toBe(200);
    });

    it('503 when the store is unavailable, for commands and reads; Retry-After; nothing written', async () => {
      const unavailable = () => Promise.reject(new StoreUnavailableError('disk is full'));
      const api = await subject.start({ wrap: (store) => storeWith(store, { readStream: unavailable, appendToStream: unavailable, streamVersion: unavailable }) });
      const command = await api.as(coordinator).command('case-1', refer());
      expectProblem(command, 503, 'store-unavailable');
      expect(command.headers['retry-after']).toBe('5');
      expectProblem(await api.as(principal('reviewer')).get('/cases/case-1'), 503, 'store-unavailable');
    });

    it('no error answer is a bare JSON error or an HTML page', async () => {
      const responses = [
        await subject.api.anonymous.get('/cases/x'),
        await subject.api.as(coordinator).get('/cases/x/events'),
        await subject.api.as(coordinator).request({ method: 'DELETE', url: '/cases/x' }),
      ];
      for (const response of responses) expect(isProblem(response)).toBe(true);
    });
  });
}
