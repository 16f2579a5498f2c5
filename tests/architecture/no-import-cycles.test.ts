import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph, relativeToSrc, SRC } from './source-graph.js';

describe('the import graph of src', () => {
  it('has no cycle: every module can be read and tested from the modules below it', () => {
    const cycles = cyclesOf(importGraph(SRC)).map((cycle) => cycle.map(relativeToSrc));
    expect(cycles).toEqual([]);
  });

  it('the cycle finder finds a two-file cycle, a longer one and a self-import, and leaves a chain alone', () => {
    const graph = new Map([
      ['a', ['b']], ['b', ['a']],
      ['c', ['d']], ['d', ['e']], ['e', ['c']],
      ['f', ['f']],
      ['g', ['h']], ['h', []],
    ]);
    expect(cyclesOf(graph).sort()).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });
});
