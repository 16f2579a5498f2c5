import { randomUUID } from 'node:crypto';
import { ANY, NO_STREAM, STREAM_EXISTS, jsonEvent, type AppendExpectedRevision, type JSONEventData } from '@eventstore/db-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';

const NOW = Date.UTC(2025, 2, 1, 9, 30);
// The same node twice: one serving BatchAppend (24.10), one only Append (before 21.10).
const batch = useTestServer({ now: () => NOW });
const classic = useTestServer({ now: () => NOW, serverFeatures: false });

type Expectation = 'any' | 'no_stream' | 'stream_exists' | 'as-first-sent' | number;
type Step = {
  readonly stream: number;
  /** A fresh batch, or a replay of an earlier one: whole, or its first event followed by new ones. */
  readonly source: { readonly kind: 'fresh' } | { readonly kind: 'replay' | 'first-then-new'; readonly of: number };
  readonly size: number;
  readonly expected: Expectation;
};

const step: fc.Arbitrary<Step> = fc.record({
  stream: fc.nat(2),
  source: fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'fresh' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), of: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('first-then-new' as const), of: fc.nat(20) }) },
  ),
  size: fc.integer({ min: 1, max: 3 }),
  expected: fc.oneof(
    fc.constantFrom<Expectation>('any', 'no_stream', 'stream_exists', 'as-first-sent'),
    fc.integer({ min: 0, max: 6 }),
  ),
});

const NAMED: Record<'any' | 'no_stream' | 'stream_exists', AppendExpectedRevision> = { any: ANY, no_stream: NO_STREAM, stream_exists: STREAM_EXISTS };

const revisionOf = (expected: Expectation, firstSent: AppendExpectedRevision): AppendExpectedRevision => {
  if (expected === 'as-first-sent') return firstSent;
  if (typeof expected === 'number') return BigInt(expected);
  return NAMED[expected];
};

/** What the client reports: the result, or the error's class and fields. */
async function outcome(append: () => Promise<unknown>): Promise<unknown> {
  try {
    return { accepted: await append() };
  } catch (error) {
    const { streamName, expectedVersion, actualVersion, maxAppendSize } = error as Record<string, unknown>;
    return { refused: (error as Error).constructor.name, streamName, expectedVersion, actualVersion, maxAppendSize };
  }
}

const storedUnder = (server: typeof batch.server, prefix: string) =>
  server.log.events
    .filter((event) => event.streamName.startsWith(prefix))
    .map(({ streamName, revision, eventId, type, logPosition, data }) => ({ streamName, revision, eventId, type, logPosition, data: Buffer.from(data).toString() }));

describe('EsdbTestServer BatchAppend has the semantics of Append', () => {
  it('any sequence of appends, replays and partial replays gets the same answers and leaves the same log, positions included', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const prefix = `same-${(run += 1)}-${randomUUID().slice(0, 4)}-`;
        const sent: Array<{ readonly events: JSONEventData[]; readonly expected: AppendExpectedRevision }> = [];
        for (const { stream, source, size, expected } of steps) {
          const earlier = source.kind === 'fresh' || sent.length === 0 ? undefined : sent[source.of % sent.length]!;
          const fresh = Array.from({ length: size }, (_, index) => jsonEvent({ type: 'Happened', data: { index } }));
          const events = earlier === undefined ? fresh : source.kind === 'replay' ? earlier.events : [earlier.events[0]!, ...fresh];
          const expectedRevision = revisionOf(expected, earlier?.expected ?? ANY);
          if (earlier === undefined) sent.push({ events, expected: expectedRevision });
          const name = `${prefix}${stream}`;

          const viaAppend = await outcome(() => classic.client.appendToStream(name, events, { expectedRevision }));
          const viaBatchAppend = await outcome(() => batch.client.appendToStream(name, events, { expectedRevision }));
          expect(viaBatchAppend).toEqual(viaAppend);
        }
        expect(storedUnder(batch.server, prefix)).toEqual(storedUnder(classic.server, prefix));
      }),
      { numRuns: 40 },
    );
    expect(classic.server.calls.batchAppendWrites).toBe(0);
    expect(batch.server.calls.append).toBe(0);
  });
});
