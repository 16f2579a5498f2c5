import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { openEventStoreDbEventStore } from '../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { EsdbTestServer } from '../../support/esdb-test-server/index.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { collect, newEvents } from './contract/fixtures.js';

describe('the store id: created with the log, kept by every copy of it, another for any other log', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  it('SQLite: a table in the store file; the same after reopening and in a copy of the file, another in a new file', async () => {
    dir = makeTempDir('store-id');
    const path = join(dir.path, 'mappa.db');
    const store = openSqliteEventStore(path);
    const id = await store.storeId();
    await store.close();
    copyFileSync(path, join(dir.path, 'copy.db'));
    const [reopened, copy, other] = [openSqliteEventStore(path), openSqliteEventStore(join(dir.path, 'copy.db')), openSqliteEventStore(join(dir.path, 'other.db'))];
    try {
      expect(await reopened.storeId()).toBe(id);
      expect(await copy.storeId()).toBe(id);
      expect(await other.storeId()).not.toBe(id);
    } finally {
      await Promise.all([reopened.close(), copy.close(), other.close()]);
    }
    const raw = new Database(path);
    try {
      expect(() => raw.prepare('UPDATE store_identity SET store_id = ?').run('another')).toThrow(/immutable/);
      expect(() => raw.prepare('DELETE FROM store_identity').run()).toThrow(/immutable/);
    } finally {
      raw.close();
    }
  });

  it('SQLite: a file of schema version 1 (no identity) gets one when opened, its events untouched', async () => {
    dir = makeTempDir('store-id-v1');
    const path = join(dir.path, 'mappa.db');
    const store = openSqliteEventStore(path);
    await store.appendToStream('s-1', newEvents(2));
    await store.close();
    const raw = new Database(path);
    raw.exec('DROP TABLE store_identity');
    raw.pragma('user_version = 1');
    raw.close();
    const upgraded = openSqliteEventStore(path);
    try {
      expect(await upgraded.storeId()).toMatch(/^[0-9a-f-]{36}$/);
      expect(await upgraded.readStream('s-1')).toHaveLength(2);
      expect(upgraded.pragma('user_version')).toBe(2);
    } finally {
      await upgraded.close();
    }
  });

  it('memory: every store is a new log', async () => {
    const [a, b] = [openMemoryEventStore(), openMemoryEventStore()];
    expect(await a.storeId()).not.toBe(await b.storeId());
  });

  it('EventStoreDB: one StoreCreated event in mappa-store, written with no_stream; every client of the server reads it, another server has its own', async () => {
    const [server, otherServer] = await Promise.all([EsdbTestServer.start(), EsdbTestServer.start()]);
    const clients = [openEventStoreDbEventStore(server.connectionString), openEventStoreDbEventStore(server.connectionString)];
    const other = openEventStoreDbEventStore(otherServer.connectionString);
    try {
      const ids = await Promise.all(clients.flatMap((client) => [client.storeId(), client.storeId()]));
      expect(new Set(ids).size).toBe(1);
      const stream = await clients[0]!.readStream(streams.identity);
      expect(stream.map((e) => [e.type, e.data])).toEqual([['StoreCreated', { storeId: ids[0] }]]);
      expect(await other.storeId()).not.toBe(ids[0]);
      // The identity stream is not case data: projections and the access log read only their prefixes.
      expect(await collect(clients[0]!.readAll({ streamPrefixes: [streams.casePrefix] }))).toEqual([]);
    } finally {
      await Promise.all([...clients, other].map((c) => c.close()));
      await Promise.all([server.stop(), otherServer.stop()]);
    }
  });
});
