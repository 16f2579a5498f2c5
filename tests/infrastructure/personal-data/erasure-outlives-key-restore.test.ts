import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { join } from 'node:path';
import { buildApp } from '../../../src/infrastructure/http/app.js';
import { SubjectKeysInMemory } from '../../../src/infrastructure/personal-data/subject-keys.js';
import { refer } from '../../domain/case/support/builders.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { principal, startApi, testConfig, testTokens } from '../../http/support/api.js';

/**
 * The backup rule of docs/DOMAIN.md section 13: the key store is backed up apart from the log; a
 * key-store backup taken before an erasure, restored, does not bring the destroyed key back,
 * because opening the engine applies every erasure the log records to the key store again.
 */
describe('an erasure outlives a key store restored from before it', () => {
  it('back up the keys, erase, restore the keys backup, open: the subject is still erased, the others keep their keys', async () => {
    const dir = makeTempDir('erasure-restore');
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    try {
      const live = new SubjectKeysInMemory();
      const api = await startApi({ store, keys: live });
      const coordinator = api.as(principal('coordinator'));
      for (const caseId of ['erased', 'kept']) {
        expect((await coordinator.command(caseId, refer())).statusCode).toBe(201);
        await live.keyFor(caseId);
      }
      // The backup of the key store, taken now: both keys present in it.
      const backup = new SubjectKeysInMemory();
      for (const caseId of ['erased', 'kept']) await backup.keyFor(caseId);

      expect((await api.as(principal('data-protection')).command('erased', { type: 'EraseSubjectData', reason: 'court order' })).statusCode).toBe(201);
      expect((await live.find('erased')).kind).toBe('destroyed');
      await api.app.close();
      await api.projections.close();

      // Restored: the backup's keys, the log as it is. Opening the engine erases again.
      expect((await backup.find('erased')).kind).toBe('present');
      const reopened = await buildApp({ config: { ...testConfig, logLevel: 'silent' }, store, tokens: testTokens, keys: backup });
      expect((await backup.find('erased')).kind).toBe('destroyed');
      await expect(backup.keyFor('erased')).rejects.toThrow(/destroyed/);
      expect((await backup.find('kept')).kind).toBe('present');
      await reopened.close();
    } finally {
      await store.close();
      dir.remove();
    }
  });

  it('a disposal at a retention review counts as an erasure for the rule', async () => {
    const api = await startApi();
    try {
      expect((await api.as(principal('coordinator')).command('disposed', refer())).statusCode).toBe(201);
      expect((await api.as(principal('data-protection')).command('disposed', { type: 'RecordRetentionReview', outcome: 'dispose', reason: 'period over' })).statusCode).toBe(201);
      const restored = new SubjectKeysInMemory();
      await restored.keyFor('disposed');
      const reopened = await buildApp({ config: { ...testConfig, logLevel: 'silent' }, store: api.store, tokens: testTokens, keys: restored });
      expect((await restored.find('disposed')).kind).toBe('destroyed');
      await reopened.close();
    } finally {
      await api.close();
    }
  });
});
