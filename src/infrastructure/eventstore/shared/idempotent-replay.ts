import { DuplicateEventIdError, type AppendResult } from '../eventstore.js';
import type { ValidAppend } from './append-limits.js';

/** Where an already stored event id lives. */
export type StoredEventLocation = {
  readonly streamName: string;
  readonly streamPosition: number;
  readonly globalPosition: bigint;
};

type ReplayVerdict = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly result: AppendResult };

/**
 * Decides, as EventStoreDB does, whether an append repeats one already stored: every id of the
 * batch is stored in this stream, in the same order, on consecutive positions starting where
 * the expected version says the batch would start ('any' and 'stream_exists': anywhere). Then
 * the original positions are returned and nothing is written. Any other overlap with stored ids
 * throws DuplicateEventIdError. A batch with no stored id is new.
 */
export function judgeReplay(
  append: ValidAppend,
  locate: (eventId: string) => StoredEventLocation | undefined,
): ReplayVerdict {
  const locations = append.events.map((event) => locate(event.eventId));
  const firstStored = locations.findIndex((location) => location !== undefined);
  if (firstStored === -1) return { kind: 'new' };

  const first = locations[0];
  const duplicate = () => new DuplicateEventIdError(append.events[firstStored]!.eventId);
  if (first === undefined || first.streamName !== append.streamName) throw duplicate();
  if (!startsWhereExpected(append.expectedVersion, first.streamPosition)) throw duplicate();
  locations.forEach((location, index) => {
    const inPlace =
      location !== undefined &&
      location.streamName === append.streamName &&
      location.streamPosition === first.streamPosition + index;
    if (!inPlace) throw duplicate();
  });
  const last = locations[locations.length - 1]!;
  return {
    kind: 'replay',
    result: { nextExpectedVersion: last.streamPosition, lastGlobalPosition: last.globalPosition },
  };
}

function startsWhereExpected(expected: ValidAppend['expectedVersion'], firstPosition: number): boolean {
  switch (expected) {
    case 'any':
    case 'stream_exists':
      return true;
    case 'no_stream':
      return firstPosition === 0;
    default:
      return firstPosition === expected + 1;
  }
}
