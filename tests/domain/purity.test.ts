import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]!);
}

/** Which layer a relative import lands in, or the package name of a bare one. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(SRC, resolve(dirname(file), specifier)).split('/')[0]!;
}

const PURE_PACKAGES = new Set(['zod', 'ts-pattern']);
const IMPURE = [/Date\.now\(/, /new Date\(/, /Math\.random/, /performance\.now/, /\bprocess\./, /\brequire\(/, /crypto/, /setTimeout|setInterval/];

describe('layering (docs/ARCHITECTURE.md section 2)', () => {
  it('src/domain imports only itself, zod and ts-pattern', () => {
    const offending = sourceFiles(join(SRC, 'domain')).flatMap((file) =>
      importsOf(file)
        .filter((s) => (s.startsWith('.') ? target(file, s) !== 'domain' : !PURE_PACKAGES.has(s)))
        .map((s) => `${relative(SRC, file)} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('src/domain reads no clock, no randomness, no environment', () => {
    const offending = sourceFiles(join(SRC, 'domain')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return IMPURE.filter((re) => re.test(text)).map((re) => `${relative(SRC, file)} matches ${re}`);
    });
    expect(offending).toEqual([]);
  });

  it('src/projections imports only from src/domain (and zod/ts-pattern)', () => {
    const dir = join(SRC, 'projections');
    let files: string[] = [];
    try {
      files = sourceFiles(dir);
    } catch {
      files = [];
    }
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((s) => (s.startsWith('.') ? !['domain', 'projections'].includes(target(file, s)) : !PURE_PACKAGES.has(s)))
        .map((s) => `${relative(SRC, file)} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('the import scanner sees imports (guards the checks above against matching nothing)', () => {
    expect(importsOf(join(SRC, 'domain/case/commands.ts'))).toContain('zod');
    expect(importsOf(join(SRC, 'domain/case/decide.ts'))).toContain('./timeline.js');
  });
});
