import { describe, expect, it } from 'vitest';
import { filterKinds, fullView, namedValues, neighbourhood, statementLabel, statementView, subView, viewNodesHolding } from './view';
import { createSlicer } from '../slice';
import { relations } from './highlight';
import { searchView } from './search';
import { sample } from './testing/sample';
import { GraphBuilder } from '../slice/testing/graph-builder';

describe('statementView', () => {
  it('makes one node per top-level statement, with code-like labels', () => {
    const { graph } = sample();
    const view = statementView(graph);
    expect(view.nodes.map((n) => n.label)).toEqual([
      'import pandas as pd',
      'df = pd.read_csv("train.csv")',
      'df.dropna(inplace=True)',
      'X = (df.mean())',
      'unused = 1',
    ]);
    expect(view.nodes.map((n) => n.kind)).toEqual(['Import', 'Call', 'Mutate', 'Call', 'Literal']);
    expect(view.nodes[0].where).toBe('cell 1 · line 1');
  });

  it('folds literals and lookups into their statement and picks the bound value as representative', () => {
    const { graph, ids } = sample();
    const view = statementView(graph);
    const readCsv = view.nodes[1];
    expect(readCsv.id).toBe(ids.df);
    expect(readCsv.memberIds).toContain(ids.readCsvAttr);
    expect(view.nodes[2].id).toBe(ids.df2);
    // The Import node has no location: it joins the import statement.
    expect(view.groupOf.get(ids.pd)).toBe(view.nodes[0].id);
  });

  it('connects statements through folded nodes', () => {
    const { graph, ids } = sample();
    const view = statementView(graph);
    const edges = view.edges.map((e) => [e.source, e.target]);
    expect(edges).toContainEqual([view.nodes[0].id, ids.df]);
    expect(edges).toContainEqual([ids.df, ids.df2]);
    expect(edges).toContainEqual([ids.df2, ids.x]);
    expect(edges.some(([s, t]) => s === ids.unused || t === ids.unused)).toBe(false);
  });
});

describe('viewNodesHolding', () => {
  it('maps a slice to the statements that hold its nodes', () => {
    const { graph, ids } = sample();
    const view = statementView(graph);
    const held = viewNodesHolding(view, createSlicer(graph).slice([ids.x]).nodeIds);
    expect([...held].sort()).toEqual([view.nodes[0].id, ids.df, ids.df2, ids.x].sort());
    expect(held.has(ids.unused)).toBe(false);
    const sub = subView(view, held);
    expect(sub.nodes.map((n) => n.label)).toEqual(['import pandas as pd', 'df = pd.read_csv("train.csv")', 'df.dropna(inplace=True)', 'X = (df.mean())']);
  });
});

describe('statementLabel', () => {
  it('keeps the first line of a block', () => {
    expect(statementLabel(['for i in range(3):', '    total += i'])).toMatchObject({ label: 'for i in range(3): …', isBlock: true });
  });
  it('truncates long statements', () => {
    const { label } = statementLabel([`x = ${'a'.repeat(200)}`]);
    expect(label.length).toBeLessThanOrEqual(64);
    expect(label.endsWith('…')).toBe(true);
  });
});

describe('fullView and filterKinds', () => {
  it('shows all nodes with kind labels', () => {
    const { graph } = sample();
    const view = fullView(graph);
    expect(view.nodes).toHaveLength(graph.nodes.length);
    expect(view.nodes.find((n) => n.kind === 'Import')?.label).toBe('import pandas');
    expect(view.nodes.find((n) => n.names.includes('df') && n.kind === 'Call')?.label).toBe('df = .read_csv(…)');
  });
  it('keeps paths through filtered-out kinds', () => {
    const { graph, ids } = sample();
    const view = filterKinds(fullView(graph), new Set(['Import', 'Mutate'] as const));
    expect(view.nodes.map((n) => n.kind).sort()).toEqual(['Import', 'Mutate']);
    expect(view.edges).toEqual([{ id: `${ids.pd}->${ids.df2}`, source: ids.pd, target: ids.df2 }]);
  });
});

