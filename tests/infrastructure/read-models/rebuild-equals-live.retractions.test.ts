import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { AREAS } from '../../support/case-history.arbitrary.js';
import { generatedScripts, issueScripts } from '../../support/generated-caseload.js';
import { lastProjectedPosition, projectionsOnSqlite } from '../../support/projections-on-sqlite.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

async function allReturns(projections: ProjectionsInThread): Promise<string> {
  const out: string[] = [];
  for (let year = 2004; year <= 2033; year++) {
    const reportingYear = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    for (const area of [...AREAS, NATIONAL]) out.push(JSON.stringify(await projections.annualReturn({ area, reportingYear, format: '2008' })));
  }
  return out.join('\n');
}

describe('P1 with corrections: a rebuild equals the live projection when facts were retracted (docs/DOMAIN.md section 10)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('retractions of single commands and of whole cases, followed live and rebuilt from position 0', async () => {
    const sqlite = projectionsOnSqlite('projections-retractions');
    ({ close } = sqlite);
    const { store, open } = sqlite;
    const live = open('live.db');
    await live.start();
    const scripts = generatedScripts(120, 20261203);
    await issueScripts(store, scripts);
    await live.caughtUpTo(await lastProjectedPosition(store));
    const before = await allReturns(live);

    const handle = caseCommandHandler({ store, clock: manualClock('2032-06-01T12:00:00.000Z') });
    const actor = { id: 'corrector', role: 'coordinator', agency: 'police' } as const;
    let retracted = 0;
    for (let n = 0; n < scripts.length; n++) {
      const caseId = `gen-${n}`;
      const events = await store.readStream(streams.case(caseId));
      if (events.length === 0 || n % 3 !== 0) continue;
      // Every sixth case loses every event; every other third case its last one (when nothing depends on it).
      const eventIds = n % 6 === 0 ? events.map((e) => e.eventId) : [events[events.length - 1]!.eventId];
      const outcome = await handle(caseId, { type: 'RetractEvents', eventIds, reason: 'recorded-in-error' }, { areas: '*', actor });
      if (outcome.kind === 'accepted') retracted++;
    }
    expect(retracted).toBeGreaterThan(20);
    await live.caughtUpTo(await lastProjectedPosition(store));
    const liveReturns = await allReturns(live);
    expect(liveReturns).not.toBe(before);

    const rebuilt = open('rebuilt.db');
    await rebuilt.start();
    expect(hash(rebuilt.readModels.dump())).toBe(hash(live.readModels.dump()));
    expect(hash(await allReturns(rebuilt))).toBe(hash(liveReturns));
  }, 240_000);
});
