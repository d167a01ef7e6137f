/** Static staleness: what to re-run after a diff, and stored outputs older than their inputs. */
import { describe, expect, it } from 'vitest';
import { buildIngestPlan } from '../ingest';
import { diffNotebooks } from './notebook-diff';
import { untrustedOutputs, whatToRerun } from './staleness';
import { notebookText, version, type TestCell } from './testing/versions';
import type { NotebookVersion } from './version';

async function advice(before: Array<TestCell | string>, after: Array<TestCell | string>) {
  const a = await version(before);
  const b = await version(after);
  const r = whatToRerun(diffNotebooks(a, b), a, b);
  const name = (v: NotebookVersion, id: string) => `cell ${v.sourceCodes.find((c) => c.id === id)!.cellIndex! + 1}`;
  return { ...r, staleNames: r.stale.map((s) => s.name), rerunNames: r.rerun.map((id) => name(b, id)), b };
}

// cells 1 (markdown) … 12: cell 5 defines what 7, 9 and 12 use (12 through 9); 6, 8, 10, 11 are unrelated.
const NOTEBOOK: Array<TestCell | string> = [
  { source: '# Title', markdown: true },
  'import math',
  'a = 1',
  'b = 2',
  'base = a + 10',
  'unrelated = b * 3',
  'shifted = base + 1',
  'print(unrelated)',
  'scaled = math.sqrt(base)',
  'c = 4',
  'd = c + b',
  'final = scaled * 2',
];

describe('whatToRerun', () => {
  it('lists the cells downstream of an edited cell, transitively, in one sentence', async () => {
    const after = [...NOTEBOOK];
    after[4] = 'base = a + 20';
    const r = await advice(NOTEBOOK, after);
    expect(r.sentence).toBe('You edited cell 5. Cells 7, 9 and 12 use what it defines: re-run them.');
    expect(r.staleNames).toEqual(['cell 7', 'cell 9', 'cell 12']);
    expect(r.rerunNames).toEqual(['cell 5', 'cell 7', 'cell 9', 'cell 12']);
    const twelve = r.stale.find((s) => s.name === 'cell 12')!;
    expect(twelve.why).toBe('downstream');
    expect(twelve.from.map((f) => f.names)).toEqual([['scaled']]);
  });

  it('says so when nothing uses the edited cell, and when nothing changed', async () => {
    const after = [...NOTEBOOK];
    after[7] = 'print(unrelated, "!")';
    expect((await advice(NOTEBOOK, after)).sentence).toBe('You edited cell 8. No other cell uses what it defines.');
    const same = await advice(NOTEBOOK, NOTEBOOK);
    expect(same.sentence).toBe('No code changed since the previous version: nothing to re-run.');
    expect(same.rerun).toEqual([]);
  });

  it('a kept cell that read from a removed cell is stale, and so is what uses it', async () => {
    const r = await advice(['x = 1', 'x = 2', 'y = x + 1', 'z = y * 2'], ['x = 1', 'y = x + 1', 'z = y * 2']);
    expect(r.sentence).toBe('You removed cell 2. Cells 2 and 3 use what it defined: re-run them.');
    expect(r.stale.map((s) => `${s.name}:${s.why}`)).toEqual(['cell 2:rewired', 'cell 3:downstream']);
  });

  it('moving a cell across a reader rewires the reader; a move that rewires nothing is not mentioned', async () => {
    const r = await advice(['x = 1', 'y = x + 1', 'x = 5'], ['x = 1', 'x = 5', 'y = x + 1']);
    expect(r.stale.map((s) => `${s.name}:${s.why}`)).toEqual(['cell 3:rewired']);
    expect(r.sentence).toBe('You moved cell 2. Cell 3 uses what it defines: re-run it.');
    const quiet = await advice(['import math', 'p = 1', 'q = math.pi'], ['p = 1', 'import math', 'q = math.pi']);
    expect(quiet.rerun).toEqual([]);
    expect(quiet.sentence).toBe('No code changed since the previous version: nothing to re-run.');
  });

  it('names edits and additions together', async () => {
    const r = await advice(['a = 1', 'b = a + 1'], ['a = 2', 'b = a + 1', 'c = b + a']);
    expect(r.sentence).toBe('You edited cell 1 and added cell 3. Cell 2 uses what they define: re-run it.');
  });
});

