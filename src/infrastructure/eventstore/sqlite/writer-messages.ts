import type { MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  DuplicateEventIdError, StoreUnavailableError, WrongExpectedVersionError,
  type AppendResult, type ExpectedVersion,
} from '../eventstore.js';
import type { ValidAppend } from '../shared/append-limits.js';
import type { GroupCommitted } from './group-commit.js';

/**
 * An error as it crosses between the writer thread and the store's thread: structured clone
 * keeps neither the class nor the fields callers match on, so each kind is carried by name.
 */
export type CarriedError =
  | { readonly kind: 'wrong-expected-version'; readonly streamName: string; readonly expected: ExpectedVersion; readonly actual: number }
  | { readonly kind: 'duplicate-event-id'; readonly eventId: string }
  | { readonly kind: 'store-unavailable'; readonly message: string; readonly cause?: CarriedError }
  | { readonly kind: 'sqlite'; readonly message: string; readonly code: string }
  | { readonly kind: 'other'; readonly name: string; readonly message: string; readonly stack?: string };

export type CarriedSettled = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: CarriedError };

export type WriterThreadData = { readonly path: string; readonly busyTimeoutMs?: number; readonly signal: SharedArrayBuffer; readonly replies: MessagePort };

export type ToWriter =
  | { readonly kind: 'appends'; readonly id: number; readonly appends: readonly ValidAppend[] }
  | { readonly kind: 'pragma'; readonly source: string }
  | { readonly kind: 'close' };

export type FromWriter =
  | { readonly kind: 'committed'; readonly ids: readonly number[]; readonly settled: readonly (readonly CarriedSettled[])[]; readonly group: GroupCommitted }
  | { readonly kind: 'group-failed'; readonly ids: readonly number[]; readonly error: CarriedError }
  | { readonly kind: 'open-failed'; readonly error: CarriedError };

/** The synchronous answer to a pragma, sent on the reply port. */
export type PragmaAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: CarriedError };

export function carry(error: unknown): CarriedError {
  if (error instanceof WrongExpectedVersionError) {
    return { kind: 'wrong-expected-version', streamName: error.streamName, expected: error.expected, actual: error.actual };
  }
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate-event-id', eventId: error.eventId };
  if (error instanceof StoreUnavailableError) {
    return { kind: 'store-unavailable', message: error.message, ...(error.cause !== undefined && { cause: carry(error.cause) }) };
  }
  if (error instanceof Database.SqliteError) return { kind: 'sqlite', message: error.message, code: error.code };
  if (error instanceof Error) return { kind: 'other', name: error.name, message: error.message, ...(error.stack !== undefined && { stack: error.stack }) };
  return { kind: 'other', name: 'Error', message: String(error) };
}

export function uncarry(carried: CarriedError): Error {
  switch (carried.kind) {
    case 'wrong-expected-version':
      return new WrongExpectedVersionError(carried.streamName, carried.expected, carried.actual);
    case 'duplicate-event-id':
      return new DuplicateEventIdError(carried.eventId);
    case 'store-unavailable':
      return new StoreUnavailableError(carried.message, carried.cause === undefined ? undefined : { cause: uncarry(carried.cause) });
    case 'sqlite':
      return new Database.SqliteError(carried.message, carried.code);
    case 'other': {
      const error = new Error(carried.message);
      error.name = carried.name;
      if (carried.stack !== undefined) error.stack = carried.stack;
      return error;
    }
    default: {
      const unknown: never = carried;
      throw new Error(`unknown carried error ${JSON.stringify(unknown)}`);
    }
  }
}
