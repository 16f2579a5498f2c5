import type Database from 'better-sqlite3';
import type { ValidAppend } from '../shared/append-limits.js';
import { AppendStatements, type AppendOutcome } from './append.js';
import { isStorageFault } from './fault.js';

export type GroupCommitted = {
  /** Appends settled by this transaction, refused ones included. */
  readonly appends: number;
  /** Events written. */
  readonly events: number;
};

export type Settled = { readonly ok: true; readonly outcome: AppendOutcome } | { readonly ok: false; readonly error: unknown };

/**
 * One group's transaction: the appends gathered while the writer was busy are written in one
 * transaction, hence one fsync. Each one is still checked on its own, in arrival order, inside
 * a savepoint, so a refused append leaves nothing behind and never touches its neighbours.
 * `commit` returns only after COMMIT did; if the transaction as a whole fails it throws, and
 * every append of the group shares that fault (refusals decided inside it rested on
 * rolled-back writes).
 */
export class GroupTransaction {
  readonly #db: Database.Database;
  readonly #statements: AppendStatements;
  readonly #control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackToSavepoint', Database.Statement>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = new AppendStatements(db);
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

  commit(appends: readonly ValidAppend[]): Settled[] {
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

/** Events a group wrote. */
export function eventsWritten(appends: readonly ValidAppend[], settled: readonly Settled[]): number {
  return settled.reduce((sum, s, index) => sum + (s.ok && s.outcome.wrote ? appends[index]!.events.length : 0), 0);
}
