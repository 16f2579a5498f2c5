import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { SubjectErasedError, type DataKey, type KeyStanding, type SubjectKeys } from './subject-keys.js';
import { openKeyStore, selectKey, type KeyRow } from './subject-keys-schema.js';
import type { KeyBatch, KeyBatchMade, KeyWriterData } from './subject-keys-writer.js';

const THREAD = new URL('../read-models/worker-thread.mjs', import.meta.url);
const MODULE = new URL('./subject-keys-writer.ts', import.meta.url).href;

type Waiting = { readonly resolve: (key: DataKey) => void; readonly reject: (error: unknown) => void };

function keyOf(caseId: string, row: KeyRow): DataKey {
  if (row.destroyed === 1 || row.key === null) throw new SubjectErasedError(caseId);
  // A row from the writer thread arrives as a Uint8Array (structured clone).
  return Buffer.isBuffer(row.key) ? row.key : Buffer.from(row.key.buffer, row.key.byteOffset, row.key.byteLength);
}

/** How many times a destroy tries to empty the WAL before saying it could not. */
const CHECKPOINT_ATTEMPTS = 20;

/**
 * The key store in an SQLite file of its own (docs/DOMAIN.md section 13): a table of case id to
 * data key, or to the mark that the key was destroyed. Durable like the event store (WAL,
 * synchronous FULL). Destroying a key must leave no copy in the file: `secure_delete` makes SQLite
 * overwrite the freed bytes of the old row with zeros, and a TRUNCATE checkpoint then copies the
 * WAL into the file and empties it, so the key is neither in a free page nor in an old WAL frame.
 *
 * New keys are made in a writer thread of its own, all those asked for meanwhile in one
 * transaction: its fsync then blocks that thread, not the server's, which goes on with other
 * requests (on this machine each commit's fsync took 1-5 ms, half the server's time under load
 * when it ran here). This thread reads keys on a connection of its own; with synchronous FULL a
 * commit is visible only once it is durable, so a key read here is never one a crash could lose.
 */
export class SubjectKeysSqlite implements SubjectKeys {
  readonly #db: Database.Database;
  readonly #select: Database.Statement<[string], KeyRow>;
  readonly #markDestroyed: Database.Statement<[string]>;
  #writer: Worker | undefined;
  /** Asked for since the last batch was sent. */
  #pending = new Map<string, Waiting[]>();
  /** Batches with the writer, by id: it makes them one after another, in the order sent. */
  readonly #inFlight = new Map<number, Map<string, Waiting[]>>();
  #nextBatch = 0;
  #sendScheduled = false;
  #drained: (() => void)[] = [];

  constructor(readonly path: string) {
    this.#db = openKeyStore(path);
    this.#select = selectKey(this.#db);
    this.#markDestroyed = this.#db.prepare(
      'INSERT INTO subject_keys (case_id, key, destroyed) VALUES (?, NULL, 1) ON CONFLICT (case_id) DO UPDATE SET key = NULL, destroyed = 1',
    );
    // Started now, so the first referral does not wait for the thread to load (about half a
    // second); unreferenced while idle, so it never keeps a process alive.
    this.#startedWriter().unref();
  }

  async keyFor(caseId: string): Promise<DataKey> {
    const held = this.#select.get(caseId);
    if (held !== undefined) return keyOf(caseId, held);
    return new Promise<DataKey>((resolve, reject) => {
      const waiting = this.#pending.get(caseId);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(caseId, [{ resolve, reject }]);
      this.#scheduleSend();
    });
  }

  /** After this turn's I/O callbacks, so the referrals arriving together share one batch. */
  #scheduleSend(): void {
    if (this.#sendScheduled) return;
    this.#sendScheduled = true;
    setImmediate(() => {
      this.#sendScheduled = false;
      this.#send();
    });
  }

  /**
   * Sent at once, not held back until the batch before is made: a referral then waits for one
   * commit at most behind its own, which at many writers keeps the handler's rate up.
   */
  #send(): void {
    if (this.#pending.size === 0) {
      if (this.#inFlight.size === 0) {
        for (const drained of this.#drained.splice(0)) drained();
        this.#writer?.unref();
      }
      return;
    }
    const id = this.#nextBatch++;
    this.#inFlight.set(id, this.#pending);
    const caseIds = [...this.#pending.keys()];
    this.#pending = new Map();
    const writer = this.#startedWriter();
    writer.ref();
    writer.postMessage({ id, caseIds } satisfies KeyBatch);
  }

  #startedWriter(): Worker {
    if (this.#writer) return this.#writer;
    const writer = (this.#writer = new Worker(THREAD, { workerData: { module: MODULE, path: this.path } satisfies KeyWriterData & { module: string } }));
    writer.on('message', (made: KeyBatchMade) => this.#settle(made.id, made.ok ? made.rows : new Error(`the key store could not make keys: ${made.error}`)));
    const lost = (error: Error) => {
      if (this.#writer !== writer) return;
      this.#writer = undefined;
      for (const id of [...this.#inFlight.keys()]) this.#settle(id, error);
    };
    writer.on('error', lost);
    writer.on('exit', (code) => lost(new Error(`the key store's writer thread stopped (${code})`)));
    return writer;
  }

  #settle(id: number, made: readonly KeyRow[] | Error): void {
    const batch = this.#inFlight.get(id);
    if (batch === undefined) return;
    this.#inFlight.delete(id);
    [...batch].forEach(([caseId, waiting], i) => {
      for (const w of waiting) {
        try {
          if (made instanceof Error) throw made;
          w.resolve(keyOf(caseId, made[i]!));
        } catch (error) {
          w.reject(error);
        }
      }
    });
    this.#send();
  }

  async find(caseId: string): Promise<KeyStanding> {
    const row = this.#select.get(caseId);
    if (row === undefined) return { kind: 'none' };
    return row.destroyed === 1 || row.key === null ? { kind: 'destroyed' } : { kind: 'present', key: keyOf(caseId, row) };
  }

  async destroy(caseId: string): Promise<void> {
    this.#markDestroyed.run(caseId);
    this.#emptyWal();
  }

  /** Copies the WAL into the file and truncates it; another connection reading may hold it for a moment. */
  #emptyWal(): void {
    for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
      const [result] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result !== undefined && result.busy === 0) return;
    }
    throw new Error('the key was destroyed, but the key store WAL could not be emptied (a reader holds it): destroy again to finish');
  }

  /** Makes the keys already asked for, then stops the writer. */
  async close(): Promise<void> {
    if (this.#inFlight.size > 0 || this.#pending.size > 0) {
      await new Promise<void>((resolve) => {
        this.#drained.push(resolve);
        this.#send();
      });
    }
    const writer = this.#writer;
    this.#writer = undefined;
    await writer?.terminate();
    if (this.#db.open) this.#db.close();
  }
}