describe('relations', () => {
  it('marks upstream, downstream and dimmed nodes', () => {
    const { graph, ids } = sample();
    const view = statementView(graph);
    const rel = relations(view, ids.df2);
    expect(rel.get(ids.df2)).toBe('selected');
    expect(rel.get(ids.df)).toBe('upstream');
    expect(rel.get(view.nodes[0].id)).toBe('upstream');
    expect(rel.get(ids.x)).toBe('downstream');
    expect(rel.get(ids.unused)).toBe('dim');
  });
  it('uses slice node ids for upstream when given', () => {
    const { graph, ids } = sample();
    const view = statementView(graph);
    const rel = relations(view, ids.x, [ids.x, ids.df]);
    expect(rel.get(ids.df)).toBe('upstream');
    expect(rel.get(ids.df2)).toBe('dim');
  });
});

describe('search', () => {
  it('finds variables, code and id prefixes', () => {
    const { graph, ids } = sample();
    const view = statementView(graph);
    const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(searchView(view, 'df', new Map(), nodesById)[0].id).toBe(ids.df);
    expect(searchView(view, 'read_csv', new Map(), nodesById)[0].id).toBe(ids.df);
    expect(searchView(view, 'nothing-like-this', new Map(), nodesById)).toEqual([]);
  });
});

describe('namedValues and representatives', () => {
  it('prefers the assigned value over a mutated receiver', () => {
    const b = new GraphBuilder();
    const c = b.cell('y = pipe.fit_transform(x)\n');
    const pipe = b.call(b.lookup('Pipeline'), [], undefined, { names: ['pipe'] });
    const x = b.literal(1, undefined, ['x']);
    const attr = b.call(b.lookup('getattr'), [pipe, b.literal('fit_transform')], { cell: c, line: 1, col: 4, endCol: 22 });
    const y = b.call(attr, [x], { cell: c, line: 1, col: 4, endCol: 25 }, { names: ['y'] });
    const pipe2 = b.mutate(pipe, y, { cell: c, line: 1, col: 4, endCol: 25 }, ['pipe']);
    const graph = b.graph();
    const view = statementView(graph);
    const stmt = view.nodes.find((n) => n.label === 'y = pipe.fit_transform(x)')!;
    expect(stmt.id).toBe(y);
    const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(namedValues(stmt, nodesById)).toEqual([
      { name: 'y', nodeId: y },
      { name: 'pipe', nodeId: pipe2 },
    ]);
  });
});

describe('neighbourhood', () => {
  it('keeps the nodes within N hops and counts hidden neighbours', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id, seq) => ({ id, kind: 'Call' as const, label: id, title: id, memberIds: [id], names: [], where: '', isBlock: false, seq }));
    const edges = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']].map(([source, target]) => ({ id: `${source}->${target}`, source, target }));
    const view = { mode: 'statement' as const, nodes, edges, groupOf: new Map(nodes.map((n) => [n.id, n.id])) };
    const ids = neighbourhood(view, 'c', 1);
    expect([...ids].sort()).toEqual(['b', 'c', 'd']);
    const sub = subView(view, ids);
    expect(sub.edges).toHaveLength(2);
    expect(sub.hiddenNeighbours.get('b')).toBe(1);
    expect(sub.hiddenNeighbours.get('d')).toBe(1);
    expect([...neighbourhood(view, 'c', 1, new Set(['d']))].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect(neighbourhood(view, 'a', 10, new Set(), 2).size).toBe(2);
  });
});

describe('folded literals in labels and tooltips', () => {
  it('never carries a megabyte line into a label or a tooltip', async () => {
    const { analyseProgram } = await import('../analysis/index');
    const code = `xs = [${Array.from({ length: 100_000 }, (_, i) => i).join(', ')}]\n`;
    const out = analyseProgram({ kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] }, { sessionId: 's' });
    const graph = { session: { id: 's' }, sourceCodes: out.sourceCodes, nodes: out.nodes } as unknown as Parameters<typeof fullView>[0];
    const literal = out.nodes.find((n) => n.kind === 'Literal' && n.elided !== undefined);
    expect(literal && literal.kind === 'Literal' ? literal.elided : 0).toBe(100_000);
    for (const view of [fullView(graph), statementView(graph)]) {
      for (const n of view.nodes) {
        expect(n.label.length).toBeLessThanOrEqual(64);
        expect(n.title.length).toBeLessThan(1100);
      }
    }
    const lit = fullView(graph).nodes.find((n) => n.id === literal!.id)!;
    expect(lit.label.startsWith('(0, 1, 2')).toBe(true);
  });
});
