import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors';
import { createSlicer, sessionCode, sliceGraph } from './index';
import { GraphBuilder } from './testing/graph-builder';

/**
 * x = 1
 * y = 2
 * z = x + 10
 * print(y)
 */
function simple() {
  const b = new GraphBuilder();
  const c = b.cell('x = 1\ny = 2\nz = x + 10\nprint(y)\n');
  const x = b.literal(1, { cell: c, line: 1 }, ['x']);
  const y = b.literal(2, { cell: c, line: 2 }, ['y']);
  const add = b.lookup('add');
  const ten = b.literal(10, { cell: c, line: 3 });
  const z = b.call(add, [x, ten], { cell: c, line: 3 }, { names: ['z'] });
  const pr = b.call(b.lookup('print'), [y], { cell: c, line: 4 });
  return { b, c, x, y, z, ten, add, pr };
}

describe('sliceGraph', () => {
  it('keeps the target and its ancestors, whole lines in order', () => {
    const { b, z, x, ten, add, c } = simple();
    const r = sliceGraph(b.graph(), [z]);
    expect(r.code).toBe('x = 1\nz = x + 10\n');
    expect(r.lines).toEqual([{ sourceCodeId: c, lines: [1, 3] }]);
    expect(r.nodeIds).toEqual([x, add, ten, z]);
  });

  it('unions several targets, each line once', () => {
    const { b, z, pr, y } = simple();
    const r = sliceGraph(b.graph(), [z, pr, y]);
    expect(r.code).toBe('x = 1\ny = 2\nz = x + 10\nprint(y)\n');
  });

  it('throws NotFoundError for an unknown id', () => {
    const { b } = simple();
    expect(() => sliceGraph(b.graph(), ['nope'])).toThrow(NotFoundError);
  });

  it('selects every line of a multi-line node', () => {
    const b = new GraphBuilder();
    const c = b.cell('a = 1\nunused = 3\nr = f(\n    a,\n    2)\n');
    const a = b.literal(1, { cell: c, line: 1 }, ['a']);
    b.literal(3, { cell: c, line: 2 }, ['unused']);
    const two = b.literal(2, { cell: c, line: 5 });
    const r = b.call(b.lookup('f'), [a, two], { cell: c, line: 3, endLine: 5 }, { names: ['r'] });
    expect(sliceGraph(b.graph(), [r]).code).toBe('a = 1\nr = f(\n    a,\n    2)\n');
  });

  it('closes over the whole statement when a node covers only part of it', () => {
    const b = new GraphBuilder();
    const c = b.cell('a = 1\nb = 2\nx = (\n    a + b\n)\nother = 5\n');
    const a = b.literal(1, { cell: c, line: 1 }, ['a']);
    const bb = b.literal(2, { cell: c, line: 2 }, ['b']);
    b.literal(5, { cell: c, line: 6 }, ['other']);
    const x = b.call(b.lookup('add'), [a, bb], { cell: c, line: 4 }, { names: ['x'] });
    const r = sliceGraph(b.graph(), [x]);
    expect(r.code).toBe('a = 1\nb = 2\nx = (\n    a + b\n)\n');
    expect(r.lines[0].lines).toEqual([1, 2, 3, 4, 5]);
  });

  it('brings in other nodes on a selected line, with their ancestors, to a fixpoint', () => {
    const b = new GraphBuilder();
    const c = b.cell('c = 7\nd = 8\na = 1; e = g(c)\nz = a\nw = d\n');
    const cc = b.literal(7, { cell: c, line: 1 }, ['c']);
    const d = b.literal(8, { cell: c, line: 2 }, ['d']);
    const a = b.literal(1, { cell: c, line: 3 }, ['a']);
    b.call(b.lookup('g'), [cc], { cell: c, line: 3, col: 11 }, { names: ['e'] });
    const z = b.call(b.lookup('alias'), [a], { cell: c, line: 4 }, { names: ['z'] });
    b.call(b.lookup('alias'), [d], { cell: c, line: 5 }, { names: ['w'] });
    expect(sliceGraph(b.graph(), [z]).code).toBe('c = 7\na = 1; e = g(c)\nz = a\n');
  });

  it('pins an artifact: mutations before are in, mutations after are out', () => {
    const b = new GraphBuilder();
    const c = b.cell('x = []\nx.append(1)\nlineapy.save(x, "x")\nx.append(2)\n');
    const list = b.call(b.lookup('l_list'), [], { cell: c, line: 1 }, { names: ['x'] });
    const getattr = b.lookup('getattr');
    const app1 = b.call(getattr, [list, b.literal('append', { cell: c, line: 2 })], { cell: c, line: 2 });
    const call1 = b.call(app1, [b.literal(1, { cell: c, line: 2 })], { cell: c, line: 2 });
    const m1 = b.mutate(list, call1, { cell: c, line: 2 }, ['x']);
    const app2 = b.call(getattr, [m1, b.literal('append', { cell: c, line: 4 })], { cell: c, line: 4 });
    const call2 = b.call(app2, [b.literal(2, { cell: c, line: 4 })], { cell: c, line: 4 });
    b.mutate(m1, call2, { cell: c, line: 4 }, ['x']);
    expect(sliceGraph(b.graph(), [m1]).code).toBe('x = []\nx.append(1)\n');
  });

  it('includes mutations through an alias made before the naming point', () => {
    // a = []; b = a; a.append(1); save(b)
    const b = new GraphBuilder();
    const c = b.cell('a = []\nb = a\na.append(1)\nunrelated = 0\n');
    const a = b.call(b.lookup('l_list'), [], { cell: c, line: 1 }, { names: ['a'] });
    const bb = b.call(b.lookup('alias'), [a], { cell: c, line: 2 }, { names: ['b'] });
    const fn = b.call(b.lookup('getattr'), [a, b.literal('append', { cell: c, line: 3 })], { cell: c, line: 3 });
    const call = b.call(fn, [b.literal(1, { cell: c, line: 3 })], { cell: c, line: 3 });
    b.mutate(a, call, { cell: c, line: 3 }, ['a']);
    const mb = b.mutate(bb, call, { cell: c, line: 3 }, ['b']);
    b.literal(0, { cell: c, line: 4 }, ['unrelated']);
    expect(sliceGraph(b.graph(), [mb]).code).toBe('a = []\nb = a\na.append(1)\n');
  });

  it('keeps import lines only when something selected uses them', () => {
    const b = new GraphBuilder();
    const c = b.cell('import math\nimport os\nr = math.sqrt(4)\n');
    const lImport = b.lookup('l_import');
    const mathMod = b.call(lImport, [b.importModule('math', { cell: c, line: 1 })], { cell: c, line: 1 }, { names: ['math'] });
    b.call(lImport, [b.importModule('os', { cell: c, line: 2 })], { cell: c, line: 2 }, { names: ['os'] });
    const sqrt = b.call(b.lookup('getattr'), [mathMod, b.literal('sqrt', { cell: c, line: 3 })], { cell: c, line: 3 });
    const r = b.call(sqrt, [b.literal(4, { cell: c, line: 3 })], { cell: c, line: 3 }, { names: ['r'] });
    expect(sliceGraph(b.graph(), [r]).code).toBe('import math\nr = math.sqrt(4)\n');
  });

  it('leaves out lineapy.save and import lineapy unless keepLineapy', () => {
    const b = new GraphBuilder();
    const c = b.cell('import lineapy\nx = 5\nlineapy.save(x, "five")\ny = 6\n');
    const lImport = b.lookup('l_import');
    const lp = b.call(lImport, [b.importModule('lineapy', { cell: c, line: 1 })], { cell: c, line: 1 }, { names: ['lineapy'] });
    const x = b.literal(5, { cell: c, line: 2 }, ['x']);
    const save = b.call(b.lookup('getattr'), [lp, b.literal('save', { cell: c, line: 3 })], { cell: c, line: 3 });
    const saveCall = b.call(save, [x, b.literal('five', { cell: c, line: 3 })], { cell: c, line: 3 });
    b.literal(6, { cell: c, line: 4 }, ['y']);
    const slicer = createSlicer(b.graph());
    expect(slicer.saveCalls).toEqual([{ callId: saveCall, savedId: x }]);
    expect(slicer.slice([x]).code).toBe('x = 5\n');
    expect(slicer.slice([x], { keepLineapy: true }).code).toBe('import lineapy\nx = 5\nlineapy.save(x, "five")\n');
    expect(slicer.slice([x]).code).toBe('x = 5\n');
  });

  it('orders by cell then line and drops cells with nothing selected', () => {
    const b = new GraphBuilder();
    const c0 = b.cell('a = 1\n');
    const c1 = b.cell('print("hi")\n');
    const c2 = b.cell('b = a * 2\n');
    const a = b.literal(1, { cell: c0, line: 1 }, ['a']);
    b.call(b.lookup('print'), [b.literal('hi', { cell: c1, line: 1 })], { cell: c1, line: 1 });
    const bb = b.call(b.lookup('mul'), [a, b.literal(2, { cell: c2, line: 1 })], { cell: c2, line: 1 }, { names: ['b'] });
    const r = sliceGraph(b.graph(), [bb]);
    expect(r.code).toBe('a = 1\nb = a * 2\n');
    expect(r.lines).toEqual([
      { sourceCodeId: c0, lines: [1] },
      { sourceCodeId: c2, lines: [1] },
    ]);
  });

  it('follows opaque units: Global call, global reads, implicit deps, kwargs', () => {
    const b = new GraphBuilder();
    const code = 'n = 3\nk = 2\nfor i in range(n):\n    total = i\nout = f(total, key=k)\nwritten = open_fs()\n';
    const c = b.cell(code);
    const n = b.literal(3, { cell: c, line: 1 }, ['n']);
    const k = b.literal(2, { cell: c, line: 2 }, ['k']);
    const loop = b.call(b.lookup('l_exec'), [], { cell: c, line: 3, endLine: 4 }, { globalReads: { n }, blackBox: 'for i in range(n):\n    total = i' });
    const total = b.global('total', loop, { cell: c, line: 3, endLine: 4 });
    const fs = b.lookup('file_system');
    b.call(b.lookup('open_fs'), [], { cell: c, line: 6 }, { implicitDeps: [fs], names: ['written'] });
    const out = b.call(b.lookup('f'), [total], { cell: c, line: 5 }, { kwargs: [{ key: 'key', id: k }], names: ['out'] });
    expect(sliceGraph(b.graph(), [out]).code).toBe('n = 3\nk = 2\nfor i in range(n):\n    total = i\nout = f(total, key=k)\n');
  });

  it('reuses its indexes across slices and gives the same answers', () => {
    const { b, z, pr } = simple();
    const slicer = createSlicer(b.graph());
    const first = slicer.slice([z]);
    slicer.slice([pr]);
    expect(slicer.slice([z])).toEqual(first);
    expect(slicer.ancestors([z])).toEqual(first.nodeIds);
  });

  it('returns an empty slice for a target without location or ancestors', () => {
    const b = new GraphBuilder();
    b.cell('x = 1\n');
    const p = b.lookup('print');
    expect(sliceGraph(b.graph(), [p])).toEqual({ nodeIds: [p], lines: [], code: '' });
  });
});

describe('sessionCode', () => {
  it('joins the cells in order', () => {
    const b = new GraphBuilder();
    b.cell('a = 1\n');
    b.cell('');
    b.cell('b = 2\n\n');
    expect(sessionCode(b.graph())).toBe('a = 1\n\nb = 2\n');
  });
});
