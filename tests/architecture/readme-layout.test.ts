import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The README's Layout section: the fenced block after its heading. */
function layoutBlock(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout\n'));
  const block = /```\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no Layout block');
  return block[1]!;
}

const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => [join(dir, e.name), ...folders(join(dir, e.name))]);

describe("README's Layout section matches the tree", () => {
  const paths = [...layoutBlock().matchAll(/^(\S+)/gm)].map((m) => m[1]!);

  it('names every folder under src/', () => {
    const named = new Set(paths.map((p) => p.replace(/\/$/, '')));
    const missing = folders(join(ROOT, 'src')).map((dir) => relative(ROOT, dir)).filter((dir) => !named.has(dir));
    expect(missing).toEqual([]);
  });

  it('every path it names exists', () => {
    expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });
});
