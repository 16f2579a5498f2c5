import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { open, type Sealed } from '../../src/infrastructure/personal-data/seal.js';
import { refer, rso } from '../domain/case/support/builders.js';
import { answered, bearer, serveOn } from '../http/support/served.js';
import { makeTempDir } from '../support/temp-dir.js';

const REF = 'ZEBRA-QUOKKA-93817';
const DOB = '1987-11-29';
const RETRACTION_NOTE = 'PANGOLIN-NOTE-55102 entered on the wrong subject';
const SUBMISSION_NOTE = 'OKAPI-NOTE-77341 as sent';
const CASE = 'k5-case';

/** Every form the personal values could take in a file: as written, JSON-escaped, UTF-16, and the subject's JSON in base64. */
function forms(): Buffer[] {
  const texts = [REF, DOB, RETRACTION_NOTE, SUBMISSION_NOTE, JSON.stringify({ ref: REF, dateOfBirth: DOB })];
  return texts.flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8'), Buffer.from(Buffer.from(text).toString('base64'), 'utf8')]);
}

/**
 * docs/CHECKS.md K5: personal data written through the API is in no file of the data directory in
 * clear, the event store's and the read models' included (their WAL too); only the key store holds
 * what opens it, and it does.
 */
describe('K5: nothing personal in clear outside the key store', () => {
  const dir = makeTempDir('k5');
  let served: Awaited<ReturnType<typeof serveOn>>;
  const coordinator = { sub: 'colin', role: 'coordinator', agency: 'probation', areas: ['cumbria'] } as const;
  const reviewer = { sub: 'rita', role: 'reviewer', agency: 'police', areas: ['cumbria'] } as const;
  const analyst = { sub: 'ann', role: 'analyst', agency: 'other', areas: ['cumbria'] } as const;
  const call = async (who: { sub: string; role: string; agency: string; areas: readonly string[] }, path: string, body?: unknown) =>
    answered(`${served.base}${path}`, {
      ...(body !== undefined && { method: 'POST', body: JSON.stringify(body) }),
      headers: { authorization: await bearer(who as never), ...(body !== undefined && { 'content-type': 'application/json' }) },
    }, 20_000);

  beforeAll(async () => {
    served = await serveOn(dir.path);
  });
  afterAll(() => dir.remove());

  it('writes through the API, reads it back opened, and leaves neither the ref, the date of birth nor a note in clear on disk', async () => {
    const referral = await call(coordinator, `/cases/${CASE}/commands`, refer({ occurredOn: '2024-05-01', subject: { ref: REF, dateOfBirth: DOB }, basis: rso({ relevantDate: '2024-04-10' }) }));
    expect(referral.status).toBe(201);
    const added = await call(coordinator, `/cases/${CASE}/commands`, { type: 'AddEligibilityBasis', occurredOn: '2024-06-01', basis: rso({ basisId: 'rso-2', relevantDate: '2024-05-20', custodialMonths: 12 }) });
    expect(added.status).toBe(201);
    const custody = await call(coordinator, `/cases/${CASE}/commands`, { type: 'RecordCustody', occurredOn: '2024-07-01', reason: 'remand' });
    const custodyId = (custody.body['events'] as { eventId: string }[])[0]!.eventId;
    expect((await call(coordinator, `/cases/${CASE}/commands`, { type: 'RetractEvents', eventIds: [custodyId], reason: 'recorded-in-error', note: RETRACTION_NOTE })).status).toBe(201);
    expect((await call(analyst, '/returns/2024-25/submissions', { area: 'cumbria', note: SUBMISSION_NOTE })).status).toBe(201);

    // The reads open what they show.
    expect((await call(coordinator, `/cases/${CASE}`)).body['subject']).toEqual({ ref: REF, dateOfBirth: DOB });
    const history = (await call(reviewer, `/cases/${CASE}/events`)).body['events'] as { type: string; data: Record<string, unknown> }[];
    expect(history.find((e) => e.type === 'OffenderReferred')!.data['subject']).toEqual({ ref: REF, dateOfBirth: DOB });
    expect(history.find((e) => e.type === 'EventsRetracted')!.data['note']).toBe(RETRACTION_NOTE);
    // The rules still had the date of birth when deciding: born 1987, an adult on 2024-05-20.
    expect(history.find((e) => e.type === 'EligibilityBasisAdded')!.data['basis']).toMatchObject({ under18AtRelevantDate: false });
    const submissions = (await call(analyst, '/returns/2024-25/submissions?area=cumbria')).body['submissions'] as { note: string }[];
    expect(submissions.map((s) => s.note)).toEqual([SUBMISSION_NOTE]);
    await served.server.stop(0);

    const keyFiles = new Set(['mappa-keys.db', 'mappa-keys.db-wal', 'mappa-keys.db-shm']);
    const files = readdirSync(dir.path).filter((name) => statSync(join(dir.path, name)).isFile() && !keyFiles.has(name));
    expect(files).toEqual(expect.arrayContaining(['mappa.db', 'read-models.db']));
    for (const name of files) {
      const bytes = readFileSync(join(dir.path, name));
      for (const form of forms()) expect({ file: name, found: bytes.indexOf(form) >= 0, form: form.toString('latin1') }).toEqual({ file: name, found: false, form: form.toString('latin1') });
    }

    // The key store holds the key that opens the subject sealed in the log.
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    const [stored] = await store.readStream(streams.case(CASE));
    await store.close();
    const sealed = stored!.data['subject'] as Sealed;
    expect(sealed.sealed).toMatch(/^a1\./);
    const keys = new Database(join(dir.path, 'mappa-keys.db'), { readonly: true });
    const row = keys.prepare('SELECT key FROM subject_keys WHERE case_id = ?').get(CASE) as { key: Buffer };
    keys.close();
    expect(open(row.key, CASE, sealed)).toEqual({ ref: REF, dateOfBirth: DOB });
  });
});
