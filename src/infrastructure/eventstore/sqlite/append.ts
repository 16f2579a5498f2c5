import type Database from 'better-sqlite3';
import { WrongExpectedVersionError, type AppendResult } from '../eventstore.js';
import type { ValidAppend } from '../shared/append-limits.js';
import { satisfiesExpectedVersion } from '../shared/expected-version.js';
import { judgeReplay, type StoredEventLocation } from '../shared/idempotent-replay.js';

type LocationRow = { stream_name: string; stream_position: number; global_position: number };
type StreamEndRow = { stream_position: number; global_position: number };

export type AppendOutcome = { readonly result: AppendResult; readonly wrote: boolean };

/** The statements one append runs inside the group's transaction. */
export class AppendStatements {
  readonly #locate: Database.Statement<[string], LocationRow>;
  readonly #streamEnd: Database.Statement<[string], StreamEndRow>;
  readonly #insert: Database.Statement<[string, number, string, string, string, string]>;

  constructor(db: Database.Database) {
    this.#locate = db.prepare('SELECT stream_name, stream_position, global_position FROM events WHERE event_id = ?');
    this.#streamEnd = db.prepare(
      'SELECT stream_position, global_position FROM events WHERE stream_name = ? ORDER BY stream_position DESC LIMIT 1',
    );
    this.#insert = db.prepare(
      'INSERT INTO events (stream_name, stream_position, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /**
   * Checks the append against the log as it stands inside the transaction (earlier appends of
   * the same group included) and writes it. Every refusal is thrown before the first insert.
   */
  append(append: ValidAppend): AppendOutcome {
    const verdict = judgeReplay(append, (eventId) => this.#location(eventId));
    if (verdict.kind === 'replay') return { result: verdict.result, wrote: false };

    const end = this.#streamEnd.get(append.streamName);
    const actual = end?.stream_position ?? -1;
    if (!satisfiesExpectedVersion(append.expectedVersion, actual)) {
      throw new WrongExpectedVersionError(append.streamName, append.expectedVersion, actual);
    }
    let position = actual;
    let lastGlobalPosition = end?.global_position ?? -1;
    for (const event of append.events) {
      position++;
      const { lastInsertRowid } = this.#insert.run(
        append.streamName,
        position,
        event.eventId,
        event.type,
        event.data,
        event.metadata,
      );
      lastGlobalPosition = Number(lastInsertRowid);
    }
    return {
      result: { nextExpectedVersion: position, lastGlobalPosition: BigInt(lastGlobalPosition) },
      wrote: append.events.length > 0,
    };
  }

  #location(eventId: string): StoredEventLocation | undefined {
    const row = this.#locate.get(eventId);
    return row && {
      streamName: row.stream_name,
      streamPosition: row.stream_position,
      globalPosition: BigInt(row.global_position),
    };
  }
}
