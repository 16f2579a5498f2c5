import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { relativeToSrc, SRC, sourceFiles } from './source-graph.js';

const MAX_LINES = 300;

describe('source files stay small', () => {
  it(`no source file in src is over ${MAX_LINES} lines`, () => {
    const long = sourceFiles(SRC)
      .map((file) => ({ file: relativeToSrc(file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
