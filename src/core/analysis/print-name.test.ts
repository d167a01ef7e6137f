/**
 * `print` is an ordinary name in Python 3. @lezer/python still has the Python 2 print
 * statement, so statement-initial `print = …`, `print, x = …`, `print += …`,
 * `print: T = …`, `print[k] = …` used to parse as a PrintStatement with an error node.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallNode, LiteralNode } from '../model';
import { createSlicer } from '../slice/index';
import { createPythonRunner, type PythonRunner } from '../slice/testing/pyodide-harness';
import { analyseCode } from './testing';

describe('print is an ordinary name', () => {
  it('print = 5 rebinds print; later reads use the binding, not the builtin', () => {
    const g = analyseCode('print = 5\ny = print');
    expect(g.diagnostics).toEqual([]);
    expect(g.binding('print')).toMatchObject({ kind: 'Literal', value: 5 });
    expect(g.lookups('print')).toHaveLength(0);
    expect(g.dependsOnLine('y', 1)).toBe(true);
  });
  it('tuple target with print', () => {
    const g = analyseCode('print, x = 1, 2\nz = print + x');
    expect(g.diagnostics).toEqual([]);
    expect(g.calleeName(g.binding('print') as CallNode)).toBe('getitem');
    expect(g.sliceLines('z')).toEqual([1, 2]);
  });
  it('augmented assignment and annotated assignment to print', () => {
    const g = analyseCode('print = 1\nprint += 1\nprint: int = 3\nq = print');
    expect(g.diagnostics).toEqual([]);
    expect((g.binding('print') as LiteralNode).value).toBe(3);
    expect(g.sliceLines('q')).toEqual([3, 4]);
  });
  it('print[k] = v and comparisons on print at a statement start', () => {
    const g = analyseCode('print = {}\nprint[0] = 1\nprint == 3\nk = print');
    expect(g.diagnostics).toEqual([]);
    expect(g.calls('setitem')).toHaveLength(1);
    expect(g.sliceLines('k')).toEqual([1, 2, 4]);
  });
  it('inside blocks, after `;` and after a one-line `if x:`', () => {
    const g = analyseCode('c = 1\nif c:\n    print = 2\nx = 0; print = 3\nif c: print = 4\nw = print');
    expect(g.diagnostics).toEqual([]);
    expect(g.dependsOnLine('w', 5)).toBe(true);
  });
  it('a bare print at the end of a cell is an expression (the cell result)', () => {
    const g = analyseCode(['x = 1\nprint']);
    expect(g.diagnostics).toEqual([]);
    expect(g.node(g.out.cellResultNodes[g.out.sourceCodes[0].id])).toMatchObject({ kind: 'Lookup', name: 'print' });
  });
  it('a notebook cell that rebinds print is analysed, and later cells see the binding', () => {
    const g = analyseCode(['print = len', 'n = print([1, 2])']);
    expect(g.diagnostics).toEqual([]);
    expect(g.sliceLines('n', 0)).toEqual([1]);
  });
  it('locations and names come from the original text', () => {
    const g = analyseCode('print: int = 3');
    expect(g.out.bindings.map((b) => b.name)).toEqual(['print']);
    expect(g.binding('print').location).toMatchObject({ line: 1, col: 0, endLine: 1, endCol: 14 });
  });
  it('print(...), print.x and def print() are unchanged', () => {
    const g = analyseCode('print(1)\nimport types\np = types.SimpleNamespace()\ndef print(*a):\n    return a\nr = print(2)');
    expect(g.diagnostics).toEqual([]);
    expect(g.lookups('print')).toHaveLength(1);
    expect(g.dependsOnLine('r', 4)).toBe(true);
  });
  it('Python 2 print statements parse as before (one opaque statement, nothing bound)', () => {
    // Not Python 3, but lezer accepts them without an error node; this fix leaves them alone.
    const g = analyseCode('x = 1\nprint "x"\nprint x\ny = 2');
    expect(g.diagnostics).toEqual([]);
    expect(g.hasBinding('print')).toBe(false);
    expect(g.hasBinding('y')).toBe(true);
    expect(g.nodes.filter((n) => n.kind === 'Call' && (n.blackBox === 'print "x"' || n.blackBox === 'print x'))).toHaveLength(2);
  });
  it('a real syntax error on a print line is still reported on that line', () => {
    const g = analyseCode(['a = 1', 'b = 2\nprint = = 3', 'c = a']);
    expect(g.diagnostics).toHaveLength(1);
    expect(g.diagnostics[0]).toMatchObject({ code: 'syntax-error', cellIndex: 1, line: 2 });
    expect(g.hasBinding('c')).toBe(true);
  });
});

describe('slices that rebind print run like the originals (Pyodide)', () => {
  let runner: PythonRunner;
  beforeAll(async () => {
    runner = await createPythonRunner();
  });
  const programs: Array<{ code: string; variable: string }> = [
    { code: 'print = 5\nnoise = [0]\ny = print * 2\n', variable: 'y' },
    { code: 'print, x = 3, 4\nnoise = 1\nprint += x\nz = print\n', variable: 'z' },
    { code: 'print: int = 3\nnoise = 2\nprint = [print]\nprint[0] = 7\nw = print\n', variable: 'w' },
  ];
  for (const { code, variable } of programs) {
    it(JSON.stringify(code), () => {
      const g = analyseCode(code);
      expect(g.diagnostics).toEqual([]);
      const slice = createSlicer({ sourceCodes: g.out.sourceCodes, nodes: g.out.nodes }).slice([g.binding(variable).id]);
      expect(slice.code).not.toMatch(/noise/);
      const original = runner.run(code, [variable]);
      expect(original.error).toBeUndefined();
      const sliced = runner.run(slice.code, [variable]);
      expect(sliced.error).toBeUndefined();
      expect(sliced.reprs[variable]).toBe(original.reprs[variable]);
    });
  }
});
