import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliFailure } from '../../src/infrastructure/cli/fail.js';
import { importPopulations } from '../../src/infrastructure/cli/populations/import-populations.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { principal, startApi, type TestApi } from '../http/support/api.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const operator = { id: 'ops-1', role: 'admin', agency: 'other' } as const;
const HEADER = 'area,reportingYear,basis,population,source';

describe('mappa populations import: one file instead of one PUT per area and year', () => {
  let api: TestApi | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(async () => {
    await api?.close();
    dir?.remove();
  });

  it('records each row as PUT /areas/{area}/population/{year} does: the same event, and a figure already recorded writes nothing', async () => {
    api = await startApi();
    const text = [HEADER, 'cumbria,2008-09,all-ages,491500,"ONS mid-year estimate, 2008"', 'lancashire,2008-09,all-ages,1449300,ONS', 'cumbria,2009-10,aged-10-plus,440000,ONS'].join('\r\n');
    const imported = await importPopulations(text, { store: api.store, clock: api.clock, actor: operator, correlationId: 'import-1' });
    expect(imported).toEqual({ rows: 3, recorded: 3, unchanged: 0, failures: [] });

    // Through the API, the figure the file recorded is already there (200, nothing written); another is recorded (201).
    const admin = principal('admin', { areas: ['cumbria'] });
    const put = (year: string, body: unknown) =>
      api!.as(admin).request({ method: 'PUT', url: `/areas/cumbria/population/${year}`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const same = await put('2008-09', { population: 491500, basis: 'all-ages', source: 'ONS mid-year estimate, 2008' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ area: 'cumbria', reportingYear: '2008-09', population: 491500, version: 1 });
    expect((await put('2010-11', { population: 500000, basis: 'all-ages', source: 'ONS' })).statusCode).toBe(201);

    const cumbria = await api.store.readStream(streams.area('cumbria'));
    expect(cumbria.map((e) => [e.type, e.data['reportingYear'], Object.keys(e.data).sort(), Object.keys(e.metadata).sort()])).toEqual([
      ['AreaPopulationRecorded', '2008-09', ['area', 'basis', 'population', 'reportingYear', 'source'], ['actor', 'causationId', 'correlationId', 'recordedAt', 'schemaVersion']],
      ['AreaPopulationRecorded', '2009-10', ['area', 'basis', 'population', 'reportingYear', 'source'], ['actor', 'causationId', 'correlationId', 'recordedAt', 'schemaVersion']],
      ['AreaPopulationRecorded', '2010-11', ['area', 'basis', 'population', 'reportingYear', 'source'], ['actor', 'causationId', 'correlationId', 'recordedAt', 'schemaVersion']],
    ]);
    expect(cumbria[0]!.metadata['actor']).toEqual(operator);
    expect(cumbria[0]!.data['source']).toBe('ONS mid-year estimate, 2008');

    const again = await importPopulations(text, { store: api.store, clock: api.clock, actor: operator, correlationId: 'import-2' });
    expect(again).toEqual({ rows: 3, recorded: 0, unchanged: 3, failures: [] });
    const revised = await importPopulations(`${HEADER}\ncumbria,2008-09,all-ages,492000,ONS revised`, { store: api.store, clock: api.clock, actor: operator, correlationId: 'import-3' });
    expect(revised).toMatchObject({ recorded: 1 });

    const areas = (await api.as(principal('analyst')).get('/areas')).json() as { areas: { code: string; populations: { reportingYear: string; population: number }[] }[] };
    expect(areas.areas.find((a) => a.code === 'cumbria')!.populations.find((p) => p.reportingYear === '2008-09')!.population).toBe(492000);
  });

  it('names the line and the column of each bad row, and refuses a file without the header', async () => {
    api = await startApi();
    const text = [
      HEADER,
      'narnia,2008-09,all-ages,1000,x',
      'cumbria,2008,all-ages,1000,x',
      'cumbria,2008-09,everyone,1000,x',
      'cumbria,2008-09,all-ages,lots,x',
      'cumbria,2008-09,all-ages,0,x',
      'cumbria,2008-09,all-ages,1000',
      'cumbria,2008-09,all-ages,1000,',
      'cumbria,2008-09,all-ages,491500,ONS',
    ].join('\n');
    const report = await importPopulations(text, { store: api.store, clock: api.clock, actor: operator, correlationId: 'bad' });
    expect(report.recorded).toBe(1);
    expect(report.failures).toEqual([
      { line: 2, message: expect.stringMatching(/^area: must be one of avon-and-somerset, .*wiltshire$/) },
      { line: 3, message: 'reportingYear: must be a reporting year written YYYY-YY, e.g. 2008-09' },
      { line: 4, message: 'basis: must be one of all-ages, aged-10-plus' },
      { line: 5, message: 'population: must be a whole number from 1 to 100000000' },
      { line: 6, message: expect.stringMatching(/^population: /) },
      { line: 7, message: 'has 4 fields; expected 5 (area,reportingYear,basis,population,source)' },
      { line: 8, message: 'source: must be at least 1 character' },
    ]);
    const wrongHeader = importPopulations('area,year,population\ncumbria,2008-09,1', { store: api.store, clock: api.clock, actor: operator, correlationId: 'h' });
    await expect(wrongHeader).rejects.toThrow(CliFailure);
    await expect(wrongHeader).rejects.toMatchObject({ exitCode: 2, message: '<file>: the first line must be the header area,reportingYear,basis,population,source, not area,year,population' });
  });

  it('on the command line: a report, exit 1 while a row fails, exit 0 once all are in', async () => {
    dir = makeTempDir('populations');
    const file = join(dir.path, 'populations.csv');
    writeFileSync(file, `${HEADER}\ncumbria,2008-09,all-ages,491500,ONS\nkent,2008-09,all-ages,many,ONS\n`);
    const env = { MAPPA_STORE: `sqlite:${join(dir.path, 'mappa.db')}`, MAPPA_DATA_DIR: dir.path };
    const failed = await runTs(MAPPA_CLI, ['populations', 'import', file, '--actor', 'ops-1'], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('line 3: population: must be a whole number from 1 to 100000000\n2 rows: 1 recorded, 0 unchanged, 1 failed\n');
    writeFileSync(file, `${HEADER}\ncumbria,2008-09,all-ages,491500,ONS\nkent,2008-09,all-ages,1700000,ONS\n`);
    const done = await runTs(MAPPA_CLI, ['populations', 'import', file, '--actor', 'ops-1'], env);
    expect(done).toMatchObject({ code: 0, stdout: '2 rows: 1 recorded, 1 unchanged, 0 failed\n' });
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    try {
      expect((await store.readStream(streams.area('kent'))).map((e) => (e.metadata['actor'] as { id: string; role: string }).role)).toEqual(['admin']);
    } finally {
      await store.close();
    }
  });
});
