import { describe, expect, it } from 'vitest';
import { WrongExpectedVersionError, type EventStore, type ExpectedVersion } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { eventIdsOf, newEvent, newEvents, settle, uniqueStream } from './fixtures.js';

const TRIALS = 200;

export function describeConcurrency(subject: { readonly store: EventStore }): void {
  describe('concurrent appends (docs/CHECKS.md S2)', () => {
    it.each([2, 8, 16])(
      `%i appends racing on one stream with the same expected version, ${TRIALS} trials: exactly one wins, the others conflict, the stream grows by the winner only`,
      async (k) => {
        for (let trial = 0; trial < TRIALS; trial++) {
          const stream = uniqueStream('race');
          // Alternate the race on a new stream ('no_stream') and on an existing one (exact version).
          const seeded = trial % 2 === 1;
          if (seeded) await subject.store.appendToStream(stream, [newEvent('Seeded')], { expectedVersion: 'no_stream' });
          const expectedVersion: ExpectedVersion = seeded ? 0 : 'no_stream';
          const before = await eventIdsOf(subject.store, stream);
          const batches = Array.from({ length: k }, (_, contender) =>
            Array.from({ length: 1 + (contender % 3) }, () => newEvent('Contended', { contender })),
          );

          const outcomes = await Promise.all(
            batches.map((batch) => settle(subject.store.appendToStream(stream, batch, { expectedVersion }))),
          );

          const winners = outcomes.flatMap((outcome, index) => (outcome.ok ? [{ index, result: outcome.value }] : []));
          expect(winners, `trial ${trial}`).toHaveLength(1);
          const winner = winners[0]!;
          const losers = outcomes.filter((outcome) => !outcome.ok);
          expect(losers).toHaveLength(k - 1);
          for (const loser of losers) {
            const error = (loser as { error: unknown }).error;
            expect(error).toBeInstanceOf(WrongExpectedVersionError);
            // Only the seed and the winner ever wrote to the stream, so that is what a loser saw.
            expect((error as WrongExpectedVersionError).actual).toBe(winner.result.nextExpectedVersion);
          }
          const winningIds = batches[winner.index]!.map((event) => event.eventId);
          expect(await eventIdsOf(subject.store, stream)).toEqual([...before, ...winningIds]);
        }
      },
    );

    it('concurrent appends to different streams all succeed, each stream holding exactly its own events', async () => {
      const streams = Array.from({ length: 16 }, () => uniqueStream('parallel'));
      const batches = streams.map((_, index) => newEvents(1 + (index % 4)));
      const results = await Promise.all(
        streams.map((stream, index) => subject.store.appendToStream(stream, batches[index]!, { expectedVersion: 'no_stream' })),
      );
      expect(results.map((result) => result.nextExpectedVersion)).toEqual(batches.map((batch) => batch.length - 1));
      expect(new Set(results.map((result) => result.lastGlobalPosition)).size).toBe(streams.length);
      for (const [index, stream] of streams.entries()) {
        expect(await eventIdsOf(subject.store, stream)).toEqual(batches[index]!.map((event) => event.eventId));
      }
    });

    it('a refused append among concurrent ones affects none of the others', async () => {
      const [a, b, c] = [uniqueStream('a'), uniqueStream('b'), uniqueStream('c')];
      await subject.store.appendToStream(b, [newEvent()]);
      const batchA = newEvents(2);
      const batchB = newEvents(3);
      const batchC = newEvents(2);

      const [okA, refusedB, okC] = await Promise.all([
        settle(subject.store.appendToStream(a, batchA, { expectedVersion: 'no_stream' })),
        settle(subject.store.appendToStream(b, batchB, { expectedVersion: 'no_stream' })),
        settle(subject.store.appendToStream(c, batchC, { expectedVersion: 'no_stream' })),
      ]);

      expect(okA.ok && okC.ok).toBe(true);
      expect(refusedB.ok ? undefined : refusedB.error).toBeInstanceOf(WrongExpectedVersionError);
      expect(await eventIdsOf(subject.store, a)).toEqual(batchA.map((event) => event.eventId));
      expect(await eventIdsOf(subject.store, b)).toHaveLength(1);
      expect(await eventIdsOf(subject.store, c)).toEqual(batchC.map((event) => event.eventId));
    });
  });
}
