import { describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../../src/infrastructure/access-log/records.js';
import { accessLog } from '../../../src/infrastructure/access-log/writer.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { eventIdsOf, newEvents, uniqueStream } from '../eventstore/contract/fixtures.js';
import { useAdapter } from '../eventstore/eventstoredb/use-adapter.js';

/** Retries that outlast a restart and grpc-js's reconnect delay (about 1 s). */
const subject = useAdapter({ retry: { maxAttempts: 40, initialDelayMs: 50, maxDelayMs: 200 }, resubscribe: { initialDelayMs: 20, maxDelayMs: 200 } });

const reader = { id: 'rev-1', role: 'reviewer', agency: 'police' } as const;

/**
 * The defect: EventStoreDB checks the ids of an append at expected version `any` against a cache
 * of recent ids it keeps in memory only, so after a server restart a retried append is written
 * again; access records were appended with `any`. The in-process test server now loses that cache
 * on a restart as the real one does (first test), and the access log appends at exact versions,
 * which the server checks against the stream itself, so a retried record is stored once.
 */
describe('a retried access record was stored twice after an EventStoreDB restart', () => {
  it('the test server, as the real one: a batch retried at `any` across a restart is written twice; at its version, once', async () => {
    const atAny = uniqueStream();
    const batch = newEvents(1);
    subject.server.faults.restartAfterCommit = 1;
    await subject.store.appendToStream(atAny, batch, { expectedVersion: 'any' });
    expect(await eventIdsOf(subject.store, atAny)).toEqual([batch[0]!.eventId, batch[0]!.eventId]);

    const atVersion = uniqueStream();
    const exact = newEvents(1);
    subject.server.faults.restartAfterCommit = 1;
    await subject.store.appendToStream(atVersion, exact, { expectedVersion: 'no_stream' });
    expect(await eventIdsOf(subject.store, atVersion)).toEqual([exact[0]!.eventId]);
  });

  it('an access record whose append is answered by a restart is stored once; the writer\'s stream continues after it', async () => {
    const log = accessLog({ store: subject.store, clock: manualClock('2026-11-24T10:00:00.000Z') });
    const record = (requestId: string) =>
      log.record({ type: 'CaseDataRead', actor: reader, channel: 'http', resource: 'case', caseIds: ['case-1'], query: {}, requestId });
    await record('before');
    subject.server.faults.restartAfterCommit = 1;
    await record('across-the-restart');
    await record('after');

    const stored = [];
    for await (const event of subject.store.readAll({ streamPrefixes: [ACCESS_STREAM_PREFIX] })) stored.push(event);
    expect(stored.map((e) => e.data['requestId'])).toEqual(['before', 'across-the-restart', 'after']);
    expect(new Set(stored.map((e) => e.streamName)).size).toBe(1);
    expect(stored.map((e) => e.streamPosition)).toEqual([0, 1, 2]);
  });
});
