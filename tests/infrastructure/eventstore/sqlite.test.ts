import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WrongExpectedVersionError } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { describeEventStoreContract } from './contract.js';
import { describeGlobalEventIdUniqueness } from './contract/global-event-ids.js';
import { collect, newEvents, settle } from './contract/fixtures.js';

const openSqlite = async () => {
  const dir = makeTempDir('contract');
  const store = openSqliteEventStore(join(dir.path, 'events.db'));
  return {
    store,
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
};

describeEventStoreContract('sqlite', openSqlite);
describeGlobalEventIdUniqueness('sqlite', openSqlite);

describe('SQLite global positions (docs/CHECKS.md S4)', () => {
  it('strictly increase with no gaps across 10,000 events written by concurrent appenders, refusals included', async () => {
    const dir = makeTempDir('s4');
    const store = openSqliteEventStore(join(dir.path, 'events.db'));
    try {
      const target = 10_000;
      let written = 0;
      let refused = 0;
      // 32 appenders: each writes 1-4 events to its own stream, and every fourth append races
      // the others on one shared stream with a stale version, so refused work is rolled back
      // inside the same groups as accepted work.
      await Promise.all(
        Array.from({ length: 32 }, async (_, appender) => {
          let version = -1;
          for (let round = 0; written < target; round++) {
            const batch = newEvents(Math.min(1 + ((appender + round) % 4), target - written));
            if (batch.length === 0) break;
            if (round % 4 === 3) {
              const outcome = await settle(store.appendToStream('shared', batch, { expectedVersion: round }));
              if (outcome.ok) written += batch.length;
              else {
                expect(outcome.error).toBeInstanceOf(WrongExpectedVersionError);
                refused++;
              }
              continue;
            }
            written += batch.length;
            const result = await store.appendToStream(`appender-${appender}`, batch, { expectedVersion: version });
            version = result.nextExpectedVersion;
          }
        }),
      );

      const positions = (await collect(store.readAll({ batchSize: 1000 }))).map((event) => event.globalPosition);
      expect(positions.length).toBeGreaterThanOrEqual(target);
      expect(refused).toBeGreaterThan(0);
      const gaps = positions.filter((position, index) => index > 0 && position !== positions[index - 1]! + 1n);
      expect(gaps).toEqual([]);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
