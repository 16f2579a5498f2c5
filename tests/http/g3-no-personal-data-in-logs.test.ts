import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { createLogger } from '../../src/infrastructure/http/logger.js';
import { refer, rso } from '../domain/case/support/builders.js';
import { principal, startApi, type TestApi } from './support/api.js';
import { storeWith } from './support/faulty-store.js';

const SUBJECT_REF = 'XQ-PERSONAL-REF-90210';
const DATE_OF_BIRTH = '1961-07-23';
const LOCAL_UNIT = 'Unit-Kendal-7731';

/** docs/CHECKS.md G3: personal data seeded in a test never appears in the application log. */
describe('G3: no personal data in application logs', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('a distinctive subject ref and date of birth, through commands, reads, refusals and faults, are never logged', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        done();
      },
    });
    const store = openMemoryEventStore();
    let failReads = false;
    const sometimesFailing = storeWith(store, {
      readStream: (...args) => (failReads ? Promise.reject(new StoreUnavailableError('disk gone')) : store.readStream(...args)),
      streamVersion: (...args) => (failReads ? Promise.reject(new StoreUnavailableError('disk gone')) : store.streamVersion(...args)),
    });
    // The most verbose level: whatever the engine logs at all shows here.
    api = await startApi({ store: sometimesFailing, logger: createLogger('trace', sink) });
    const coordinator = api.as(principal('coordinator'));
    const reviewer = api.as(principal('reviewer'));
    const subject = { ref: SUBJECT_REF, dateOfBirth: DATE_OF_BIRTH };

    expect((await coordinator.command('case-g3', refer({ subject, localUnit: LOCAL_UNIT, basis: rso({ relevantDate: '2008-01-10' }) }))).statusCode).toBe(201);
    expect((await coordinator.command('case-g3', refer({ subject }))).statusCode).toBe(422);
    // Refused bodies carrying the data in every wrong place a schema error could echo.
    expect((await coordinator.command('case-g3b', { ...refer({ subject }), [SUBJECT_REF]: DATE_OF_BIRTH })).statusCode).toBe(400);
    expect((await coordinator.command('case-g3b', refer({ subject: { ref: SUBJECT_REF.repeat(20), dateOfBirth: DATE_OF_BIRTH } }))).statusCode).toBe(400);
    expect((await coordinator.command('case-g3b', refer({ subject: { ref: SUBJECT_REF, dateOfBirth: '2099-01-01' } }))).statusCode).toBe(400);
    expect((await coordinator.request({ method: 'POST', url: '/cases/case-g3/commands', headers: { 'content-type': 'application/json' }, payload: `{"ref": "${SUBJECT_REF}", ` })).statusCode).toBe(400);
    expect((await coordinator.request({ method: 'POST', url: '/cases/case-g3/commands', headers: { 'content-type': 'text/plain' }, payload: SUBJECT_REF })).statusCode).toBe(415);
    expect((await reviewer.get('/cases/case-g3', { 'x-purpose': `review of ${SUBJECT_REF}` })).statusCode).toBe(200);
    expect((await reviewer.get('/cases/case-g3/events')).statusCode).toBe(200);
    expect((await reviewer.get(`/cases/case-g3?asOf=${DATE_OF_BIRTH}`)).statusCode).toBe(404);
    failReads = true;
    expect((await reviewer.get('/cases/case-g3')).statusCode).toBe(503);

    const lines = written.trim().split('\n');
    // The log did record the traffic (so its silence about the data means something)...
    expect(lines.filter((line) => line.includes('request completed')).length).toBeGreaterThanOrEqual(11);
    expect(written).toContain('/cases/case-g3');
    // ...and nothing personal, nor any credential.
    for (const fragment of [SUBJECT_REF, DATE_OF_BIRTH, LOCAL_UNIT, 'Bearer ', 'eyJ']) expect(written).not.toContain(fragment);
  });
});
