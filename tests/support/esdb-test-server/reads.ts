import type { EventFilter } from './event-filter.js';
import type { EventLog } from './event-log.js';
import type { ReadReqOptions } from './proto.js';
import type { RecordedEvent } from './recorded-event.js';

/** A position in $all as the client sends it. Test-server events have commit == prepare. */
export type AllPosition = { readonly commit: bigint; readonly prepare: bigint };

/** (commit, prepare) order of an event against a requested position. */
export function compareToPosition(event: RecordedEvent, position: AllPosition): number {
  if (event.logPosition !== position.commit) return event.logPosition < position.commit ? -1 : 1;
  if (event.logPosition === position.prepare) return 0;
  return event.logPosition < position.prepare ? -1 : 1;
}

export type StreamStart = { readonly kind: 'start' } | { readonly kind: 'end' } | { readonly kind: 'revision'; readonly revision: bigint };
export type AllStart = { readonly kind: 'start' } | { readonly kind: 'end' } | { readonly kind: 'position'; readonly position: AllPosition };

export function streamStartOf(options: ReadReqOptions): StreamStart {
  const stream = options.getStream()!;
  if (stream.hasRevision()) return { kind: 'revision', revision: BigInt(stream.getRevision()) };
  if (stream.hasEnd()) return { kind: 'end' };
  return { kind: 'start' };
}

export function allStartOf(options: ReadReqOptions): AllStart {
  const all = options.getAll()!;
  if (all.hasPosition()) {
    const position = all.getPosition()!;
    return {
      kind: 'position',
      position: { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) },
    };
  }
  if (all.hasEnd()) return { kind: 'end' };
  return { kind: 'start' };
}

/** Stream reads: forwards from a revision (inclusive), backwards from a revision or the end (inclusive). */
export function* readStream(
  events: readonly RecordedEvent[],
  start: StreamStart,
  backwards: boolean,
): Generator<RecordedEvent> {
  const last = events.length - 1;
  if (backwards) {
    const from = start.kind === 'end' ? last : start.kind === 'start' ? 0 : Math.min(last, Number(start.revision));
    for (let index = from; index >= 0; index -= 1) yield events[index]!;
    return;
  }
  const from = start.kind === 'start' ? 0 : start.kind === 'end' ? events.length : Number(start.revision);
  for (let index = from; index <= last; index += 1) yield events[index]!;
}

/**
 * $all reads: forwards from a position includes the event at it, backwards from a position
 * excludes it, as the server's AllReader does.
 */
export function* readAll(
  log: EventLog,
  start: AllStart,
  backwards: boolean,
  filter: EventFilter | undefined,
): Generator<RecordedEvent> {
  const events = log.events;
  const keep = (event: RecordedEvent) => filter === undefined || filter.matches(event);
  if (backwards) {
    let index = events.length - 1;
    if (start.kind === 'start') return;
    if (start.kind === 'position') index = log.indexAtOrAfter(start.position.commit + 1n) - 1;
    for (; index >= 0; index -= 1) {
      const event = events[index]!;
      if (start.kind === 'position' && compareToPosition(event, start.position) >= 0) continue;
      if (keep(event)) yield event;
    }
    return;
  }
  if (start.kind === 'end') return;
  let index = start.kind === 'position' ? log.indexAtOrAfter(start.position.commit) : 0;
  for (; index < events.length; index += 1) {
    const event = events[index]!;
    if (start.kind === 'position' && compareToPosition(event, start.position) < 0) continue;
    if (keep(event)) yield event;
  }
}
