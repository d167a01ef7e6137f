import { describe, expect, it } from 'vitest';
import { analyseCode } from './analysis/testing';
import { buildVersionIndex, laterVersions } from './versions';

function indexOf(code: string | string[]) {
  const g = analyseCode(code);
  const index = buildVersionIndex({ sourceCodes: g.out.sourceCodes, nodes: g.nodes }, g.out.bindings);
  /** The node that carries `name` and starts on `line` (first such node). */
  const at = (name: string, line: number) => {
    const n = g.nodes.find((x) => x.names.includes(name) && x.location?.line === line && x.kind !== 'Lookup' && x.kind !== 'Literal');
    if (!n) throw new Error(`no node for ${name} on line ${line}`);
    return n;
  };
  const atCall = (name: string, line: number) => {
    const n = g.nodes.find((x) => x.names.includes(name) && x.location?.line === line);
    if (!n) throw new Error(`no node for ${name} on line ${line}`);
    return n;
  };
  return { g, index, at, atCall };
}

const FIT = `from sklearn.ensemble import RandomForestClassifier
X = [[0], [1]]
y = [0, 1]
model = RandomForestClassifier()
model.fit(X, y)
scores = model.predict(X)
`;

describe('buildVersionIndex', () => {
  it('says the first binding of a fitted model is not the latest, and names the mutation that follows', () => {
    const { index, at } = indexOf(FIT);
    const first = at('model', 4);
    expect(first.kind).toBe('Call');
    const s = index.statusOf(first.id, 'model')!;
    expect(s.isLatest).toBe(false);
    expect(laterVersions(s).map((v) => [v.change, v.location?.line])).toEqual([['mutated', 5]]);
    expect(s.latest?.location?.line).toBe(5);
  });

  it('says the Mutate version after fit is the latest, with nothing after it', () => {
    const { index, g } = indexOf(FIT);
    const end = g.binding('model');
    expect(end.kind).toBe('Mutate');
    const s = index.statusOf(end.id, 'model')!;
    expect(s.isLatest).toBe(true);
    expect(laterVersions(s)).toEqual([]);
    expect(s.laterCount).toBe(0);
    expect(s.versions.map((v) => [v.change, v.location?.line])).toEqual([
      ['assigned', 4],
      ['mutated', 5],
    ]);
  });

  it('follows rebinding and several mutations in order, across notebook cells', () => {
    const { index, g, at } = indexOf(['df = load()\ndf.dropna(inplace=True)', 'df.sort_values("a", inplace=True)', 'df = df.head(3)']);
    const hist = index.history('df');
    expect(hist.map((v) => v.change)).toEqual(['assigned', 'mutated', 'mutated', 'assigned']);
    expect(hist[hist.length - 1].nodeId).toBe(g.binding('df').id);
    const first = index.statusOf(at('df', 1).id, 'df')!;
    expect(laterVersions(first).map((v) => v.change)).toEqual(['mutated', 'mutated', 'assigned']);
    expect(laterVersions(first).map((v) => g.out.sourceCodes.findIndex((c) => c.id === v.location?.sourceCodeId))).toEqual([0, 1, 2]);
    expect(index.statusOf(g.binding('df').id, 'df')!.isLatest).toBe(true);
  });

  it('does not count a mutation of the old value after the name was rebound', () => {
    // `a` is rebound on line 3; the append on line 4 changes the old list, which only `b` still holds.
    const { index, g, atCall } = indexOf('a = [1]\nb = a\na = [2]\nb.append(3)\n');
    expect(index.history('a').map((v) => v.location?.line)).toEqual([1, 3]);
    expect(index.history('b').map((v) => [v.change, v.location?.line])).toEqual([
      ['assigned', 2],
      ['mutated', 4],
    ]);
    // The old list's mutation carries the name `a` too (names are copied at mutation time), but `a` no longer holds it.
    expect(index.history('a').some((v) => v.change === 'mutated')).toBe(false);
    expect(index.statusOf(atCall('a', 3).id, 'a')!.isLatest).toBe(true);
    expect(index.statusOf(g.binding('b').id, 'b')!.isLatest).toBe(true);
  });

  it('gives one status per name of a node, and none for a name it does not carry', () => {
    const { index, atCall } = indexOf('x = y = [1]\nx.append(2)\n');
    const node = atCall('x', 1);
    const statuses = index.statusesOf(node.id);
    expect(statuses.map((s) => [s.name, s.isLatest])).toEqual(
      node.names.map((n) => [n, false]),
    );
    expect(index.statusOf(node.id, 'nope')).toBeUndefined();
    expect(index.latestId('x')).toBe(index.latestId('y'));
  });

  it('has no latest for a name that is not bound at the end', () => {
    const { g, index } = indexOf('t = 1\n');
    const unbound = buildVersionIndex({ sourceCodes: g.out.sourceCodes, nodes: g.nodes }, []);
    const id = g.binding('t').id;
    expect(index.statusOf(id, 't')!.isLatest).toBe(true);
    const s = unbound.statusOf(id, 't')!;
    expect(s.isLatest).toBe(false);
    expect(s.latest).toBeUndefined();
    expect(laterVersions(s)).toEqual([]);
    expect(s.laterCount).toBe(0);
  });
});
