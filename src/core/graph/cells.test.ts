/** The cells view: one node per cell, edges named by the variables that flow, expansion, needs/uses. */
import { describe, expect, it } from 'vitest';
import { cellsNeeded, cellsUsing, cellsView, edgeLabel, expandCells, sectionOf } from './cells';
import { statementView } from './view';
import { relations } from './highlight';
import { GraphBuilder } from '../slice/testing/graph-builder';

/**
 * cell 1: import pandas as pd
 * cell 2: df = pd.read_csv("a.csv")
 *         n = 3
 * cell 3: df.dropna(inplace=True)
 * cell 4: top = df.head(n)
 * cell 5: other = 5
 */
function notebook() {
  const b = new GraphBuilder();
  const c1 = b.cell('import pandas as pd\n');
  const c2 = b.cell('df = pd.read_csv("a.csv")\nn = 3\n');
  const c3 = b.cell('df.dropna(inplace=True)\n');
  const c4 = b.cell('top = df.head(n)\n');
  const c5 = b.cell('other = 5\n');
  const pd = b.importModule('pandas', undefined, ['pd']);
  b.call(b.lookup('l_import'), [b.literal('pandas')], { cell: c1, line: 1, endCol: 19 });
  const getattr = b.lookup('getattr');
  const readCsvAttr = b.call(getattr, [pd, b.literal('read_csv')], { cell: c2, line: 1, col: 5, endCol: 16 });
  const df = b.call(readCsvAttr, [b.literal('a.csv', { cell: c2, line: 1, col: 17, endCol: 24 })], { cell: c2, line: 1, col: 5, endCol: 25 }, { names: ['df'] });
  const n = b.literal(3, { cell: c2, line: 2, col: 4, endCol: 5 }, ['n']);
  const dropnaAttr = b.call(getattr, [df, b.literal('dropna')], { cell: c3, line: 1, endCol: 9 });
  const dropna = b.call(dropnaAttr, [], { cell: c3, line: 1, endCol: 23 }, { kwargs: [{ key: 'inplace', id: b.literal(true) }] });
  const df2 = b.mutate(df, dropna, { cell: c3, line: 1, endCol: 23 }, ['df']);
  const headAttr = b.call(getattr, [df2, b.literal('head')], { cell: c4, line: 1, col: 6, endCol: 13 });
  const top = b.call(headAttr, [n], { cell: c4, line: 1, col: 6, endCol: 16 }, { names: ['top'] });
  const other = b.literal(5, { cell: c5, line: 1, col: 8, endCol: 9 }, ['other']);
  return { graph: b.graph(), ids: { pd, df, n, df2, top, other } };
}

function byTitle(view: ReturnType<typeof cellsView>) {
  return new Map(view.nodes.map((node) => [node.cell!.title, node.id]));
}

