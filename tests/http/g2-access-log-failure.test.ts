import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../src/infrastructure/access-log/records.js';
import { StoreUnavailableError } from '../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { refer } from '../domain/case/support/builders.js';
import { principal, startApi, type TestApi } from './support/api.js';
import { storeWith } from './support/faulty-store.js';

const SUBJECT_REF = 'G2-SUBJECT-REF-5151';

/** docs/CHECKS.md G2: if the access record cannot be written, the read is 503 and returns no case data. */
describe('G2: no access record, no case data', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it.each([
    ['the store refuses appends to the access log', new StoreUnavailableError('read-only file system')],
    ['the append fails for any other reason', new Error('something broke')],
  ])('%s: 503 problem+json for reads of a case and its history, nothing of the case in the body', async (_name, failure) => {
    const store = openMemoryEventStore();
    const failing = storeWith(store, {
      appendToStream: (stream, events, options) =>
        stream.startsWith(ACCESS_STREAM_PREFIX) ? Promise.reject(failure) : store.appendToStream(stream, events, options),
    });
    api = await startApi({ store: failing });
    await api.as(principal('coordinator')).command('case-1', refer({ subject: { ref: SUBJECT_REF, dateOfBirth: '1959-09-09' } }));
    for (const url of ['/cases/case-1', '/cases/case-1/events', '/cases/case-1?asOf=2009-01-01']) {
      const response = await api.as(principal('reviewer')).get(url);
      expect(response.statusCode).toBe(503);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'access-log-unavailable', status: 503 });
      expect(response.headers['retry-after']).toBeDefined();
      for (const fragment of [SUBJECT_REF, '1959-09-09', 'cumbria', 'North BCU', 'OffenderReferred']) expect(response.body).not.toContain(fragment);
      expect(response.headers['etag']).toBeUndefined();
    }
  });

  it('the audit route fails the same way when its own record cannot be written', async () => {
    api = await startApi({ accessLog: { record: () => Promise.reject(new Error('no')) } });
    const response = await api.as(principal('auditor')).get('/audit');
    expect(response.statusCode).toBe(503);
    expect(response.json()).not.toHaveProperty('records');
  });
});
