import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import { formatsOffered } from '../../src/projections/annual-return/return-types.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import type { Server } from '../../src/infrastructure/http/serve.js';
import { generatedScripts, issueScripts } from '../support/generated-caseload.js';
import { makeTempDir } from '../support/temp-dir.js';
import { principal } from './support/api.js';
import { bearer, serveOn } from './support/served.js';

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const YEARS = ['2009-10', '2012-13', '2016-17', '2023-24'];
const MEDIA = ['application/json', 'text/csv', 'text/plain'];
const analyst = principal('analyst', { sub: 'ana', areas: '*' });
const coordinator = principal('coordinator', { sub: 'cora', areas: '*' });
const officer = principal('data-protection', { sub: 'dpo', areas: '*' });
const admin = principal('admin', { sub: 'adam', areas: '*' });

/**
 * docs/CHECKS.md K6: erasing a subject (or disposing of one at a retention review) changes no
 * figure. On a server as `npm start` runs it (SQLite store, read models in their file), every
 * return of the cases' areas and of England and Wales, in every format and media type, for
 * several years, the series and the caseload (counts and listing) are the same bytes after two
 * erasures, after a rebuild, and after the read models are deleted and built again from the log.
 */
describe('K6: erasure keeps every figure, byte for byte, live and after a rebuild', () => {
  const dir = makeTempDir('k6-erasure');
  let server: Server | undefined;
  let base = '';
  let scripts: CaseCommand[][];

  async function start(): Promise<void> {
    ({ server, base } = await serveOn(dir.path));
    await waitUntilProjected();
  }

  async function get(path: string, who = analyst, accept = 'application/json'): Promise<{ status: number; body: string }> {
    const response = await fetch(`${base}${path}`, { headers: { authorization: await bearer(who), accept }, signal: AbortSignal.timeout(60_000) });
    return { status: response.status, body: await response.text() };
  }

  async function waitUntilProjected(): Promise<void> {
    await until(async () => (await get('/admin/projections', admin)).status === 200, 'the read models answer');
  }

  /** How many erased subjects the read models hold (read from their file, as another reader would). */
  function erasedInReadModels(): number {
    const readModels = new Database(join(dir.path, 'read-models.db'), { readonly: true, fileMustExist: true });
    try {
      return (readModels.prepare("SELECT COUNT(*) AS n FROM subject_standings WHERE json_extract(standing, '$.erased') = 1").get() as { n: number }).n;
    } finally {
      readModels.close();
    }
  }

  /** The areas the generated cases were referred in. */
  const areas = () => [...new Set(scripts.map((s) => (s[0] as Extract<CaseCommand, { type: 'ReferOffender' }>).area))].sort();

  /** Every answer K6 compares, by its address. */
  async function everyFigure(): Promise<Map<string, string>> {
    const answers = new Map<string, string>();
    const take = async (key: string, path: string, who = analyst, accept = 'application/json') => {
      const { status, body } = await get(path, who, accept);
      expect(status, `${key}: ${body.slice(0, 200)}`).toBe(200);
      answers.set(key, body);
    };
    for (const area of [...areas(), 'england-and-wales']) {
      for (const year of YEARS) {
        for (const format of formatsOffered(year)) for (const accept of MEDIA) await take(`${area} ${year} ${format} ${accept}`, `/returns/${year}?area=${area}&format=${format}`, analyst, accept);
      }
      await take(`${area} series`, `/returns?area=${area}`);
    }
    for (const year of YEARS) await take(`areas ${year}`, `/returns/${year}/areas`);
    for (const area of areas()) await take(`caseload counts ${area}`, `/caseload?area=${area}`, analyst);
    await take('caseload listing', '/caseload?limit=5000', coordinator);
    return answers;
  }

  /** Cases referred in the first generated histories, erased and disposed of. */
  const erasedCase = 'gen-0';
  const disposedCase = 'gen-1';

  beforeAll(async () => {
    scripts = generatedScripts(40, 2015, { maxCommands: 20 });
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    const { accepted } = await issueScripts(store, scripts);
    expect(accepted).toBeGreaterThan(200);
    await store.close();
    await start();
  }, 120_000);

  afterAll(async () => {
    await server?.stop(0);
    dir.remove();
  });

  it('the figures are the same bytes after an erasure and a disposal, after a rebuild, and after the read models are deleted', async () => {
    const before = await everyFigure();
    // Not an empty comparison: the returns count these cases.
    expect([...before.values()].join('')).toMatch(/"cat1":[1-9]/);

    const command = async (caseId: string, body: unknown) => {
      const response = await fetch(`${base}/cases/${caseId}/commands`, {
        method: 'POST', headers: { authorization: await bearer(officer), 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await command(erasedCase, { type: 'EraseSubjectData', reason: 'erasure ordered by the court' })).status).toBe(201);
    expect((await command(disposedCase, { type: 'RecordRetentionReview', outcome: 'dispose', reason: 'retention period over' })).status).toBe(201);
    // Erased, as far as this half of section 13 reads it: a second erasure is refused.
    expect((await command(erasedCase, { type: 'EraseSubjectData', reason: 'again' })).body['code']).toBe('subject-already-erased');
    expect((await command(disposedCase, { type: 'EraseSubjectData', reason: 'again' })).body['code']).toBe('subject-already-erased');

    // The read models have applied both erasures before the figures are read again.
    await until(async () => erasedInReadModels() === 2, 'the read models hold both erasures');
    expect(await everyFigure()).toEqual(before);

    const rebuilt = await fetch(`${base}/admin/projections/rebuild`, { method: 'POST', headers: { authorization: await bearer(admin) } });
    expect(rebuilt.status).toBe(200);
    await waitUntilProjected();
    expect(await everyFigure()).toEqual(before);

    await server!.stop(0);
    server = undefined;
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir.path, `read-models.db${suffix}`), { force: true });
    await start();
    expect(await everyFigure()).toEqual(before);
    expect(erasedInReadModels()).toBe(2);
  }, 300_000);

  // The served key store is the one the erasure destroyed a key in: the reads open with it.
  it('the erased case reads subject: { erased: true }', async () => {
    const view = JSON.parse((await get(`/cases/${erasedCase}`, principal('reviewer', { areas: '*' }))).body) as Record<string, unknown>;
    expect(view['subject']).toEqual({ erased: true });
  });
});
