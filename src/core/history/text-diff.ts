/**
 * Sequence and line diffs (Myers' O(ND) shortest edit script, written here) and the token
 * similarity that cell matching uses. Pure; the notebook diff and anchor resolution build on it.
 */
import { splitLines } from '../slice/statements';

/** One line of a line diff: kept, removed from the old text, or added in the new one. */
export interface LineChange {
  op: 'same' | 'del' | 'add';
  text: string;
  /** 1-based line in the old text (same, del). */
  oldLine?: number;
  /** 1-based line in the new text (same, add). */
  newLine?: number;
}

/** Past this many edits the middle of the two sequences is reported as replaced wholesale. */
export const MAX_EDIT_DISTANCE = 2000;

type Op = 'same' | 'del' | 'add';

/**
 * The shortest edit script from `a` to `b` as ops in order ('same' consumes one of each,
 * 'del' one of `a`, 'add' one of `b`). Common prefix and suffix are trimmed first; a middle
 * that needs more than `maxD` edits is replaced wholesale (still a correct script).
 */
export function editScript<T>(a: readonly T[], b: readonly T[], maxD = MAX_EDIT_DISTANCE): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const middle = myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf), maxD);
  return [...new Array<Op>(pre).fill('same'), ...middle, ...new Array<Op>(suf).fill('same')];
}

function myers<T>(a: readonly T[], b: readonly T[], maxD: number): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return new Array<Op>(m).fill('add');
  if (m === 0) return new Array<Op>(n).fill('del');
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return [...new Array<Op>(n).fill('del'), ...new Array<Op>(m).fill('add')];
  // Walk back through the saved frontiers (trace[d] holds v[-d .. d+1] before step d).
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const at = (k: number) => prev[k + d];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('same');
      x--;
      y--;
    }
    ops.push(down ? 'add' : 'del');
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    ops.push('same');
    x--;
    y--;
  }
  return ops.reverse();
}

/** The line diff of two texts (lines compared exactly). */
export function diffLines(oldText: string, newText: string): LineChange[] {
  const a = oldText === '' ? [] : splitLines(oldText);
  const b = newText === '' ? [] : splitLines(newText);
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  for (const op of editScript(a, b)) {
    if (op === 'same') out.push({ op, text: b[j], oldLine: ++i, newLine: ++j });
    else if (op === 'del') out.push({ op, text: a[i], oldLine: ++i });
    else out.push({ op, text: b[j], newLine: ++j });
  }
  return out;
}

/**
 * The tokens that similarity compares: names, keywords and numbers. Punctuation is left out
 * (brackets, dots and quotes are in every statement and would make unlike code look alike),
 * except for a text that has no word at all, whose non-space characters are its tokens.
 */
export function tokens(text: string): string[] {
  const words = text.match(/[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?/g);
  return words ?? text.match(/\S/g) ?? [];
}

/**
 * How alike two texts are, 0 … 1: the Dice coefficient of their token multisets
 * (2 × shared tokens / all tokens). 1 for equal token lists, 0 when nothing is shared;
 * two empty texts are alike (1). Order-blind on purpose: moving a line keeps a cell alike.
 */
export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.length === 0 && tb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of tb) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      shared++;
      counts.set(t, c - 1);
    }
  }
  return (2 * shared) / (ta.length + tb.length);
}
