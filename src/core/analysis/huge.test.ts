/**
 * Huge inputs (issue 13): long constant displays fold into one Literal, the node budget,
 * progress and cancel, and inputs whose cost used to grow quadratically.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chainedAssignment, oneLineList } from '../../../bench/huge-inputs';
import { InputError } from '../errors';
import { buildIngestPlan } from '../ingest';
import type { CallNode, LiteralNode, ProgramInput } from '../model';
import { createSlicer } from '../slice/index';
import { createPythonRunner, type PythonRunner } from '../slice/testing/pyodide-harness';
import { AnalysisCancelledError, analyseProgram, DEFAULT_MAX_NODES } from './index';
import { analyseCode } from './testing';

const script = (code: string): ProgramInput => ({ kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] });
const range = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join(', ');
const folded = (g: ReturnType<typeof analyseCode>): LiteralNode[] => g.ofKind('Literal').filter((l) => l.elided !== undefined);

describe('long constant displays fold into one Literal', () => {
  it('a list of 1,000 ints is three nodes; the Literal covers the whole display', () => {
    const g = analyseCode(`xs = [${range(1000, String)}]\nn = len(xs)`);
    expect(g.diagnostics).toEqual([]);
    const xs = g.binding('xs') as CallNode;
    expect(g.calleeName(xs)).toBe('l_list');
    expect(xs.args).toHaveLength(1);
    expect(xs.args[0].starred).toBe(true);
    const [lit] = folded(g);
    expect(lit).toMatchObject({ elided: 1000, valueType: 'tuple' });
    expect(lit.value).toBe(`(${range(1000, String)})`);
    expect(lit.location).toMatchObject({ line: 1, col: 0, endLine: 1 });
    // l_list, its Lookup, the folded Literal; then len(xs): Lookup + Call.
    expect(g.nodes).toHaveLength(5);
  });
  it('short displays and short runs are unchanged (one node per element)', () => {
    const g = analyseCode(`xs = [${range(64, String)}]\nys = [a, ${range(7, String)}, b] + [${range(60, () => 'a')}, ${range(7, String)}]`);
    expect(folded(g)).toHaveLength(0);
    expect(g.ofKind('Literal').length).toBe(64 + 7 + 7);
  });
  it('runs of constants between names fold; the names are still read', () => {
    const g = analyseCode(`a = 1\nb = 2\nxs = [a, ${range(100, String)}, b, -1, -2, ${range(10, (i) => `"s${i}"`)}]`);
    const runs = folded(g);
    expect(runs.map((l) => l.elided)).toEqual([100, 12]);
    expect(runs[1].value).toBe(`(-1, -2, ${range(10, (i) => `"s${i}"`)})`);
    expect(g.dependsOnLine('xs', 1)).toBe(true);
    expect(g.dependsOnLine('xs', 2)).toBe(true);
  });
  it('tuples, nested constant displays and dicts fold', () => {
    const g = analyseCode(`t = (${range(80, (i) => `(${i}, ${i + 1})`)})\nd = {${range(70, (i) => `"k${i}": [${i}]`)}}\nm = [${range(70, (i) => `[${i}, ${i}]`)}]`);
    expect(folded(g).map((l) => [l.valueType, l.elided])).toEqual([['tuple', 80], ['dict', 70], ['tuple', 70]]);
    expect(g.nodes.length).toBeLessThan(12);
    const d = g.binding('d') as CallNode;
    expect(d.kwargs).toEqual([expect.objectContaining({ key: '**', starred: true })]);
  });
  it('a folded run of lists still shares its elements with the display (mutations reach it)', () => {
    const g = analyseCode(`m = [${range(70, (i) => `[${i}]`)}]\nrow = m[0]\nrow.append(5)`);
    expect(g.isMutated('m')).toBe(true);
    const t = analyseCode(`t = [${range(70, String)}]\nv = t[0]\nv.append(5)`);
    expect(t.isMutated('t')).toBe(false);
  });
  it('a 1 MB one-line list is a handful of nodes (it was one per element)', () => {
    const out = analyseProgram(script(oneLineList(1_000_000)), { sessionId: 's' });
    expect(out.diagnostics).toEqual([]);
    expect(out.nodes.length).toBe(3);
    expect((out.nodes.find((n) => n.kind === 'Literal') as LiteralNode).elided).toBeGreaterThan(200_000);
  });
  it('slices keep the whole display', () => {
    const code = `import lineapy\nxs = [${range(200, String)}]\nnoise = 1\ntotal = sum(xs)\nlineapy.save(total, "total")`;
    const g = analyseCode(code);
    const slice = createSlicer({ sourceCodes: g.out.sourceCodes, nodes: g.out.nodes }).slice([g.binding('total').id]);
    expect(slice.code).toBe(`xs = [${range(200, String)}]\ntotal = sum(xs)\n`);
  });
});

describe('slices of folded displays run like the originals (Pyodide)', () => {
  let runner: PythonRunner;
  beforeAll(async () => {
    runner = await createPythonRunner();
  });
  it('a list, a dict and a mixed display', () => {
    const code = `a = 3\nxs = [a, ${range(100, String)}, a]\nd = {${range(70, (i) => `"k${i}": ${i}`)}}\nnoise = [0]\ny = sum(xs) + d["k69"]\n`;
    const g = analyseCode(code);
    expect(folded(g)).toHaveLength(2);
    const slice = createSlicer({ sourceCodes: g.out.sourceCodes, nodes: g.out.nodes }).slice([g.binding('y').id]);
    expect(slice.code).not.toMatch(/noise/);
    const original = runner.run(code, ['y']);
    const sliced = runner.run(slice.code, ['y']);
    expect(original.error).toBeUndefined();
    expect(sliced.reprs.y).toBe(original.reprs.y);
  });
});

describe('node budget (maxNodes)', () => {
  const many = Array.from({ length: 200 }, (_, i) => `x${i} = f(${i})`).join('\n');
  it('defaults to 500,000', () => expect(DEFAULT_MAX_NODES).toBe(500_000));
  it('stops with an InputError naming the limit and the setting; nothing is returned', () => {
    let error: unknown;
    try {
      analyseProgram(script(many), { sessionId: 's', maxNodes: 100, fileName: 'big.py' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      '"big.py" would need more than 100 lineage nodes, over the node limit per file, so it was not analysed and nothing was stored. You can raise the “Node limit per file” in Settings.',
    );
  });
  it('a file within the budget is analysed', () => {
    expect(analyseProgram(script(many), { sessionId: 's', maxNodes: 1000 }).nodes.length).toBeLessThanOrEqual(1000);
  });
  it('applies to a notebook across cells (not caught per cell), and through buildIngestPlan', async () => {
    const nb = JSON.stringify({ nbformat: 4, cells: many.split('\n').map((line) => ({ cell_type: 'code', source: line, metadata: {}, outputs: [] })) });
    await expect(buildIngestPlan('nb.ipynb', new TextEncoder().encode(nb), { maxNodes: 50 })).rejects.toThrow(/^"nb\.ipynb" would need more than 50 lineage nodes/);
    await expect(buildIngestPlan('nb.ipynb', new TextEncoder().encode(nb), { maxNodes: 5000 })).resolves.toMatchObject({ session: { stats: { cells: 200 } } });
  });
});

describe('progress and cancel', () => {
  const cells = (n: number): ProgramInput => ({
    kind: 'notebook',
    cells: Array.from({ length: n }, (_, i) => ({ code: `x${i} = ${i}`, cellIndex: i })),
    totalCells: n,
    diagnostics: [],
  });
  it('a notebook reports cells, at most about 100 times, ending at the total', () => {
    const calls: Array<[number, number]> = [];
    analyseProgram(cells(1000), { sessionId: 's', onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeLessThanOrEqual(101);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls[calls.length - 1]).toEqual([1000, 1000]);
    expect(calls.every(([d], i) => i === 0 || d > calls[i - 1][0])).toBe(true);
  });
  it('a script reports characters', () => {
    const code = Array.from({ length: 500 }, (_, i) => `y${i} = ${i}`).join('\n');
    const calls: Array<[number, number]> = [];
    analyseProgram(script(code), { sessionId: 's', onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeLessThanOrEqual(101);
    expect(calls[calls.length - 1]).toEqual([code.length, code.length]);
  });
  it('an aborted signal stops between statements with AnalysisCancelledError', () => {
    const code = Array.from({ length: 500 }, (_, i) => `y${i} = ${i}`).join('\n');
    let checks = 0;
    const signal = {
      get aborted() {
        return ++checks > 10;
      },
    };
    expect(() => analyseProgram(script(code), { sessionId: 's', signal, fileName: 'a.py' })).toThrow(AnalysisCancelledError);
    expect(checks).toBe(11);
    const controller = new AbortController();
    controller.abort();
    expect(() => analyseProgram(cells(3), { sessionId: 's', signal: controller.signal })).toThrow(/was cancelled, so nothing was stored/);
  });
});

describe('inputs that used to cost quadratic time', () => {
  it('v0 = v1 = … = 1 binds every name to the one literal, each name once', () => {
    const g = analyseCode('a = b = c = a = 1\n' + chainedAssignment(40) + 'v3 = v0 = 2');
    expect(g.binding('a').names).toEqual(['a', 'b', 'c']);
    const one = g.binding('v39') as LiteralNode;
    expect(one.value).toBe(1);
    expect(one.names).toHaveLength(40);
    expect(new Set(one.names).size).toBe(40);
    expect((g.binding('v0') as LiteralNode).value).toBe(2);
  });
  // 100,000 names took 137 s before the fix: each name was looked for in the node's
  // growing name list. Count the elements that Array#includes scans (no timing).
  it('20,000 chained names: one node, 20,000 bindings, and a linear number of name comparisons', () => {
    const n = 20_000;
    const includes = Array.prototype.includes;
    let scanned = 0;
    Array.prototype.includes = function (this: unknown[], ...args: [unknown, number?]): boolean {
      scanned += this.length;
      return includes.apply(this, args);
    };
    let out;
    try {
      out = analyseProgram(script(chainedAssignment(n)), { sessionId: 's' });
    } finally {
      Array.prototype.includes = includes;
    }
    expect(out.nodes).toHaveLength(1);
    expect(out.nodes[0].names).toHaveLength(n);
    expect(out.bindings).toHaveLength(n);
    expect(scanned).toBeLessThan(50 * n); // quadratic: about n² / 2 = 200,000,000
  });
  it('a script over 1 MB is parsed in pieces: every statement is analysed, one syntax error', () => {
    const pad = `  # ${'x'.repeat(200)}`;
    const pair = (i: number): string => `a${i % 50} = b${pad}\nb = a${i % 50}${pad}\n`;
    let big = '';
    let pairs = 0;
    for (; big.length < 650_000; pairs++) big += pair(pairs);
    const code = `b = 0\n${big}x = = 1\n${big}z = b\n`;
    expect(code.length).toBeGreaterThan(1 << 20);
    const g = analyseCode(code);
    expect(g.diagnostics.map((d) => [d.code, d.line])).toEqual([['syntax-error', big.split('\n').length + 1]]);
    expect(g.calls('l_alias')).toHaveLength(4 * pairs + 1);
    // z = b reads the chain of aliases through both halves: every line but the broken one.
    const lines = g.sliceLines('z');
    expect(lines).toHaveLength(4 * pairs + 2);
    expect(lines).not.toContain(2 * pairs + 2);
  });
});
