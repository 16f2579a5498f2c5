import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageIsStale, recordBuildInputs, REPO } from '../../web/build-page.js';
import { makeTempDir } from '../support/temp-dir.js';

/** `npm start` builds the page first only when web/dist is missing or older than what it was built from. */
describe('the web page is rebuilt when, and only when, its sources change', () => {
  const root = makeTempDir('page-sources');
  afterAll(() => root.remove());
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root.path, path)), { recursive: true });
    writeFileSync(join(root.path, path), text);
  };

  it('tracks the modules the build bundled from outside web/, every file under web/src, and its configuration', () => {
    for (const path of ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json', 'web/src/main.tsx', 'src/labels.ts']) write(path, `// ${path}\n`);
    expect(pageIsStale(root.path)).toBe(true);
    write('web/dist/index.html', '<!doctype html>');
    recordBuildInputs(['src/labels.ts'], root.path);
    expect(pageIsStale(root.path)).toBe(false);

    write('src/labels.ts', '// changed\n');
    expect(pageIsStale(root.path)).toBe(true);
    write('src/labels.ts', '// src/labels.ts\n');
    expect(pageIsStale(root.path)).toBe(false);

    write('web/src/new-page.tsx', 'export {};\n');
    expect(pageIsStale(root.path)).toBe(true);
    rmSync(join(root.path, 'web/src/new-page.tsx'));
    expect(pageIsStale(root.path)).toBe(false);

    write('package-lock.json', '{"changed":true}\n');
    expect(pageIsStale(root.path)).toBe(true);
    write('package-lock.json', '// package-lock.json\n');
    rmSync(join(root.path, 'web/dist/index.html'));
    expect(pageIsStale(root.path)).toBe(true);
  });

  it('the page built for these tests is up to date, and was built from the report labels in src/', () => {
    expect(pageIsStale()).toBe(false);
    const manifest = JSON.parse(readFileSync(join(REPO, 'web/dist/.sources.json'), 'utf8')) as { inputs: string[] };
    expect(manifest.inputs).toEqual(expect.arrayContaining(['src/projections/annual-return/report-labels.ts', 'web/src/main.tsx', 'web/src/model/identities.ts']));
  });
});
