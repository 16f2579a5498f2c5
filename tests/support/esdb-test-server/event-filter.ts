import type { FilterOptionsMessage } from './proto.js';
import type { RecordedEvent } from './recorded-event.js';
import { rpcErrors } from './rpc-errors.js';

/** The server's page size when a filter gives no `max` search window. */
export const DEFAULT_SEARCH_WINDOW = 32;

export type EventFilter = {
  readonly matches: (event: RecordedEvent) => boolean;
  /** Considered events between two checkpoints of a filtered subscription: multiplier x window. */
  readonly checkpointInterval: number;
};

/**
 * A server-side filter on stream name or event type, by regex or by prefixes, as
 * EventFilter.StreamName / EventFilter.EventType build them (a regex wins over prefixes;
 * an empty prefix list matches nothing).
 */
export function eventFilterFrom(options: FilterOptionsMessage): EventFilter {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier() : options.getEventType();
  if (expression === undefined) throw rpcErrors.invalidArgument('A filter needs a stream name or event type expression.');
  const subject = (event: RecordedEvent) => (onStream ? event.streamName : event.type);
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  const matches =
    regex !== ''
      ? ((pattern: RegExp) => (event: RecordedEvent) => pattern.test(subject(event)))(new RegExp(regex))
      : (event: RecordedEvent) => prefixes.some((prefix) => subject(event).startsWith(prefix));
  const window = options.hasMax() ? options.getMax() : DEFAULT_SEARCH_WINDOW;
  const multiplier = options.getCheckpointintervalmultiplier();
  return { matches, checkpointInterval: Math.max(1, multiplier) * window };
}