describe('scripts', () => {
  it('a script is one cell: its line diff, and a sentence about the script', async () => {
    const plan = async (text: string) => {
      const p = await buildIngestPlan('job.py', new TextEncoder().encode(text));
      return { sourceCodes: p.sourceCodes, nodes: p.nodes, bindings: p.session.bindings };
    };
    const a = await plan('x = 1\ny = x + 1\n');
    const b = await plan('x = 2\ny = x + 1\n');
    const diff = diffNotebooks(a, b);
    expect(diff.cells.map((c) => c.status)).toEqual(['edited']);
    expect(diff.cells[0].lines.filter((l) => l.op !== 'same').map((l) => `${l.op} ${l.text}`)).toEqual(['del x = 1', 'add x = 2']);
    expect(whatToRerun(diff, a, b).sentence).toBe('You edited the script. No other cell uses what it defines.');
    expect(untrustedOutputs(b)).toEqual([]);
  });
});

describe('untrustedOutputs', () => {
  it('flags a cell that ran before a cell it depends on (directly or not)', async () => {
    const v = await version([
      { source: 'a = 1', count: 5 },
      { source: 'b = a + 1', count: 2 },
      { source: 'c = b + 1', count: 3 },
      { source: 'd = 7', count: 1 },
    ]);
    const flags = untrustedOutputs(v);
    expect(flags.map((f) => `${f.name}:${f.reason}:${f.cells.map((c) => c.name).join('+')}`)).toEqual(['cell 2:older-than-input:cell 1', 'cell 3:older-than-input:cell 1']);
    expect(flags[0].sentence).toBe("Cell 2's output is older than its inputs: it ran as [2], before cell 1 [5] that it depends on.");
  });

  it('flags a cell with no count while a later cell has one, and nothing in a notebook run in order or never run', async () => {
    const v = await version([{ source: 'a = 1', count: 1 }, { source: 'b = 2', count: null }, { source: 'c = a', count: 2 }, { source: 'e = 1', count: null }]);
    const flags = untrustedOutputs(v);
    expect(flags.map((f) => `${f.name}:${f.reason}`)).toEqual(['cell 2:not-run']);
    expect(flags[0].sentence).toBe('Cell 2 has no execution count, but cell 3 after it ran as [2]: outputs that depend on it may be missing or older than their inputs.');
    expect(untrustedOutputs(await version(NOTEBOOK))).toEqual([]);
    expect(untrustedOutputs(await version(NOTEBOOK.map((c) => (typeof c === 'string' ? { source: c, count: null } : c))))).toEqual([]);
  });
});

describe('the untrusted-output count at ingest (session.stats.untrustedOutputs)', () => {
  it('counts the flagged cells of a notebook; 0 when none; absent for scripts', async () => {
    const plan = async (cells: Array<TestCell | string>) => buildIngestPlan('nb.ipynb', new TextEncoder().encode(notebookText(cells)));
    const bad = await plan([{ source: 'a = 1', count: 5 }, { source: 'b = a + 1', count: 2 }, { source: 'c = b + 1', count: 3 }, { source: 'd = 7', count: 1 }]);
    expect(bad.session.stats.untrustedOutputs).toBe(2);
    expect((await plan(NOTEBOOK)).session.stats.untrustedOutputs).toBe(0);
    const script = await buildIngestPlan('s.py', new TextEncoder().encode('a = 1\nb = a + 1\n'));
    expect(script.session.stats.untrustedOutputs).toBeUndefined();
  });
});
