/** The notebook diff on notebooks analysed by the real pipeline: cells, variables, artifacts, changed nodes. */
import { describe, expect, it } from 'vitest';
import { changedNodeIds, diffArtifacts, diffCells, diffNotebooks, withoutComments } from './notebook-diff';
import { version } from './testing/versions';

const BASE = [
  { source: '# Churn', markdown: true },
  'import pandas as pd',
  'df = pd.read_csv("a.csv")\nn = 3',
  'top = df.head(n)',
  'other = 5',
];

const summary = (cells: ReturnType<typeof diffCells>) => cells.map((c) => `${c.status}${c.moved ? '+moved' : ''}:${c.old?.name ?? '-'}>${c.new?.name ?? '-'}`);

describe('diffNotebooks', () => {
  it('finds nothing between two analyses of the same notebook', async () => {
    const a = await version(BASE);
    const b = await version(BASE);
    const diff = diffNotebooks(a, b);
    expect(diff.counts).toEqual({ unchanged: 4, edited: 0, added: 0, removed: 0, moved: 0 });
    expect(diff.variables).toEqual([]);
    expect(diffArtifacts(a.artifacts!, b.artifacts!)).toEqual([]);
    expect(changedNodeIds(diff, b).size).toBe(0);
  });

  it('finds added, removed, edited and moved cells, with a line diff for the edited one', async () => {
    const a = await version(BASE);
    const b = await version([
      { source: '# Churn', markdown: true },
      'import pandas as pd',
      'other = 5',
      'df = pd.read_csv("b.csv")\nn = 3',
      'top = df.head(n)',
      'print(top)',
    ]);
    const diff = diffNotebooks(a, b);
    expect(summary(diff.cells)).toEqual([
      'unchanged:cell 2>cell 2',
      'unchanged+moved:cell 5>cell 3',
      'edited:cell 3>cell 4',
      'unchanged:cell 4>cell 5',
      'added:->cell 6',
    ]);
    const edited = diff.cells.find((c) => c.status === 'edited')!;
    expect(edited.lines).toEqual([
      { op: 'del', text: 'df = pd.read_csv("a.csv")', oldLine: 1 },
      { op: 'add', text: 'df = pd.read_csv("b.csv")', newLine: 1 },
      { op: 'same', text: 'n = 3', oldLine: 2, newLine: 2 },
    ]);
    expect(diff.counts).toEqual({ unchanged: 3, edited: 1, added: 1, removed: 0, moved: 1 });
  });

  it('places a removed cell after the cell that preceded it', async () => {
    const a = await version(['x = 1', 'y = 2', 'z = x + y']);
    const b = await version(['x = 1', 'z = x + 4']);
    expect(summary(diffCells(a.sourceCodes, b.sourceCodes))).toEqual(['unchanged:cell 1>cell 1', 'removed:cell 2>-', 'edited:cell 3>cell 2']);
  });

  it('matches repeated identical cells in order and does not pair unlike cells', async () => {
    const a = await version(['df.head()', 'x = 1', 'df.head()']);
    const b = await version(['df.head()', 'df.head()', 'completely_different_name = open("f").read()']);
    expect(summary(diffCells(a.sourceCodes, b.sourceCodes))).toEqual([
      'unchanged:cell 1>cell 1',
      'removed:cell 2>-',
      'unchanged:cell 3>cell 2',
      'added:->cell 3',
    ]);
  });

  it('names variables whose statements changed, and those whose inputs changed', async () => {
    const a = await version(['import pandas as pd', 'df = pd.read_csv("a.csv")\nn = 3', 'top = df.head(n)', 'other = 5']);
    const b = await version(['import pandas as pd', 'df = pd.read_csv("b.csv")\nn = 3', 'top = df.head(n)', 'fresh = 1']);
    const changes = diffNotebooks(a, b).variables.map((v) => `${v.name}:${v.change}`);
    expect(changes).toEqual(['df:edited', 'fresh:added', 'other:removed', 'top:inputs-changed']);
    const df = diffNotebooks(a, b).variables.find((v) => v.name === 'df')!;
    expect(df.before).toEqual(['df = pd.read_csv("a.csv")']);
    expect(df.after).toEqual(['df = pd.read_csv("b.csv")']);
  });

  it('an artifact changes when its slice digest does, not when another cell changes', async () => {
    const cells = (k: number, j: number) => [
      'import lineapy',
      `a = ${k}\nb = a * 2`,
      'lineapy.save(b, "doubled")',
      `c = ${j}`,
      'lineapy.save(c, "plain")',
    ];
    const a = await version(cells(1, 10));
    const b = await version(cells(2, 10));
    const diff = diffNotebooks(a, b);
    expect(diff.artifacts.map((x) => `${x.name}:${x.change}`)).toEqual(['doubled:changed', 'plain:same']);
    const c = await version(['import lineapy', 'a = 1\nb = a * 2', 'lineapy.save(b, "doubled")']);
    expect(diffNotebooks(a, c).artifacts.map((x) => `${x.name}:${x.change}`)).toEqual(['doubled:same', 'plain:removed']);
    expect(diffNotebooks(c, a).artifacts.map((x) => `${x.name}:${x.change}`)).toEqual(['doubled:same', 'plain:added']);
  });

  it('marks the nodes of added lines and added cells as changed, and no others', async () => {
    const a = await version(['x = 1', 'y = x + 1\nz = 3']);
    const b = await version(['x = 1', 'y = x + 2\nz = 3', 'w = 9']);
    const diff = diffNotebooks(a, b);
    const changed = changedNodeIds(diff, b);
    const names = b.nodes.filter((n) => changed.has(n.id)).flatMap((n) => n.names);
    expect(names.sort()).toEqual(['w', 'y']);
    const untouched = b.nodes.filter((n) => n.names.includes('z') || n.names.includes('x'));
    expect(untouched.some((n) => changed.has(n.id))).toBe(false);
  });

  describe('cell matching of small edits (an edit is not a removal plus an addition)', () => {
    it('a one-line edit of a short cell is an edit', async () => {
      const a = await version(['import pandas as pd', 'df = pd.read_csv("a.csv")', 'top = df.head()']);
      const b = await version(['import pandas as pd', 'df = pd.read_parquet("b.parquet")', 'top = df.head()']);
      expect(summary(diffCells(a.sourceCodes, b.sourceCodes))).toEqual(['unchanged:cell 1>cell 1', 'edited:cell 2>cell 2', 'unchanged:cell 3>cell 3']);
    });

    it('a changed comment does not make a cell unlike itself', async () => {
      const a = await version(['x = 1', 'y = x * 2  # first try at this', 'print(y)']);
      const b = await version(['x = 1', '# doubled, as the second attempt with more data\ny = x * 2  # see the notes in the wiki', 'print(y)']);
      const cells = diffCells(a.sourceCodes, b.sourceCodes);
      expect(summary(cells)).toEqual(['unchanged:cell 1>cell 1', 'edited:cell 2>cell 2', 'unchanged:cell 3>cell 3']);
      expect(cells[1].similarity).toBe(1);
    });

    it('a one-line edit in a cell full of comments is an edit', async () => {
      const a = await version(['import math', '# compute the radius\n# of the unit circle here\nr = math.sqrt(2)', 'area = math.pi * r ** 2']);
      const b = await version(['import math', '# radius: use the measured value instead\nr = 1.5', 'area = math.pi * r ** 2']);
      expect(summary(diffCells(a.sourceCodes, b.sourceCodes))).toEqual(['unchanged:cell 1>cell 1', 'edited:cell 2>cell 2', 'unchanged:cell 3>cell 3']);
    });

    it('moved cells stay moved, and a moved cell with a small edit is still found', async () => {
      const a = await version(['a = 1', 'b = 2', 'c = a + b', 'd = load_table("sales")']);
      const b = await version(['d = load_table("sales_2024")', 'a = 1', 'b = 2', 'c = a + b']);
      expect(summary(diffCells(a.sourceCodes, b.sourceCodes))).toEqual([
        'edited+moved:cell 4>cell 1',
        'unchanged:cell 1>cell 2',
        'unchanged:cell 2>cell 3',
        'unchanged:cell 3>cell 4',
      ]);
    });

    it('real insertions and deletions stay insertions and deletions', async () => {
      const a = await version(['import os', 'path = os.getcwd()', 'files = os.listdir(path)', 'count = len(files)']);
      const b = await version(['import os', 'files = os.listdir(path)', 'count = len(files)', 'print(count)']);
      expect(summary(diffCells(a.sourceCodes, b.sourceCodes))).toEqual([
        'unchanged:cell 1>cell 1',
        'removed:cell 2>-',
        'unchanged:cell 3>cell 2',
        'unchanged:cell 4>cell 3',
        'added:->cell 4',
      ]);
      // A cell replaced by unlike code at the same place is a removal and an addition.
      const c = await version(['import os', 'model = train_network(epochs=5)', 'files = os.listdir(path)', 'count = len(files)']);
      expect(summary(diffCells(a.sourceCodes, c.sourceCodes))).toEqual([
        'unchanged:cell 1>cell 1',
        'removed:cell 2>-',
        'added:->cell 2',
        'unchanged:cell 3>cell 3',
        'unchanged:cell 4>cell 4',
      ]);
    });
  });
});

describe('withoutComments', () => {
  it('drops comments but keeps # inside strings, triple-quoted ones included', () => {
    expect(withoutComments('x = 1  # one\ny = "#not" # two')).toBe('x = 1  \ny = "#not" ');
    expect(withoutComments("s = '''a\n# kept\n'''  # gone\nt = 'it\\'s # in'")).toBe("s = '''a\n# kept\n'''  \nt = 'it\\'s # in'");
  });
});