describe('cellsView', () => {
  it('makes one node per code cell with its first line and the names it defines', () => {
    const { graph } = notebook();
    const view = cellsView(graph);
    expect(view.mode).toBe('cells');
    expect(view.nodes.map((n) => n.cell!.title)).toEqual(['cell 1', 'cell 2', 'cell 3', 'cell 4', 'cell 5']);
    expect(view.nodes.map((n) => n.cell!.firstLine)).toEqual([
      'import pandas as pd',
      'df = pd.read_csv("a.csv")',
      'df.dropna(inplace=True)',
      'top = df.head(n)',
      'other = 5',
    ]);
    expect(view.nodes.map((n) => n.cell!.defines)).toEqual([['pd'], ['df', 'n'], ['df'], ['top'], ['other']]);
    expect(view.nodes[1].cell!.statementIds).toHaveLength(2);
  });

  it('labels edges with the variables that flow along the dataflow, not by matching names', () => {
    const { graph } = notebook();
    const view = cellsView(graph);
    const t = byTitle(view);
    const edges = new Map(view.edges.map((e) => [`${e.source}->${e.target}`, e.names]));
    expect(edges.get(`${t.get('cell 1')}->${t.get('cell 2')}`)).toEqual(['pd']);
    expect(edges.get(`${t.get('cell 2')}->${t.get('cell 3')}`)).toEqual(['df']);
    expect(edges.get(`${t.get('cell 3')}->${t.get('cell 4')}`)).toEqual(['df']);
    // Cell 4 reads df as cell 3 left it: from cell 2 only n flows.
    expect(edges.get(`${t.get('cell 2')}->${t.get('cell 4')}`)).toEqual(['n']);
    expect(view.edges).toHaveLength(4);
    expect(view.edges.some((e) => e.source === t.get('cell 5') || e.target === t.get('cell 5'))).toBe(false);
  });

  it('maps every lineage node of a cell to the cell node (so highlighting and slices work)', () => {
    const { graph, ids } = notebook();
    const view = cellsView(graph);
    const t = byTitle(view);
    expect(view.groupOf.get(ids.df)).toBe(t.get('cell 2'));
    expect(view.groupOf.get(ids.n)).toBe(t.get('cell 2'));
    expect(view.groupOf.get(ids.df2)).toBe(t.get('cell 3'));
    const rel = relations(view, t.get('cell 3')!);
    expect(rel.get(t.get('cell 2')!)).toBe('upstream');
    expect(rel.get(t.get('cell 4')!)).toBe('downstream');
    expect(rel.get(t.get('cell 5')!)).toBe('dim');
  });

  it('shows a cell that makes no lineage node (a bare name), unconnected', () => {
    const b = new GraphBuilder();
    const c1 = b.cell('a = 1\n');
    b.cell('a\n');
    b.cell('   \n');
    b.literal(1, { cell: c1, line: 1, col: 4, endCol: 5 }, ['a']);
    const view = cellsView(b.graph());
    expect(view.nodes.map((n) => [n.cell!.title, n.label])).toEqual([
      ['cell 1', 'a = 1'],
      ['cell 2', 'a'],
    ]);
    const bare = view.nodes[1];
    expect(bare.id).toBe('cell:cell-1');
    expect(view.groupOf.get(bare.id)).toBe(bare.id);
    expect(view.edges).toEqual([]);
    // It cannot expand: it has no statements.
    expect(expandCells(b.graph(), view, statementView(b.graph()), new Set([bare.id]))).toBe(view);
  });

  it('splits a plain script into top-level blocks at blank lines', () => {
    const b = new GraphBuilder();
    const s = b.cell('a = 1\nb = a\n\nc = b\n');
    delete b.sourceCodes[0].cellIndex;
    const a = b.literal(1, { cell: s, line: 1, col: 4, endCol: 5 }, ['a']);
    const bb = b.call(b.lookup('id'), [a], { cell: s, line: 2, col: 4, endCol: 5 }, { names: ['b'] });
    b.call(b.lookup('id'), [bb], { cell: s, line: 4, col: 4, endCol: 5 }, { names: ['c'] });
    const view = cellsView(b.graph());
    expect(view.nodes.map((n) => [n.cell!.title, n.cell!.defines])).toEqual([
      ['block 1', ['a', 'b']],
      ['block 2', ['c']],
    ]);
    expect(view.edges.map((e) => e.names)).toEqual([['b']]);
  });
});

describe('cellsNeeded / cellsUsing', () => {
  it('walks the cells a cell needs and the cells that use it', () => {
    const { graph } = notebook();
    const view = cellsView(graph);
    const t = byTitle(view);
    expect([...cellsNeeded(view, t.get('cell 4')!)].sort()).toEqual([t.get('cell 1'), t.get('cell 2'), t.get('cell 3')].sort());
    expect([...cellsUsing(view, t.get('cell 2')!)].sort()).toEqual([t.get('cell 3'), t.get('cell 4')].sort());
    expect(cellsUsing(view, t.get('cell 5')!).size).toBe(0);
  });
});

describe('expandCells', () => {
  it('replaces a cell by its statements in place and rewires the edges', () => {
    const { graph, ids } = notebook();
    const statements = statementView(graph);
    const view = cellsView(graph, statements);
    const t = byTitle(view);
    const expanded = expandCells(graph, view, statements, new Set([t.get('cell 2')!]));
    expect(expanded.nodes.map((n) => n.cell?.title ?? n.label)).toEqual([
      'cell 1',
      'df = pd.read_csv("a.csv")',
      'n = 3',
      'cell 3',
      'cell 4',
      'cell 5',
    ]);
    const edges = expanded.edges.map((e) => [e.source, e.target, e.names]);
    expect(edges).toContainEqual([t.get('cell 1'), ids.df, ['pd']]);
    expect(edges).toContainEqual([ids.df, t.get('cell 3'), ['df']]);
    expect(edges).toContainEqual([ids.n, t.get('cell 4'), ['n']]);
    expect(expanded.nodes.some((n) => n.cell?.title === 'cell 2')).toBe(false);
    expect(expanded.edges).toHaveLength(4);
    // The statements still know their cell, for the collapse control.
    expect(expanded.cellOf.get(ids.n)).toBe(t.get('cell 2'));
    // Folding back gives the cells view again.
    expect(expandCells(graph, view, statements, new Set())).toBe(view);
  });
});

