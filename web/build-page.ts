import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository, the page's sources (web/) and where the built page goes (web/dist, served by the engine). */
export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(REPO, 'web', 'dist');

/** What the page is built from beyond the modules it imports: its entry, its configuration, the locked dependency versions. */
const FIXED_INPUTS = ['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json'];

type Manifest = { readonly digest: string; readonly inputs: readonly string[] };

const manifestPath = (root: string) => join(root, 'web', 'dist', '.sources.json');
const posix = (path: string) => path.split(sep).join('/');

function filesUnder(root: string, dir: string): string[] {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix(relative(root, join(entry.parentPath, entry.name))));
}

/** A digest of every input's path and content; a missing input counts as a change. */
function digestOf(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of [...new Set(inputs)].sort()) {
    hash.update(`${path}\0`);
    const file = join(root, path);
    hash.update(existsSync(file) ? readFileSync(file) : Buffer.from('\0missing\0'));
  }
  return hash.digest('hex');
}

/** Every input of a build: the repository's modules it bundled, every file under web/src, and the fixed inputs. */
const inputsOf = (root: string, modules: readonly string[]) => [...new Set([...modules, ...filesUnder(root, 'web/src'), ...FIXED_INPUTS])].sort();

/** Records what web/dist was built from (modules: the repository's files the build bundled, relative paths). */
export function recordBuildInputs(modules: readonly string[], root = REPO): void {
  const inputs = inputsOf(root, modules);
  writeFileSync(manifestPath(root), `${JSON.stringify({ digest: digestOf(root, inputs), inputs }, null, 2)}\n`);
}

/**
 * Whether web/dist is missing or older than its sources: the files it was built from (every
 * module the last build bundled from this repository, e.g. the report's labels in src/), every
 * file under web/src now, and the fixed inputs.
 */
export function pageIsStale(root = REPO): boolean {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(root), 'utf8')) as Manifest;
  } catch {
    return true;
  }
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) return true;
  const now = inputsOf(root, manifest.inputs);
  return now.length !== manifest.inputs.length || digestOf(root, now) !== manifest.digest;
}

type BuiltChunk = { readonly moduleIds?: readonly string[] };

/** Builds the page with Vite into web/dist, and records what it was built from. */
export async function buildPage(): Promise<void> {
  const { build } = await import('vite');
  const result = await build({ configFile: join(REPO, 'web', 'vite.config.ts'), mode: 'production' });
  const outputs = (Array.isArray(result) ? result : [result]) as { output?: readonly BuiltChunk[] }[];
  const modules = outputs
    .flatMap((o) => o.output ?? [])
    .flatMap((chunk) => chunk.moduleIds ?? [])
    .map((id) => resolve(id.split('?')[0]!))
    .filter((path) => path.startsWith(REPO) && !path.includes(`${sep}node_modules${sep}`) && existsSync(path))
    .map((path) => posix(relative(REPO, path)));
  recordBuildInputs(modules);
}

/** Builds the page unless web/dist already holds a build of its current sources; says which. */
export async function buildPageIfStale(): Promise<'built' | 'up to date'> {
  if (!pageIsStale()) return 'up to date';
  await buildPage();
  return 'built';
}
