import { readAccessLog, type AccessLogFilter, type AccessLogPage } from '../access-log/reader.js';
import { ACCESS_STREAM_PREFIX } from '../access-log/records.js';
import type { EventLog } from '../eventstore/eventstore.js';
import { checkpointReaches, type ProjectionService, type Unavailable } from './projection-service.js';

type AccessLogAnswer = { readonly ok: true; readonly page: AccessLogPage } | { readonly ok: false; readonly unavailable: Unavailable };

/** Where `/audit` pages come from. */
export type AccessLogPages = (filter: AccessLogFilter, page: { readonly after?: bigint | undefined; readonly limit: number }) => Promise<AccessLogAnswer>;

/** The scan of the log itself (access-log/reader.ts): for an app without read models. */
export const scannedAccessLog =
  (store: EventLog): AccessLogPages =>
  async (filter, page) => ({ ok: true, page: await readAccessLog(store, filter, page) });

/**
 * Pages from the access log's index in the read models, with the answers the scan gives: first
 * it waits (at most `waitMs`) until the index holds every access record committed when the
 * request came, so a reader finds its own reads; then it asks the index. It finds the records
 * still to index by reading the log after the index's checkpoint for the next access record;
 * a stretch found to hold none is remembered, so no event of the log is looked at twice.
 */
export function indexedAccessLog(store: EventLog, projections: ProjectionService, options: { readonly waitMs: number }): AccessLogPages {
  let scannedTo = -1n;

  async function nextUnindexed(indexed: bigint): Promise<bigint | null> {
    const head = await store.headPosition();
    const from = indexed > scannedTo ? indexed : scannedTo;
    if (head === null || head <= from) return null;
    for await (const e of store.readAll({ after: from, streamPrefixes: [ACCESS_STREAM_PREFIX], maxCount: 1, batchSize: 1 })) {
      if (e.globalPosition <= head) return e.globalPosition;
    }
    if (head > scannedTo) scannedTo = head;
    return null;
  }

  return async (filter, page) => {
    const deadline = Date.now() + options.waitMs;
    const tables = () => projections.readModels.accessLog;
    for (;;) {
      const unavailable = projections.availability('access-log');
      if (unavailable?.reason === 'failed') return { ok: false, unavailable };
      const pending = await nextUnindexed(tables().checkpoint() ?? -1n);
      if (pending === null) return { ok: true, page: tables().page(filter, page) };
      try {
        await checkpointReaches(() => tables().checkpoint(), pending, Math.max(0, deadline - Date.now()), () => unavailable?.detail ?? 'behind the log');
      } catch {
        return {
          ok: false,
          unavailable: unavailable ?? { reason: 'catching-up', detail: `the access log's index is behind the log by more than ${options.waitMs} ms of work; retry shortly`, retry: true },
        };
      }
    }
  };
}
