import type { EventLog, StoredEvent } from '../eventstore/eventstore.js';
import { decodeStored } from '../event-metadata.js';
import { ACCESS_STREAM_PREFIX, accessRecords, type AccessRecord } from './records.js';

export type AccessLogFilter = {
  readonly caseId?: string | undefined;
  /** The reader's token subject. */
  readonly actor?: string | undefined;
  /** Inclusive bounds on `at`, as ISO instants. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
};

export type AccessRecordView = AccessRecord & { readonly recordId: string; readonly position: string };

export type AccessLogPage = {
  readonly records: readonly AccessRecordView[];
  /** Global position to continue after; null at the end of the log. */
  readonly next: bigint | null;
};

/** A stored access record as `/audit` shows it. An event it cannot decode fails loudly. */
export function accessRecordView(event: StoredEvent): AccessRecordView {
  const record = decodeStored(accessRecords, event);
  return { ...record, recordId: event.eventId, position: event.globalPosition.toString() };
}

function matches(record: AccessRecord, filter: AccessLogFilter): boolean {
  if (filter.actor !== undefined && record.actor.id !== filter.actor) return false;
  if (filter.caseId !== undefined && !recordCaseIds(record).includes(filter.caseId)) return false;
  if (filter.from !== undefined && record.at < filter.from) return false;
  if (filter.to !== undefined && record.at > filter.to) return false;
  return true;
}

/** The cases a record names: those read, or the one a data-protection decision was about. */
export function recordCaseIds(record: AccessRecord): readonly string[] {
  switch (record.type) {
    case 'CaseDataRead':
      return record.caseIds;
    case 'DataProtectionRecorded':
      return [record.caseId];
    case 'AccessLogRead':
      return [];
    default: {
      const unhandled: never = record;
      throw new Error(`unhandled access record ${String((unhandled as { type: string }).type)}`);
    }
  }
}

/**
 * One page of the access log in the order it was written, filtered, by a scan of the log's own
 * streams from the cursor on. `/audit` answers from the access log's index in the read models
 * (read-models/access-log-tables.ts), with the same answers; this scan is the reference it is
 * tested against, and what an app without read models answers from.
 */
export async function readAccessLog(
  store: EventLog,
  filter: AccessLogFilter,
  page: { readonly after?: bigint | undefined; readonly limit: number },
): Promise<AccessLogPage> {
  const records: AccessRecordView[] = [];
  for await (const event of store.readAll({ after: page.after, streamPrefixes: [ACCESS_STREAM_PREFIX], batchSize: 500 })) {
    const record = accessRecordView(event);
    if (!matches(record, filter)) continue;
    records.push(record);
    if (records.length === page.limit) return { records, next: event.globalPosition };
  }
  return { records, next: null };
}
