/**
 * The SQLite store's writer thread: its own connection, the group transactions and their fsync,
 * off the thread that serves requests. Batches arrive in order from the store's thread; those
 * that arrived while a transaction ran are committed together in the next one, in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { ensureSchema } from './schema.js';
import type { ValidAppend } from '../shared/append-limits.js';
import { openConnection } from './connection.js';
import { asStoreError } from './fault.js';
import { eventsWritten, GroupTransaction } from './group-commit.js';
import { carry, type CarriedError, type CarriedSettled, type FromWriter, type PragmaAnswer, type ToWriter, type WriterThreadData } from './writer-messages.js';

const data = workerData as WriterThreadData;
const port = parentPort!;
const signal = new Int32Array(data.signal);
const send = (message: FromWriter) => port.postMessage(message);

let db: Database.Database | undefined;
let group: GroupTransaction | undefined;
let openFault: CarriedError | undefined;
try {
  db = openConnection(data.path, data.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: data.busyTimeoutMs });
  ensureSchema(db);
  group = new GroupTransaction(db);
} catch (error) {
  db?.close();
  db = undefined;
  openFault = carry(asStoreError(error));
  send({ kind: 'open-failed', error: openFault });
}

let waiting: { id: number; appends: readonly ValidAppend[] }[] = [];
let scheduled = false;

function commitWaiting(): void {
  scheduled = false;
  const batches = waiting;
  waiting = [];
  if (batches.length === 0) return;
  const ids = batches.map((batch) => batch.id);
  if (group === undefined) {
    send({ kind: 'group-failed', ids, error: openFault! });
    return;
  }
  const appends = batches.flatMap((batch) => batch.appends);
  let settled;
  try {
    settled = group.commit(appends);
  } catch (error) {
    send({ kind: 'group-failed', ids, error: carry(asStoreError(error)) });
    return;
  }
  const carried: CarriedSettled[] = settled.map((s) => (s.ok ? { ok: true, result: s.outcome.result } : { ok: false, error: carry(s.error) }));
  let offset = 0;
  const perBatch = batches.map((batch) => carried.slice(offset, (offset += batch.appends.length)));
  send({ kind: 'committed', ids, settled: perBatch, group: { appends: appends.length, events: eventsWritten(appends, settled) } });
}

function answerPragma(source: string): void {
  let answer: PragmaAnswer;
  try {
    if (db === undefined) throw new Error('the writer connection is not open');
    answer = { ok: true, value: db.pragma(source, { simple: true }) };
  } catch (error) {
    answer = { ok: false, error: carry(asStoreError(error)) };
  }
  data.replies.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (message: ToWriter) => {
  switch (message.kind) {
    case 'appends':
      waiting.push(message);
      // Every batch already delivered joins this group: setImmediate runs after them.
      if (!scheduled) {
        scheduled = true;
        setImmediate(commitWaiting);
      }
      break;
    case 'pragma':
      // Batches delivered before it are committed first, as they were on one thread.
      commitWaiting();
      answerPragma(message.source);
      break;
    case 'close':
      commitWaiting();
      db?.close();
      db = undefined;
      data.replies.close();
      port.close();
      break;
    default: {
      const unknown: never = message;
      throw new Error(`unknown message ${JSON.stringify(unknown)}`);
    }
  }
});
