import type Database from 'better-sqlite3';
import type { AppendResult } from '../eventstore.js';
import type { ValidAppend } from '../shared/append-limits.js';
import { AppendStatements, type AppendOutcome } from './append.js';
import { asStoreError, isStorageFault } from './fault.js';

export type GroupCommitted = {
  /** Appends settled by this transaction, refused ones included. */
  readonly appends: number;
  /** Events written. */
  readonly events: number;
};

type QueuedAppend = {
  readonly append: ValidAppend;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
};

type Settled = { readonly ok: true; readonly outcome: AppendOutcome } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit: appends queued while the event loop is busy (in the same tick, or while the
 * previous commit blocked it) are written in one transaction, hence one fsync. Each one is
 * still checked on its own, in arrival order, inside a savepoint, so a refused append leaves
 * nothing behind and never touches its neighbours. Promises settle only after COMMIT returned.
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #statements: AppendStatements;
  readonly #control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackToSavepoint', Database.Statement>;
  readonly #onCommitted: (group: GroupCommitted) => void;
  #queue: QueuedAppend[] = [];
  #scheduled: NodeJS.Immediate | undefined;

  constructor(db: Database.Database, onCommitted: (group: GroupCommitted) => void) {
    this.#db = db;
    this.#statements = new AppendStatements(db);
    this.#onCommitted = onCommitted;
    this.#control = {
      // IMMEDIATE takes the write lock up front, so another process's writer makes us wait
      // (busy_timeout) at BEGIN instead of failing halfway through the group.
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT one_append'),
      release: db.prepare('RELEASE one_append'),
      rollbackToSavepoint: db.prepare('ROLLBACK TO one_append'),
    };
  }

  submit(append: ValidAppend): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ append, resolve, reject });
      // setImmediate runs after the I/O callbacks of this loop turn, so every request that
      // arrived in the same turn joins the group.
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits whatever is queued, now. */
  flush(): void {
    clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const group = this.#queue;
    this.#queue = [];
    if (group.length === 0) return;

    let settled: Settled[];
    try {
      settled = this.#commit(group.map((queued) => queued.append));
    } catch (error) {
      // The whole transaction is gone: refusals decided inside it rested on rolled-back writes,
      // so every caller gets the fault and may retry.
      const reported = asStoreError(error);
      for (const queued of group) queued.reject(reported);
      return;
    }
    const written = settled.reduce((sum, s, index) => sum + (s.ok && s.outcome.wrote ? group[index]!.append.events.length : 0), 0);
    this.#onCommitted({ appends: group.length, events: written });
    group.forEach((queued, index) => {
      const s = settled[index]!;
      if (s.ok) queued.resolve(s.outcome.result);
      else queued.reject(s.error);
    });
  }

  #commit(appends: readonly ValidAppend[]): Settled[] {
    const control = this.#control;
    control.begin.run();
    try {
      const settled = appends.map((append) => this.#appendInSavepoint(append));
      control.commit.run();
      return settled;
    } catch (error) {
      // SQLite may already have rolled back on FULL, IOERR or BUSY.
      if (this.#db.inTransaction) {
        try {
          control.rollback.run();
        } catch {
          // The original fault is the one worth reporting.
        }
      }
      throw error;
    }
  }

  #appendInSavepoint(append: ValidAppend): Settled {
    const control = this.#control;
    control.savepoint.run();
    try {
      const outcome = this.#statements.append(append);
      control.release.run();
      return { ok: true, outcome };
    } catch (error) {
      if (isStorageFault(error) || !this.#db.inTransaction) throw error;
      control.rollbackToSavepoint.run();
      control.release.run();
      return { ok: false, error };
    }
  }
}
