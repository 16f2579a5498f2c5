import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from '../../src/infrastructure/recently-used.js';

describe('RecentlyUsed', () => {
  it('forgets the least recently used entry past its capacity; reading an entry makes it recent', () => {
    const seen = new RecentlyUsed<string, number>(2);
    seen.set('a', 1);
    seen.set('b', 2);
    expect(seen.get('a')).toBe(1);
    seen.set('c', 3);
    expect([seen.get('a'), seen.get('b'), seen.get('c')]).toEqual([1, undefined, 3]);
    seen.delete('a');
    expect(seen.get('a')).toBeUndefined();
    seen.clear();
    expect(seen.get('c')).toBeUndefined();
  });

  it('keeps nothing with a capacity of 0', () => {
    const none = new RecentlyUsed<string, number>(0);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
  });
});
