/** compareVersions: the one call the UI makes, and the data it hands across the worker bridge. */
import { describe, expect, it } from 'vitest';
import { compareVersions, firstNodeOfCells } from './compare';
import { version } from './testing/versions';

const BEFORE = ['import math', 'base = 10', 'scaled = math.sqrt(base)', 'other = 3'];
const AFTER = ['import math', 'base = 20', 'scaled = math.sqrt(base)', 'other = 3', 'extra = other + 1'];

describe('compareVersions', () => {
  it('fills the diff, changed nodes, re-run advice and cell links from real analyses', async () => {
    const a = await version(BEFORE);
    const b = await version(AFTER);
    const c = compareVersions(a, b);
    expect(c.diff!.counts).toMatchObject({ edited: 1, added: 1, removed: 0 });
    expect(c.rerun!.sentence).toBe('You edited cell 2 and added cell 5. Cell 3 uses what they define: re-run it.');
    // Every changed node lies in the edited or the added cell.
    const cellOf = new Map(b.nodes.map((n) => [n.id, n.location?.sourceCodeId]));
    const changedCells = new Set(c.changedNodeIds.map((id) => cellOf.get(id)));
    expect([...changedCells].sort()).toEqual([b.sourceCodes[1].id, b.sourceCodes[4].id].sort());
    // Each cell links to a node of that cell.
    for (const code of b.sourceCodes) expect(cellOf.get(c.cellNodes[code.id])).toBe(code.id);
    // Plain data: survives structured cloning unchanged.
    expect(structuredClone(c)).toEqual(c);
  });

  it('without an older version gives only the untrusted outputs and the cell links', async () => {
    const b = await version([{ source: 'x = 1', count: 5 }, { source: 'y = x + 1', count: 2 }]);
    const c = compareVersions(undefined, b);
    expect(c.diff).toBeUndefined();
    expect(c.rerun).toBeUndefined();
    expect(c.changedNodeIds).toEqual([]);
    expect(c.untrusted.map((u) => u.name)).toEqual(['cell 2']);
    expect(Object.keys(c.cellNodes).sort()).toEqual(Object.keys(firstNodeOfCells(b)).sort());
  });
});
