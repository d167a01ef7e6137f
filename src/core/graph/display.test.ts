/** Display-only statements, classified on graphs from the real analyser; hiding them re-routes edges. */
import { describe, expect, it } from 'vitest';
import { analyseCells } from '../slice/testing/prove';
import { statementView, type GraphView } from './view';
import { cellsView } from './cells';
import { displayOnlyIn, displayOnlyStatements, hideDisplayOnly } from './display';

function classify(cells: string[]) {
  const out = analyseCells(cells);
  const graph = { sourceCodes: out.sourceCodes, nodes: out.nodes };
  const statements = statementView(graph);
  const display = displayOnlyStatements(graph, statements);
  const byLabel = (label: string) => {
    const n = statements.nodes.find((s) => s.label === label);
    if (!n) throw new Error(`no statement ${label}: ${statements.nodes.map((s) => s.label).join(' | ')}`);
    return n;
  };
  return { graph, statements, display, isDisplay: (label: string) => display.has(byLabel(label).id), byLabel };
}

const IMPORTS = 'import pandas as pd\nimport matplotlib.pyplot as plt\nfrom IPython.display import clear_output, display\nimport lineapy';

describe('displayOnlyStatements', () => {
  it('marks print, display, clear_output, bare value expressions and plotting calls with no binding', () => {
    const { isDisplay } = classify([IMPORTS, 'df = pd.read_csv("a.csv")\nprint(df.shape)\ndf.head()\ndisplay(df)\nclear_output()', 'plt.plot(df["a"])\nplt.show()\nfig, ax = plt.subplots()\nax.set_title("x")']);
    for (const label of ['print(df.shape)', 'df.head()', 'display(df)', 'clear_output()', 'plt.plot(df["a"])', 'plt.show()', 'ax.set_title("x")']) expect(isDisplay(label), label).toBe(true);
  });

  it('keeps bindings, mutations, writes, imports, lineapy and assertions', () => {
    const { isDisplay } = classify([
      IMPORTS,
      'df = pd.read_csv("a.csv")\ndf.dropna(inplace=True)\nfig, ax = plt.subplots()\nplt.savefig("p.png")\ndf.to_csv("o.csv")\nprint("x", file=open("f.txt", "w"))\ndf["b"] = 1\nlineapy.save(df, "d")\nassert len(df) > 0\nx = df.mean()',
    ]);
    for (const label of ['import pandas as pd', 'df = pd.read_csv("a.csv")', 'df.dropna(inplace=True)', 'fig, ax = plt.subplots()', 'plt.savefig("p.png")', 'df.to_csv("o.csv")', 'print("x", file=open("f.txt", "w"))', 'df["b"] = 1', 'lineapy.save(df, "d")', 'assert len(df) > 0', 'x = df.mean()'])
      expect(isDisplay(label), label).toBe(false);
  });

  it('does not mark a bare call that mutates a value the program reads later', () => {
    const { isDisplay } = classify(['import pandas as pd', 'df = pd.read_csv("a.csv")\ndf.drop(columns=["a"], inplace=True)\ny = df.sum()']);
    expect(isDisplay('df.drop(columns=["a"], inplace=True)')).toBe(false);
  });
});

describe('hideDisplayOnly', () => {
  it('hides display-only statements and re-routes the edges through them', () => {
    const { statements, display, byLabel } = classify(['import pandas as pd', 'df = pd.read_csv("a.csv")\nprint(df.shape)\ny = df.sum()']);
    const hidden = hideDisplayOnly(statements, display);
    expect(hidden.nodes.map((n) => n.label)).toEqual(['import pandas as pd', 'df = pd.read_csv("a.csv")', 'y = df.sum()']);
    const edges = (v: GraphView) => v.edges.map((e) => `${e.source}->${e.target}`);
    expect(edges(hidden)).toContain(`${byLabel('df = pd.read_csv("a.csv")').id}->${byLabel('y = df.sum()').id}`);
    // No edge ends at a hidden node.
    const kept = new Set(hidden.nodes.map((n) => n.id));
    expect(hidden.edges.every((e) => kept.has(e.source) && kept.has(e.target))).toBe(true);
  });

  it('routes an edge through a chain of hidden nodes (keepNodes)', () => {
    const view: GraphView = {
      mode: 'statement',
      groupOf: new Map(),
      nodes: ['a', 'b', 'c', 'd'].map((id, seq) => ({ id, kind: 'Call', label: id, title: id, memberIds: [id], names: [], where: '', isBlock: false, seq })),
      edges: [
        { id: 'a->b', source: 'a', target: 'b', names: ['x'] },
        { id: 'b->c', source: 'b', target: 'c' },
        { id: 'c->d', source: 'c', target: 'd' },
        { id: 'a->d', source: 'a', target: 'd', names: ['x'] },
      ],
    };
    const hidden = hideDisplayOnly(view, new Set(['b', 'c']));
    expect(hidden.edges).toEqual([{ id: 'a->d', source: 'a', target: 'd', names: ['x'] }]);
    expect(hideDisplayOnly(view, new Set())).toBe(view);
  });

  it('marks whole cells that only display, and lineage nodes of display-only statements', () => {
    const { graph, statements, display } = classify(['import pandas as pd', 'df = pd.read_csv("a.csv")', 'print(df.shape)\ndf.head()', 'y = df.sum()\nprint(y)']);
    const cells = cellsView(graph, statements);
    const marked = displayOnlyIn(cells, statements, display);
    expect(cells.nodes.filter((n) => marked.has(n.id)).map((n) => n.cell!.title)).toEqual(['cell 3']);
    expect(displayOnlyIn(statements, statements, display)).toEqual(display);
  });
});
