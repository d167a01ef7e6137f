/** The graph's history marks, from a real comparison: which view nodes are changed, to re-run or untrusted. */
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../core/history/compare';
import { version } from '../../core/history/testing/versions';
import { cellsView } from '../../core/graph/cells';
import { marksOf, nodeMarks } from './history';

describe('history marks', () => {
  it('marks the edited cell changed, the cell reading it re-run, and badges an output older than its input', async () => {
    const before = await version(['a = 1', 'b = a + 1', 'c = 3']);
    const after = await version([{ source: 'a = 2', count: 4 }, { source: 'b = a + 1', count: 2 }, { source: 'c = 3', count: 5 }]);
    const marks = marksOf(compareVersions(before, after));
    const byCell = new Map(cellsView(after).nodes.map((n) => [n.cell!.title, nodeMarks(marks, n)]));
    expect(byCell.get('cell 1')).toEqual({ changed: true });
    expect(byCell.get('cell 2')).toMatchObject({ changed: false, stale: 'Re-run: reads a, which changed' });
    expect(byCell.get('cell 2')!.untrusted).toMatch(/^Cell 2's output is older than its inputs/);
    expect(byCell.get('cell 3')).toEqual({ changed: false });
  });

  it('marks nothing before the comparison arrives', async () => {
    const after = await version(['a = 1']);
    expect(cellsView(after).nodes.map((n) => nodeMarks(marksOf(undefined), n))).toEqual([{ changed: false }]);
  });
});
