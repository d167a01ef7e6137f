/** The folding of unchanged lines in a cell's diff, and how a changed cell is titled. */
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../core/history/text-diff';
import { cellTitle, foldUnchanged } from './CellDiff';
import type { CellChange } from '../../core/history/notebook-diff';

const text = (n: number, change?: number) => Array.from({ length: n }, (_, i) => (i === change ? `x${i} = 0` : `x${i} = ${i}`)).join('\n');

describe('foldUnchanged', () => {
  it('keeps CONTEXT lines around each change and folds the rest into counts', () => {
    const rows = foldUnchanged(diffLines(text(20), text(20, 10)), 3);
    expect(rows.map((r) => ('fold' in r ? `…${r.fold}` : r.line.op))).toEqual(['…7', 'same', 'same', 'same', 'del', 'add', 'same', 'same', 'same', '…6']);
  });

  it('folds nothing when changes are close together, and everything when nothing changed', () => {
    expect(foldUnchanged(diffLines('a = 1\nb = 2', 'a = 2\nb = 2')).some((r) => 'fold' in r)).toBe(false);
    expect(foldUnchanged(diffLines('a = 1\nb = 2', 'a = 1\nb = 2'))).toEqual([{ fold: 2 }]);
  });
});

describe('cellTitle', () => {
  const ref = (name: string) => ({ id: name, position: 0, name });
  it('names the newer cell, says what it was, and names a removed cell by the older version', () => {
    const base = { moved: false, similarity: 1, lines: [] };
    expect(cellTitle({ ...base, status: 'edited', old: ref('cell 4'), new: ref('cell 5') } as CellChange)).toBe('cell 5 (was cell 4)');
    expect(cellTitle({ ...base, status: 'edited', old: ref('cell 5'), new: ref('cell 5') } as CellChange)).toBe('cell 5');
    expect(cellTitle({ ...base, status: 'removed', old: ref('cell 9') } as CellChange)).toBe('cell 9 of the older version');
  });
});
