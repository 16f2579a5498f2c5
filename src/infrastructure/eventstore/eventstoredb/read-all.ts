import type { EventStoreDBClient } from '@eventstore/db-client';
import { type StoredEvent } from '../eventstore.js';
import { streams } from '../stream-names.js';
import { readAllForwardsFiltered, type StreamNameFilter } from './filtered-read-all.js';
import { decodeGlobalPosition } from './global-position.js';
import { toStoredEvent } from './to-stored-event.js';

/**
 * $all also holds the server's own streams ($settings, $users, projections' output...) and the
 * store's identity (`mappa-store`, see storeId); neither is what the application appended, so a
 * read or subscription without prefixes leaves out every stream whose name starts with `$`, and
 * that one.
 */
const APPLICATION_STREAMS: StreamNameFilter = { regex: `^(?![$]|${streams.identity}$)` };

export function streamNameFilterFor(prefixes: readonly string[] | undefined): StreamNameFilter {
  return prefixes === undefined ? APPLICATION_STREAMS : { prefixes };
}

/**
 * One page of $all after `after` (exclusive), filtered on the server. EventStoreDB's forward
 * read includes the event at its start position, so one more is asked for and the one at
 * `after` dropped.
 */
export async function readAllPageOnce(
  client: EventStoreDBClient,
  after: bigint | undefined,
  limit: number,
  prefixes: readonly string[] | undefined,
): Promise<StoredEvent[]> {
  // An empty prefix list matches nothing; no need to make the server scan $all to find that out.
  if (prefixes !== undefined && prefixes.length === 0) return [];
  const from = after === undefined || after < 0n ? 'start' : decodeGlobalPosition(after);
  const count = from === 'start' ? limit : limit + 1;
  const recorded = await readAllForwardsFiltered(client, from, count, streamNameFilterFor(prefixes));
  return recorded
    .map(toStoredEvent)
    .filter((event) => after === undefined || event.globalPosition > after)
    .slice(0, limit);
}
