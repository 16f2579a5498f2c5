import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { StoreUnavailableError, type AppendResult } from '../eventstore.js';
import type { ValidAppend } from '../shared/append-limits.js';
import type { GroupCommitted } from './group-commit.js';
import { uncarry, type CarriedError, type FromWriter, type PragmaAnswer, type ToWriter, type WriterThreadData } from './writer-messages.js';

const THREAD = new URL('../../read-models/worker-thread.mjs', import.meta.url);
const ENTRY = new URL('./writer-thread-entry.ts', import.meta.url);

/** How long a pragma may wait for the writer (it first commits the batches sent before it). */
const PRAGMA_TIMEOUT_MS = 30_000;

type Waiter = { readonly resolve: (result: AppendResult) => void; readonly reject: (error: unknown) => void };

/**
 * Group commit, with the SQL and the fsync in a thread of their own (writer-thread-entry.ts):
 * appends submitted in one turn of this thread's event loop go over as one batch, and batches
 * that reach the writer while it commits join its next transaction. A promise settles only
 * once the writer's COMMIT returned, and batches are committed in the order they were sent,
 * so durability and ordering are those of one thread; this thread keeps serving meanwhile.
 */
export class WriterThread {
  readonly #data: Omit<WriterThreadData, 'signal' | 'replies'>;
  readonly #onCommitted: (group: GroupCommitted) => void;
  #worker: Worker | undefined;
  #replies: MessagePort | undefined;
  #signal: Int32Array | undefined;
  #queue: ValidAppend[] = [];
  #queueWaiters: Waiter[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #nextId = 0;
  readonly #inFlight = new Map<number, Waiter[]>();
  #drained: (() => void) | undefined;

  constructor(data: Omit<WriterThreadData, 'signal' | 'replies'>, onCommitted: (group: GroupCommitted) => void) {
    this.#data = data;
    this.#onCommitted = onCommitted;
    // Started now, not at the first append: loading the thread takes a few hundred milliseconds,
    // which the first appends would otherwise wait. Idle, it does not keep the process alive.
    this.#started().unref();
  }

  submit(append: ValidAppend): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push(append);
      this.#queueWaiters.push({ resolve, reject });
      // setImmediate runs after the I/O callbacks of this loop turn, so every request that
      // arrived in the same turn joins the batch.
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Sends whatever is queued to the writer, now. */
  flush(): void {
    clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (this.#queue.length === 0) return;
    const appends = this.#queue;
    const waiters = this.#queueWaiters;
    this.#queue = [];
    this.#queueWaiters = [];
    const id = this.#nextId++;
    this.#inFlight.set(id, waiters);
    const worker = this.#started();
    worker.ref();
    this.#post({ kind: 'appends', id, appends });
  }

  /** Runs a PRAGMA on the writer's connection and waits for its value (operations and tests only: this thread blocks meanwhile). */
  pragma(source: string): unknown {
    this.flush();
    this.#started();
    Atomics.store(this.#signal!, 0, 0);
    this.#post({ kind: 'pragma', source });
    if (Atomics.wait(this.#signal!, 0, 0, PRAGMA_TIMEOUT_MS) === 'timed-out') throw new StoreUnavailableError('the SQLite writer thread did not answer');
    const answer = receiveMessageOnPort(this.#replies!)?.message as PragmaAnswer | undefined;
    if (answer === undefined) throw new StoreUnavailableError('the SQLite writer thread did not answer');
    if (!answer.ok) throw uncarry(answer.error);
    return answer.value;
  }

  /** Commits what is queued and in flight, then stops the thread. */
  async close(): Promise<void> {
    this.flush();
    if (this.#inFlight.size > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    const worker = this.#worker;
    if (worker === undefined) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Held until it has let go of the file: an idle thread would not keep the process alive for that.
    worker.ref();
    this.#post({ kind: 'close' });
    await exited;
  }

  #post(message: ToWriter): void {
    this.#worker!.postMessage(message);
  }

  #started(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const data: WriterThreadData & { module: string } = { ...this.#data, module: ENTRY.href, signal, replies: port2 };
    const worker = new Worker(THREAD, { workerData: data, transferList: [port2] });
    this.#signal = new Int32Array(signal);
    this.#replies = port1;
    port1.unref();
    worker.on('message', (message: FromWriter) => this.#receive(message));
    worker.on('error', (error) => this.#lost(worker, new StoreUnavailableError(`the SQLite writer thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.#lost(worker, new StoreUnavailableError(`the SQLite writer thread stopped (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  #receive(message: FromWriter): void {
    switch (message.kind) {
      case 'committed':
        this.#onCommitted(message.group);
        message.ids.forEach((id, index) => {
          const waiters = this.#take(id);
          message.settled[index]!.forEach((s, n) => (s.ok ? waiters[n]!.resolve(s.result) : waiters[n]!.reject(uncarry(s.error))));
        });
        break;
      case 'group-failed':
        this.#failAll(message.ids, message.error);
        break;
      case 'open-failed': {
        // Everything in flight went to this thread; the next append starts a new one, as the
        // condition (another process's lock, a full disk) may clear.
        const failed = this.#worker;
        if (failed !== undefined) this.#lost(failed, uncarry(message.error));
        void failed?.terminate();
        break;
      }
      default: {
        const unknown: never = message;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
    this.#settleIfIdle();
  }

  #failAll(ids: readonly number[], carried: CarriedError): void {
    for (const id of ids) {
      // One error object per caller: each may be thrown and annotated on its own.
      for (const waiter of this.#take(id)) waiter.reject(uncarry(carried));
    }
  }

  #take(id: number): Waiter[] {
    const waiters = this.#inFlight.get(id) ?? [];
    this.#inFlight.delete(id);
    return waiters;
  }

  /** The thread is gone: what it had not answered is refused (the caller may retry), and the next append starts a new one. */
  #lost(worker: Worker, error: Error): void {
    // A thread already replaced (it failed to open) has nothing left in flight.
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    for (const [id, waiters] of [...this.#inFlight]) {
      this.#inFlight.delete(id);
      for (const waiter of waiters) waiter.reject(error);
    }
    this.#settleIfIdle();
  }

  #settleIfIdle(): void {
    if (this.#inFlight.size > 0) return;
    // Nothing awaits the writer: it must not keep the process alive by itself.
    this.#worker?.unref();
    this.#drained?.();
    this.#drained = undefined;
  }
}
