import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock.js';
import { stampFor, toAppend } from '../event-metadata.js';
import type { EventStreams } from '../eventstore/eventstore.js';
import { OwnStreamAppender } from './own-stream.js';
import { accessRecords, accessStream, type AccessRecord } from './records.js';

/**
 * The record could not be written: the read it describes must not be answered (docs/CHECKS.md G2).
 * Whatever the cause, the caller answers 503 and sends no case data.
 */
export class AccessLogUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the access log cannot be written', options);
    this.name = 'AccessLogUnavailableError';
  }
}

/** What a reader supplies; the writer stamps `at` from the clock. */
export type AccessEntry = AccessRecord extends infer R ? (R extends AccessRecord ? Omit<R, 'at'> : never) : never;

export type AccessLog = {
  /** Appends the record durably; resolves once stored, rejects with AccessLogUnavailableError. */
  record(entry: AccessEntry): Promise<void>;
};

/**
 * The access log's writer. Its records go to streams of its own, one per UTC day (records.ts),
 * appended at exact versions, so each record is stored once however its append is retried.
 */
export function accessLog(deps: { readonly store: EventStreams; readonly clock: Clock; readonly newId?: () => string; readonly writerId?: string }): AccessLog {
  const newId = deps.newId ?? uuidv7;
  const writerId = deps.writerId ?? randomUUID().replaceAll('-', '').slice(0, 12);
  const appenders = new Map<string, OwnStreamAppender>();

  const appenderFor = (streamName: string) => {
    let appender = appenders.get(streamName);
    if (appender === undefined) {
      // A day's stream is done with once the next day's has started and nothing waits for it.
      for (const [name, other] of appenders) if (other.idle) appenders.delete(name);
      appender = new OwnStreamAppender(deps.store, streamName);
      appenders.set(streamName, appender);
    }
    return appender;
  };

  return {
    async record(entry) {
      const at = deps.clock.now().toISOString();
      const record = { ...entry, at } as AccessRecord;
      const eventId = newId();
      try {
        const valid = accessRecords.decode(record.type, accessRecords.currentVersion[record.type], withoutType(record));
        const stamp = stampFor({ actor: record.actor, correlationId: record.requestId, clientRequestId: record.clientRequestId }, at, eventId);
        await appenderFor(accessStream(at, writerId)).append(toAppend(accessRecords, eventId, valid, stamp));
      } catch (error) {
        throw new AccessLogUnavailableError({ cause: error });
      }
    },
  };
}

function withoutType(record: AccessRecord): Record<string, unknown> {
  const { type: _type, ...data } = record;
  return data;
}
