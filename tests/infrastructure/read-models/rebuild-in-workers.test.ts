import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { ReadModels } from '../../../src/infrastructure/read-models/read-models.js';
import { projectLogInto } from '../../../src/infrastructure/read-models/rebuild.js';
import { generatedScripts, issueScripts } from '../../support/generated-caseload.js';
import { makeTempDir } from '../../support/temp-dir.js';

describe('a rebuild split between worker threads', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('gives exactly the read models a rebuild in one thread gives, at the same cut', async () => {
    const dir = makeTempDir('rebuild-workers');
    const path = join(dir.path, 'events.db');
    const store = openSqliteEventStore(path);
    cleanups.push(() => dir.remove(), () => store.close());
    await issueScripts(store, generatedScripts(120, 31));

    const here = new ReadModels(join(dir.path, 'here.db'));
    const split = new ReadModels(join(dir.path, 'split.db'));
    cleanups.push(() => here.close(), () => split.close());
    const inThread = await projectLogInto(store, here);
    const inWorkers = await projectLogInto(store, split, { workers: { location: { kind: 'sqlite', path }, count: 3 } });

    expect(inWorkers).toEqual(inThread);
    expect(inThread.cases).toBe(120);
    expect(split.dump()).toBe(here.dump());
  });
});
