/** Myers edit scripts (checked against a dynamic-programming LCS), line diffs and token similarity. */
import { describe, expect, it } from 'vitest';
import { diffLines, editScript, similarity, tokens } from './text-diff';

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
}

/** Replays a script: the kept and added items must give `b`, the kept and deleted ones `a`. */
function replay(a: readonly string[], b: readonly string[], ops: ReturnType<typeof editScript>) {
  const fromA: string[] = [];
  const toB: string[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === 'same') {
      expect(a[i]).toBe(b[j]);
      fromA.push(a[i++]);
      toB.push(b[j++]);
    } else if (op === 'del') fromA.push(a[i++]);
    else toB.push(b[j++]);
  }
  return { fromA, toB };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('editScript', () => {
  it('is a shortest edit script: replays both sides and keeps as many items as the LCS', () => {
    const rand = rng(7);
    for (let round = 0; round < 300; round++) {
      const pick = () => Array.from({ length: Math.floor(rand() * 14) }, () => 'abcd'[Math.floor(rand() * 4)]);
      const a = pick();
      const b = pick();
      const ops = editScript(a, b);
      const { fromA, toB } = replay(a, b, ops);
      expect(fromA).toEqual(a);
      expect(toB).toEqual(b);
      expect(ops.filter((o) => o === 'same').length).toBe(lcsLength(a, b));
    }
  });

  it('past the edit limit replaces the middle wholesale and stays a valid script', () => {
    const a = ['p', 'x1', 'x2', 'x3', 's'];
    const b = ['p', 'y1', 'y2', 's'];
    const ops = editScript(a, b, 1);
    expect(ops).toEqual(['same', 'del', 'del', 'del', 'add', 'add', 'same']);
    const { fromA, toB } = replay(a, b, ops);
    expect(fromA).toEqual(a);
    expect(toB).toEqual(b);
  });
});

describe('diffLines', () => {
  it('numbers lines on both sides', () => {
    expect(diffLines('a = 1\nb = 2\nc = 3', 'a = 1\nb = 20\nc = 3\nd = 4')).toEqual([
      { op: 'same', text: 'a = 1', oldLine: 1, newLine: 1 },
      { op: 'del', text: 'b = 2', oldLine: 2 },
      { op: 'add', text: 'b = 20', newLine: 2 },
      { op: 'same', text: 'c = 3', oldLine: 3, newLine: 3 },
      { op: 'add', text: 'd = 4', newLine: 4 },
    ]);
  });

  it('an empty side is all adds or all deletes', () => {
    expect(diffLines('', 'x = 1\ny = 2').map((l) => l.op)).toEqual(['add', 'add']);
    expect(diffLines('x = 1', '').map((l) => l.op)).toEqual(['del']);
  });
});

describe('similarity', () => {
  it('counts shared tokens, ignoring whitespace and order', () => {
    expect(tokens('df = pd.read_csv("a.csv", sep=0.5)')).toEqual(['df', 'pd', 'read_csv', 'a', 'csv', 'sep', '0.5']);
    expect(tokens('+= )')).toEqual(['+', '=', ')']);
    expect(similarity('x = f(a)', 'x=f( a )')).toBe(1);
    expect(similarity('a = 1\nb = 2', 'b = 2\na = 1')).toBe(1);
    expect(similarity('x = f(1)', 'x = g(2)')).toBeCloseTo(1 / 3);
    expect(similarity('x = 1', 'y = (2)')).toBe(0);
    expect(similarity('', '')).toBe(1);
    expect(similarity('x', '')).toBe(0);
  });
});
