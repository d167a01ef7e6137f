import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProgramInput } from '../model';
import { readSourceFile } from '../notebook/index';
import { analyseProgram } from './index';
import { analyseCode } from './testing';
import { corpusDir, corpusFiles } from '../testing/corpus';

describe('programs and cells', () => {
  it('bindings flow across notebook cells', () => {
    const g = analyseCode(['import numpy as np', 'a = np.ones(3)', 'b = a * 2']);
    expect(g.sliceLines('b', 2)).toEqual([1]);
    expect(g.ancestors(g.binding('b').id).has(g.binding('np').id)).toBe(true);
  });
  it('one source code per cell, with cell index and execution count', () => {
    const g = analyseCode(['x = 1', 'y = 2']);
    expect(g.out.sourceCodes.map((s) => [s.code, s.cellIndex, s.executionCount, s.sessionId])).toEqual([['x = 1', 0, 1, 'test'], ['y = 2', 1, 2, 'test']]);
  });
  it('locations are relative to their cell', () => {
    const g = analyseCode(['a = 1', '\n\nb = a']);
    expect(g.binding('b').location).toMatchObject({ sourceCodeId: g.out.sourceCodes[1].id, line: 3, col: 0, endLine: 3, endCol: 5 });
  });
  it('a multi-line statement spans all its lines', () => {
    const g = analyseCode('x = f(1,\n      2,\n      3)');
    expect(g.binding('x').location).toMatchObject({ line: 1, endLine: 3, endCol: 8 });
    expect(g.nodes.every((n) => n.location?.line === 1 && n.location.endLine === 3)).toBe(true);
  });
  it('seq follows creation order and ids come from newId', () => {
    const g = analyseCode('a = [1, 2]');
    expect(g.nodes.map((n) => n.seq)).toEqual(g.nodes.map((_, i) => i));
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
  });
  it('a syntax error in one cell is a diagnostic naming cell and line; other cells are analysed', () => {
    const g = analyseCode(['a = 1', 'b = (\nc = 2 +', 'd = a']);
    expect(g.diagnostics).toHaveLength(1);
    expect(g.diagnostics[0]).toMatchObject({ code: 'syntax-error', severity: 'error', cellIndex: 1, sourceCodeId: g.out.sourceCodes[1].id });
    expect(g.diagnostics[0].message).toMatch(/cell 2, line \d/);
    expect(g.hasBinding('d')).toBe(true);
    expect(g.hasBinding('b')).toBe(false);
  });
  it('IPython magics and shell lines are ignored', () => {
    const g = analyseCode(['%matplotlib inline\n!pip install x\nimport math', 'math.pi?']);
    expect(g.diagnostics).toEqual([]);
    expect(g.hasBinding('math')).toBe(true);
    expect(g.ofKind('Literal').filter((l) => l.kind === 'Literal' && l.value === 0)).toHaveLength(0);
  });
  it('a %%bash cell is reported as skipped', () => {
    const g = analyseCode(['%%bash\necho hi', 'x = 1']);
    expect(g.diagnostics).toMatchObject([{ code: 'cell-magic', severity: 'info', cellIndex: 0 }]);
  });
  it('cellResultNodes: the last expression, or the last binding', () => {
    const g = analyseCode(['x = [1]\nlen(x)', 'y = 2', 'def f():\n    pass']);
    const [c0, c1] = g.out.sourceCodes;
    expect(g.calleeName(g.node(g.out.cellResultNodes[c0.id]) as never)).toBe('len');
    expect(g.out.cellResultNodes[c1.id]).toBe(g.binding('y').id);
  });
  it('bindings are listed in first-binding order with their latest version', () => {
    const g = analyseCode('b = [1]\na = 2\nb.append(3)');
    expect(g.out.bindings.map((b) => b.name)).toEqual(['b', 'a']);
    expect(g.out.bindings[0].nodeId).toBe(g.binding('b').id);
    expect(g.node(g.out.bindings[0].nodeId).kind).toBe('Mutate');
  });
  it('never throws on garbage', () => {
    for (const code of ['(((', 'def', 'x = = 1', '\u0000', 'class:', ')))\n\tfoo', '"""', 'lambda: (yield)', 'a[::]', 'x = yield']) {
      expect(() => analyseCode(code)).not.toThrow();
    }
  });
  it('default ids are UUIDs', () => {
    const input: ProgramInput = { kind: 'script', cells: [{ code: 'x = 1' }], totalCells: 1, diagnostics: [] };
    const out = analyseProgram(input, { sessionId: 's' });
    expect(out.nodes[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// ---------------------------------------------------------------------------------------
// Property: random programs never make the analyser throw; locations stay inside the source.

const ident = fc.constantFrom('a', 'b', 'c', 'df', 'xs', 'model', 'np', 'pd');
const atom = fc.oneof(ident, fc.integer({ min: 0, max: 99 }).map(String), fc.constantFrom('"s"', 'None', 'True', '1.', '[1, 2]', '{"k": 1}'));
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '==', 'in', 'and'), tie('e')).map(([l, o, r]) => `(${l} ${o} ${r})`),
    fc.tuple(ident, fc.constantFrom('append', 'fit', 'dropna', 'head', 'to_csv'), fc.array(tie('e'), { maxLength: 2 }), fc.boolean()).map(
      ([o, m, args, inplace]) => `${o}.${m}(${[...args, ...(inplace ? ['inplace=True'] : [])].join(', ')})`,
    ),
    fc.tuple(ident, tie('e')).map(([o, k]) => `${o}[${k}]`),
    fc.tuple(ident, fc.constantFrom('shape', 'loc', 'x')).map(([o, a]) => `${o}.${a}`),
    fc.tuple(ident, fc.array(tie('e'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
  ),
})).e as fc.Arbitrary<string>;
const stmt = fc.oneof(
  fc.tuple(ident, expr).map(([t, v]) => `${t} = ${v}`),
  fc.tuple(ident, ident).map(([t, v]) => `${t} = ${v}`),
  fc.tuple(ident, ident, expr).map(([o, k, v]) => `${o}[${k}] = ${v}`),
  fc.tuple(ident, expr).map(([o, v]) => `${o}.attr = ${v}`),
  fc.tuple(ident, ident, expr).map(([a, b, v]) => `${a}, ${b} = ${v}`),
  expr,
  fc.tuple(ident, expr).map(([t, v]) => `for ${t} in ${v}:\n    ${t} = ${v}`),
  fc.constantFrom('import numpy as np', 'import pandas as pd', 'from sklearn.svm import SVC', '%matplotlib inline', '!ls', 'x +', 'def f(a):\n    return a + b'),
);

describe('property: random programs', () => {
  it('never throw, and every node location lies inside its source', () => {
    fc.assert(
      fc.property(fc.array(fc.array(stmt, { maxLength: 8 }), { minLength: 1, maxLength: 3 }), (cells) => {
        const codes = cells.map((c) => c.join('\n'));
        const g = analyseCode(codes);
        const byId = new Map(g.out.sourceCodes.map((s) => [s.id, s.code.split('\n')]));
        for (const n of g.nodes) {
          if (!n.location) {
            // Only the outside world has no line: pseudo values and their global versions.
            if (n.kind === 'Mutate') expect(['Lookup', 'Mutate']).toContain(g.node(n.sourceId).kind);
            else expect(n.kind).toBe('Lookup');
            continue;
          }
          const lines = byId.get(n.location.sourceCodeId);
          expect(lines).toBeDefined();
          if (!lines) continue;
          const { line, col, endLine, endCol } = n.location;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(endLine).toBeGreaterThanOrEqual(line);
          expect(endLine).toBeLessThanOrEqual(lines.length);
          expect(col).toBeLessThanOrEqual(lines[line - 1].length);
          expect(endCol).toBeLessThanOrEqual(lines[endLine - 1].length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Corpus: every real notebook/script analyses without an exception.


describe('corpus', () => {
  if (!existsSync(corpusDir)) {
    it.skip(`corpus not found at ${corpusDir}: skipping the real-notebook test`, () => undefined);
    return;
  }
  it('analyses every file without an exception; valid cells have no parse diagnostics', () => {
    const rows: Array<Record<string, string | number>> = [];
    let syntax = 0;
    for (const file of corpusFiles()) {
      const name = file.slice(corpusDir.length + 1);
      const input = readSourceFile(file, new Uint8Array(readFileSync(file)));
      const out = analyseProgram(input, { sessionId: 'corpus' });
      const diags = [...input.diagnostics, ...out.diagnostics];
      const parseErrors = diags.filter((d) => d.code === 'syntax-error' || d.code === 'internal-error');
      syntax += parseErrors.length;
      const parsedCells = input.cells.length - new Set(out.diagnostics.filter((d) => d.code === 'syntax-error' || d.code === 'cell-magic').map((d) => d.sourceCodeId)).size;
      rows.push({ file: name.slice(0, 70), cells: input.cells.length, parsed: parsedCells, nodes: out.nodes.length, diagnostics: diags.length });
      if (parseErrors.length) console.log(name, parseErrors.map((d) => d.message));
    }
    console.table(rows);
    expect(syntax).toBe(0);
    expect(rows.length).toBeGreaterThan(40);
  });
});
