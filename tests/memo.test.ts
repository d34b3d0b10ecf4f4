import { describe, expect, it } from 'vitest';
import { Memo } from '../src/shared/memo.ts';

describe('Memo', () => {
  it('computes a key once while it is remembered', () => {
    const calls: string[] = [];
    const memo = new Memo<string, number>(3, (key) => (calls.push(key), key.length));
    expect([memo.get('ab'), memo.get('abc'), memo.get('ab')]).toEqual([2, 3, 2]);
    expect(calls).toEqual(['ab', 'abc']);
  });

  it('remembers null results too (a stop word is not processed again)', () => {
    let calls = 0;
    const memo = new Memo<string, null>(3, () => (calls++, null));
    memo.get('the');
    memo.get('the');
    expect(calls).toBe(1);
  });

  it('never holds more than its limit: full, it starts over', () => {
    const memo = new Memo<number, number>(100, (n) => n * 2);
    for (let i = 0; i < 10_000; i++) memo.get(i);
    expect(memo.size).toBeLessThanOrEqual(100);
    expect(memo.size).toBeGreaterThan(0);
    expect(memo.get(9_999)).toBe(19_998);
  });
});
