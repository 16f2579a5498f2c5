import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository, the page's sources (web/) and where the built page goes (web/dist, served by the engine). */
export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const WEB = join(REPO, 'web');
export const DIST = join(WEB, 'dist');
const MANIFEST = join(DIST, '.sources.json');

/** What the page is built from beyond the modules it imports: its entry, its configuration, the locked dependency versions. */
const FIXED_INPUTS = ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json'];

type Manifest = { readonly digest: string; readonly inputs: readonly string[] };

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(REPO, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** A digest of every input's path and content; a missing input counts as a change. */
function digestOf(inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of [...new Set(inputs)].sort()) {
    hash.update(`${path}\0`);
    const file = join(REPO, path);
    hash.update(existsSync(file) ? readFileSync(file) : Buffer.from('\0missing\0'));
  }
  return hash.digest('hex');
}

function readManifest(): Manifest | null {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/**
 * Whether web/dist is missing or older than its sources: the files it was built from (every
 * module the last build bundled from this repository, e.g. the report's labels in src/), every
 * file under web/src now, and the fixed inputs.
 */
export function pageIsStale(): boolean {
  const manifest = readManifest();
  if (manifest === null || !existsSync(join(DIST, 'index.html'))) return true;
  const now = [...new Set([...manifest.inputs, ...filesUnder(join(WEB, 'src')), ...FIXED_INPUTS])];
  return digestOf(now) !== manifest.digest || now.length !== new Set(manifest.inputs).size;
}

type BuiltChunk = { readonly type: 'chunk' | 'asset'; readonly moduleIds?: readonly string[] };

/** Builds the page with Vite into web/dist, and records what it was built from. */
export async function buildPage(): Promise<void> {
  const { build } = await import('vite');
  const result = await build({ configFile: join(WEB, 'vite.config.ts'), mode: 'production' });
  const outputs = (Array.isArray(result) ? result : [result]) as { output?: readonly BuiltChunk[] }[];
  const modules = outputs
    .flatMap((o) => o.output ?? [])
    .flatMap((chunk) => chunk.moduleIds ?? [])
    .map((id) => resolve(id.split('?')[0]!))
    .filter((path) => path.startsWith(REPO) && !path.includes(`${sep}node_modules${sep}`) && existsSync(path))
    .map((path) => relative(REPO, path).split(sep).join('/'));
  const inputs = [...new Set([...modules, ...filesUnder(join(WEB, 'src')), ...FIXED_INPUTS])].sort();
  writeFileSync(MANIFEST, `${JSON.stringify({ digest: digestOf(inputs), inputs }, null, 2)}\n`);
}

/** Builds the page unless web/dist already holds a build of its current sources; says which. */
export async function buildPageIfStale(): Promise<'built' | 'up to date'> {
  if (!pageIsStale()) return 'up to date';
  await buildPage();
  return 'built';
}
