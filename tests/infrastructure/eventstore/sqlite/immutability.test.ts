import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEvent, newEvents } from '../contract/fixtures.js';
import { openStoreInTempDir } from './open-store.js';

describe('stored events are never updated or deleted (docs/CHECKS.md E2)', () => {
  let opened: ReturnType<typeof openStoreInTempDir>;
  let raw: Database.Database;
  let storedId: string;
  const snapshot = () => raw.prepare('SELECT * FROM events ORDER BY global_position').all();

  beforeEach(async () => {
    opened = openStoreInTempDir('immutable');
    const event = newEvent('Kept', { value: 'original' });
    storedId = event.eventId;
    await opened.store.appendToStream('s', [event, ...newEvents(2)]);
    // A plain connection with SQLite's defaults: the triggers must hold for any client, not only the adapter's.
    raw = new Database(opened.path);
  });
  afterEach(async () => {
    raw.close();
    await opened.dispose();
  });

  const statements: Array<[string, () => string]> = [
    ['UPDATE', () => `UPDATE events SET type = 'Changed'`],
    ['UPDATE of one row', () => `UPDATE events SET data = '{}' WHERE event_id = '${storedId}'`],
    ['DELETE', () => 'DELETE FROM events'],
    ['DELETE of one row', () => `DELETE FROM events WHERE event_id = '${storedId}'`],
    [
      'INSERT OR REPLACE colliding on event id',
      () => `INSERT OR REPLACE INTO events (stream_name, stream_position, event_id, type, data, metadata)
             VALUES ('other', 0, '${storedId}', 'X', '{}', '{}')`,
    ],
    [
      'REPLACE colliding on stream position',
      () => `REPLACE INTO events (stream_name, stream_position, event_id, type, data, metadata)
             VALUES ('s', 0, '${crypto.randomUUID()}', 'X', '{}', '{}')`,
    ],
    [
      'INSERT OR REPLACE colliding on global position',
      () => `INSERT OR REPLACE INTO events (global_position, stream_name, stream_position, event_id, type, data, metadata)
             VALUES (1, 'other', 0, '${crypto.randomUUID()}', 'X', '{}', '{}')`,
    ],
    [
      'upsert',
      () => `INSERT INTO events (stream_name, stream_position, event_id, type, data, metadata)
             VALUES ('s', 0, '${crypto.randomUUID()}', 'X', '{}', '{}') ON CONFLICT DO UPDATE SET type = 'X'`,
    ],
  ];

  it.each(statements)('%s is aborted by a trigger and changes nothing', (_, sql) => {
    const before = snapshot();
    expect(() => raw.exec(sql())).toThrow(/stored events are immutable/);
    expect(snapshot()).toEqual(before);
  });
});

/**
 * SQL that would change or remove rows of the events table. Trigger definitions ("BEFORE UPDATE
 * ON events") and statements on other tables (read models may upsert) do not match.
 */
const TABLE = String.raw`["\`[]?events\b`;
const MUTATIONS = [
  new RegExp(String.raw`\bUPDATE\s+(?:OR\s+\w+\s+)?${TABLE}`, 'i'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+${TABLE}`, 'i'),
  new RegExp(String.raw`\bREPLACE\s+INTO\s+${TABLE}`, 'i'),
  new RegExp(String.raw`\bINTO\s+${TABLE}[^;]*\bON\s+CONFLICT\b[^;]*\bDO\s+UPDATE\b`, 'i'),
  new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${TABLE}`, 'i'),
];

function mutationsIn(source: string): string[] {
  return MUTATIONS.flatMap((pattern) => source.match(pattern) ?? []);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js|sql)$/.test(name) ? [path] : [];
  });
}

describe('no code updates or deletes stored events (docs/CHECKS.md E2)', () => {
  it('the detector recognises each form of mutation of the events table, and nothing else', () => {
    const flagged = [
      "db.prepare('UPDATE events SET type = ?')",
      'update OR IGNORE events set data = 1',
      'DELETE FROM "events" WHERE 1',
      'REPLACE INTO events VALUES (1)',
      'INSERT OR REPLACE INTO events VALUES (1)',
      'INSERT INTO events VALUES (1) ON CONFLICT (event_id) DO UPDATE SET type = 1',
      'DROP TABLE IF EXISTS events',
    ];
    for (const sql of flagged) expect(mutationsIn(sql), sql).not.toEqual([]);
    const innocent = [
      'CREATE TRIGGER t BEFORE UPDATE ON events BEGIN SELECT 1; END',
      'CREATE TRIGGER t BEFORE DELETE ON events BEGIN SELECT 1; END',
      'INSERT OR REPLACE INTO checkpoints VALUES (1)',
      'UPDATE caseload SET count = count + 1',
      'DELETE FROM events_by_case WHERE 1',
      'INSERT INTO events (a) VALUES (1)',
    ];
    for (const sql of innocent) expect(mutationsIn(sql), sql).toEqual([]);
  });

  it('src/ holds no statement that updates, deletes or replaces stored events', () => {
    const root = join(import.meta.dirname, '../../../..');
    const files = sourceFiles(join(root, 'src'));
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((file) =>
      mutationsIn(readFileSync(file, 'utf8')).map((match) => `${relative(root, file)}: ${match}`),
    );
    expect(offending).toEqual([]);
  });
});
