/** Artifact anchors: round trip, resolution in a new version, never a silent re-point; the re-derive rule. */
import { describe, expect, it } from 'vitest';
import { anchorOf, rederive, resolveAnchor } from './anchor';
import { version } from './testing/versions';
import type { NotebookVersion } from './version';

const nodeNamed = (v: NotebookVersion, name: string, nth = 0) => v.nodes.filter((n) => n.names.includes(name)).sort((a, b) => a.seq - b.seq)[nth];
const statementOfResult = (v: NotebookVersion, id: string) => v.nodes.find((n) => n.id === id)!;

describe('anchors', () => {
  it('every node with a location resolves back to itself in its own version', async () => {
    const v = await version(['import pandas as pd', 'df = pd.read_csv("a.csv")\ndf.dropna(inplace=True)', 'top = df.head(3)\nx = y = 4', 'df.head(3)']);
    const located = v.nodes.filter((n) => n.location);
    expect(located.length).toBeGreaterThan(8);
    for (const n of located) {
      const r = resolveAnchor(anchorOf(v, n.id), v);
      expect(r.status === 'found' && r.nodeId).toBe(n.id);
    }
  });

  it('keeps the anchor when the statement is unchanged elsewhere, and follows a small edit of it', async () => {
    const a = await version(['import pandas as pd', 'df = pd.read_csv("a.csv")', 'model = df.groupby("k").mean()']);
    const anchor = anchorOf(a, nodeNamed(a, 'model').id);
    expect(anchor).toEqual({ variable: 'model', statement: 'model = df.groupby("k").mean()', occurrence: 0, cellIndex: 2 });
    const moved = await version(['import pandas as pd', 'extra = 1', 'df = pd.read_csv("b.csv")', 'model = df.groupby("k").mean()']);
    const r1 = resolveAnchor(anchor, moved);
    expect(r1).toMatchObject({ status: 'found', how: 'exact', nodeId: nodeNamed(moved, 'model').id });
    const edited = await version(['import pandas as pd', 'df = pd.read_csv("a.csv")', 'model = df.groupby("k").median()']);
    const r2 = resolveAnchor(anchor, edited);
    expect(r2).toMatchObject({ status: 'found', how: 'similar', nodeId: nodeNamed(edited, 'model').id });
    expect(r2.status === 'found' && r2.similarity).toBeCloseTo(0.8);
  });

  it('picks the statement most like the anchor among several that bind the name', async () => {
    const a = await version(['x = 1', 'x = load_table("sales", limit=10)', 'x = x + 1']);
    const anchor = anchorOf(a, nodeNamed(a, 'x', 1).id);
    const b = await version(['x = 1', 'x = load_table("sales", limit=20)', 'x = x + 1']);
    const r = resolveAnchor(anchor, b);
    expect(r.status).toBe('found');
    const hit = statementOfResult(b, (r as { nodeId: string }).nodeId);
    expect(hit.location!.sourceCodeId).toBe(b.sourceCodes[1].id);
  });

  it('is not found, with candidates, when the variable was renamed or its statement rewritten', async () => {
    const a = await version(['import pandas as pd', 'sales = pd.read_csv("sales.csv")']);
    const anchor = anchorOf(a, nodeNamed(a, 'sales').id);
    const renamed = await version(['import pandas as pd', 'revenue = pd.read_csv("sales.csv")']);
    const r1 = resolveAnchor(anchor, renamed);
    expect(r1.status).toBe('not-found');
    if (r1.status !== 'not-found') return;
    expect(r1.sentence).toBe('"sales" is not found in the latest version: no statement binds it; similar statements are listed.');
    expect(r1.candidates.map((c) => [c.variable, c.statement])).toEqual([['revenue', 'revenue = pd.read_csv("sales.csv")']]);
    const rewritten = await version(['import json', 'sales = json.load(open("sales.json"))']);
    const r2 = resolveAnchor(anchor, rewritten);
    expect(r2.status).toBe('not-found');
    if (r2.status !== 'not-found') return;
    expect(r2.candidates.map((c) => c.nodeId)).toEqual([nodeNamed(rewritten, 'sales').id]);
    expect(r2.sentence).toMatch(/^"sales" is not found in the latest version/);
  });

  it('does not choose between two equally good statements', async () => {
    const a = await version(['t = f(1)', 'u = 2']);
    const anchor = anchorOf(a, nodeNamed(a, 't').id);
    const tie = await version(['u = 2', 't = f(2)', 't = f(3)']);
    const r = resolveAnchor(anchor, tie);
    expect(r.status).toBe('not-found');
    expect(r.status === 'not-found' && r.candidates).toHaveLength(2);
    const twice = await version(['w = 0', 't = f(1)', 't = f(1)']);
    // The same statement in two cells: the one nearest the anchor's cell (cell 1) wins when it is one.
    const r2 = resolveAnchor(anchor, twice);
    expect(r2).toMatchObject({ status: 'found', how: 'exact' });
    expect(statementOfResult(twice, (r2 as { nodeId: string }).nodeId).location!.sourceCodeId).toBe(twice.sourceCodes[1].id);
  });
});

describe('rederive', () => {
  const stored = [
    { name: 'model', version: 0, sliceDigest: 'd0' },
    { name: 'model', version: 1, sliceDigest: 'd1' },
    { name: 'other', version: 0, sliceDigest: 'd1' },
  ];
  it('creates nothing when the slice digest equals the latest version', () => {
    expect(rederive('model', stored, 'd1')).toEqual({ action: 'same', sameAs: 1, sentence: 'Same code as v1.' });
  });
  it('creates the next version when it differs, noting an older identical version', () => {
    expect(rederive('model', stored, 'd2')).toEqual({ action: 'new', version: 2, sentence: 'The slice changed since v1: new version v2.' });
    expect(rederive('model', stored, 'd0')).toEqual({ action: 'new', version: 2, sentence: 'The slice changed since v1: new version v2 (same code as the older v0).' });
    expect(rederive('fresh', stored, 'd1')).toEqual({ action: 'new', version: 0, sentence: 'New artifact "fresh" (v0).' });
  });
});
