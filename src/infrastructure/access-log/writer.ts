import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { accessRecords, accessStream, type AccessRecord } from './records.js';

/**
 * The record could not be written: the read it describes must not be answered (CHECKS.md G2).
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

export function accessLog(deps: { readonly store: EventStore; readonly clock: Clock; readonly newId?: () => string }): AccessLog {
  const newId = deps.newId ?? randomUUID;
  return {
    async record(entry) {
      const at = deps.clock.now().toISOString();
      const record = { ...entry, at } as AccessRecord;
      const eventId = newId();
      try {
        const encoded = accessRecords.encode(accessRecords.decode(record.type, 1, withoutType(record)));
        await deps.store.appendToStream(
          accessStream(at),
          [
            {
              eventId,
              type: encoded.type,
              data: encoded.data,
              metadata: {
                schemaVersion: encoded.schemaVersion,
                recordedAt: at,
                actor: record.actor,
                correlationId: record.requestId,
                causationId: eventId,
              },
            },
          ],
          // Many readers append to one day's stream at once; order among them does not matter.
          { expectedVersion: 'any' },
        );
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
