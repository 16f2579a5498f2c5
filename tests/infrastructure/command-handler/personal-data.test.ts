import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { SealedPersonalData } from '../../../src/infrastructure/personal-data/personal-data.js';
import { open, type Sealed } from '../../../src/infrastructure/personal-data/seal.js';
import { SubjectKeysInMemory, type SubjectKeys } from '../../../src/infrastructure/personal-data/subject-keys.js';
import { cmd, refer, rso } from '../../domain/case/support/builders.js';

const actor = { id: 'coord-1', role: 'coordinator', agency: 'police' } as const;

/** A key store that counts what it is asked. */
function counted(keys: SubjectKeys) {
  const calls: string[] = [];
  const port: SubjectKeys = {
    keyFor: (caseId) => (calls.push(`keyFor ${caseId}`), keys.keyFor(caseId)),
    find: (caseId) => (calls.push(`find ${caseId}`), keys.find(caseId)),
    destroy: (caseId) => (calls.push(`destroy ${caseId}`), keys.destroy(caseId)),
    close: () => keys.close(),
  };
  return { port, calls };
}

describe('the handler and personal data (docs/DOMAIN.md section 13)', () => {
  it('seals the referral under the case key, and only the commands whose rules need the subject touch the key store', async () => {
    const store = openMemoryEventStore();
    const keys = new SubjectKeysInMemory();
    const { port, calls } = counted(keys);
    const handle = caseCommandHandler({ store, clock: manualClock('2026-11-24T10:00:00.000Z'), personalData: new SealedPersonalData(port) });
    const ctx = { areas: '*' as const, actor };
    expect(await handle('p-1', refer({ subject: { ref: 'SUBJ-77', dateOfBirth: '1992-03-15' } }), ctx)).toMatchObject({ kind: 'accepted' });
    expect(calls.splice(0)).toEqual(['keyFor p-1']);

    for (const command of [
      cmd('RecordCustody', '2008-06-01', { reason: 'remand' }),
      cmd('RecordRelease', '2008-07-01', {}),
      cmd('SetManagementLevel', '2008-08-01', { level: 2 }),
      cmd('ChangeLocalUnit', '2008-09-01', { localUnit: 'South BCU' }),
    ]) expect(await handle('p-1', command, ctx)).toMatchObject({ kind: 'accepted' });
    const breach = await handle('p-1', cmd('RecordNotificationBreach', '2008-10-01', { disposal: 'caution' }), ctx);
    const breachId = breach.kind === 'accepted' ? breach.events[0]!.eventId : '';
    expect(await handle('p-1', { type: 'RetractEvents', eventIds: [breachId], reason: 'duplicate' }, ctx)).toMatchObject({ kind: 'accepted' });
    expect(calls).toEqual([]);

    expect(await handle('p-1', cmd('AddEligibilityBasis', '2008-11-01', { basis: rso({ basisId: 'rso-2', relevantDate: '2008-10-20', custodialMonths: 12 }) }), ctx)).toMatchObject({ kind: 'accepted' });
    expect(calls.splice(0)).toEqual(['find p-1']);

    const [referral, ...rest] = await store.readStream(streams.case('p-1'));
    expect(open((await keys.keyFor('p-1')), 'p-1', referral!.data['subject'] as Sealed)).toEqual({ ref: 'SUBJ-77', dateOfBirth: '1992-03-15' });
    // Decided with the opened date of birth: 16 on the relevant date.
    expect(rest[rest.length - 1]!.data['basis']).toMatchObject({ under18AtRelevantDate: true });
    expect(JSON.stringify((await store.readStream(streams.case('p-1'))).map((e) => e.data))).not.toMatch(/SUBJ-77|1992-03-15/);
  });
});