describe('edgeLabel', () => {
  it('truncates long lists', () => {
    expect(edgeLabel(['a', 'b'])).toBe('a, b');
    expect(edgeLabel(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c +3 more');
    expect(edgeLabel([])).toBe('');
  });
});

describe('sections', () => {
  // Notebook cells 0–9: markdown at even indexes, the five code cells at 1, 3, 5, 7, 9.
  function sectioned(outline: Array<{ cellIndex: number; level: number; text: string }> | undefined) {
    const { graph, ids } = notebook();
    const sourceCodes = graph.sourceCodes.map((c) => ({ ...c, cellIndex: c.cellIndex! * 2 + 1 }));
    return { graph: { ...graph, sourceCodes, ...(outline ? { outline } : {}) }, ids };
  }
  const outline = [
    { cellIndex: 0, level: 1, text: 'Notebook' },
    { cellIndex: 0, level: 2, text: 'Load' },
    { cellIndex: 4, level: 2, text: 'Clean' },
    { cellIndex: 8, level: 2, text: 'Report' },
  ];

  it('sectionOf: the last heading in a cell before the code cell', () => {
    expect(sectionOf(outline, 1)).toEqual({ index: 1, level: 2, text: 'Load', parent: 'Notebook' });
    expect(sectionOf(outline, 3)).toEqual({ index: 1, level: 2, text: 'Load', parent: 'Notebook' });
    expect(sectionOf(outline, 5)).toEqual({ index: 2, level: 2, text: 'Clean', parent: 'Notebook' });
    expect(sectionOf(outline, 9)).toEqual({ index: 3, level: 2, text: 'Report', parent: 'Notebook' });
    const nested = [
      { cellIndex: 0, level: 1, text: 'Exercises' },
      { cellIndex: 1, level: 2, text: '1.' },
      { cellIndex: 3, level: 3, text: 'Hint' },
      { cellIndex: 5, level: 2, text: '2.' },
      { cellIndex: 7, level: 1, text: 'Extra' },
    ];
    expect(sectionOf(nested, 4)).toEqual({ index: 2, level: 3, text: 'Hint', parent: '1.' });
    expect(sectionOf(nested, 6)).toEqual({ index: 3, level: 2, text: '2.', parent: 'Exercises' });
    expect(sectionOf(nested, 8)).toEqual({ index: 4, level: 1, text: 'Extra' });
    expect(sectionOf([{ cellIndex: 4, level: 1, text: 'Late' }], 3)).toBeUndefined();
    expect(sectionOf([], 3)).toBeUndefined();
    expect(sectionOf(undefined, 3)).toBeUndefined();
    expect(sectionOf(outline, undefined)).toBeUndefined();
  });

  it('gives each cell node the section of the nearest heading above it', () => {
    const { graph } = sectioned(outline);
    const view = cellsView(graph);
    expect(view.nodes.map((n) => [n.cell!.title, n.section?.text])).toEqual([
      ['cell 2', 'Load'],
      ['cell 4', 'Load'],
      ['cell 6', 'Clean'],
      ['cell 8', 'Clean'],
      ['cell 10', 'Report'],
    ]);
  });

  it('leaves cells before the first heading, and sessions without an outline, without a section', () => {
    const late = cellsView(sectioned([{ cellIndex: 6, level: 2, text: 'Later' }]).graph);
    expect(late.nodes.map((n) => n.section?.text)).toEqual([undefined, undefined, undefined, 'Later', 'Later']);
    const none = cellsView(sectioned(undefined).graph);
    expect(none.nodes.every((n) => n.section === undefined)).toBe(true);
  });

  it('keeps an expanded cell’s statements in its section', () => {
    const { graph } = sectioned(outline);
    const statements = statementView(graph);
    const cells = cellsView(graph, statements);
    const cell2 = cells.nodes.find((n) => n.cell!.title === 'cell 4')!;
    const expanded = expandCells(graph, cells, statements, new Set([cell2.id]));
    const shown = expanded.nodes.filter((n) => !n.cell);
    expect(shown.length).toBe(2);
    expect(shown.every((n) => n.section?.text === 'Load')).toBe(true);
  });
});
