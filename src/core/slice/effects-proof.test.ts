/**
 * Proof of side-effect slices by running them (issue 14, points 3 and 5): for each program,
 * run the whole program and the slice, each in a fresh namespace, a fresh lineapy catalog and
 * a fresh empty working directory (Pyodide, offline), and compare:
 * - the value: repr of the target (a variable), or the repr at the save point (a value artifact);
 * - the files: a side-effect artifact's slice must leave exactly the same files (names and
 *   bytes) as the whole program; any other slice may write fewer files, and only files the
 *   program writes too (their bytes may differ when the program writes them again later).
 * `%%writefile` cells run in the form IPython gives them (./testing/ipython-convert.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseProgram } from '../analysis/index';
import type { AnalysisOutput, ProgramInput, SliceResult } from '../model';
import { createSlicer, splitLines } from './index';
import { EFFECT_PROGRAMS, type EffectProgram } from './testing/effect-programs';
import { convertCellMagics } from './testing/ipython-convert';
import { createPythonRunner, type PythonRunner } from './testing/pyodide-harness';

function analyseCells(cells: string[]): AnalysisOutput {
  const input: ProgramInput =
    cells.length === 1
      ? { kind: 'script', cells: [{ code: cells[0] }], totalCells: 1, diagnostics: [] }
      : { kind: 'notebook', cells: cells.map((code, i) => ({ code, cellIndex: i, executionCount: i + 1 })), totalCells: cells.length, diagnostics: [] };
  let k = 0;
  return analyseProgram(input, { sessionId: 'effects-proof', newId: () => `id-${k++}` });
}

/** The slice as runnable Python: each cell's selected lines, magics converted, cells in order. */
function runnableSlice(out: AnalysisOutput, slice: SliceResult): string {
  return slice.lines
    .map(({ sourceCodeId, lines }) => {
      const src = splitLines(out.sourceCodes.find((s) => s.id === sourceCodeId)?.code ?? '');
      return convertCellMagics(lines.map((l) => src[l - 1]).join('\n'));
    })
    .join('\n');
}

const codeLines = (cells: string[]): number => cells.join('\n').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;

let runner: PythonRunner;
beforeAll(async () => {
  runner = await createPythonRunner();
});

function prove(prog: EffectProgram): { ok: boolean; detail: string } {
  const out = analyseCells(prog.cells);
  const declared = prog.artifact ? out.artifacts.find((x) => x.name === prog.artifact) : undefined;
  const targetId = prog.artifact ? declared?.nodeId : out.bindings.find((b) => b.name === prog.variable)?.nodeId;
  if (!targetId) return { ok: false, detail: `no target for ${prog.artifact ?? prog.variable}` };
  const original = prog.cells.map(convertCellMagics).join('\n');
  const check = prog.check ?? prog.variable;
  const exprs = check ? [check] : [];
  const whole = runner.run(original, exprs);
  if (whole.error) return { ok: false, detail: `program raised ${whole.error}` };
  const slice = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes }).slice([targetId]);
  const code = runnableSlice(out, slice);
  const got = runner.run(code, exprs);
  const problems: string[] = [];
  const sideEffect = prog.artifact !== undefined && whole.saved[prog.artifact]?.startsWith('lineapy.');
  if (got.error) problems.push(`slice raised ${got.error}`);
  else if (check) {
    const expected = prog.artifact ? whole.saved[prog.artifact] : whole.reprs[check];
    if (got.reprs[check] !== expected) problems.push(`slice gives ${got.reprs[check]}, program ${expected}`);
  }
  // Folders count as entries too (os.mkdir, shutil.copytree …), as "<dir>".
  const withDirs = (r: typeof whole) => ({ ...r.files, ...Object.fromEntries(r.dirs.map((d) => [d, '<dir>'])) });
  const sort = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const wholeFiles = sort(withDirs(whole));
  const sliceFiles = sort(withDirs(got));
  if (sideEffect) {
    if (JSON.stringify(sliceFiles) !== JSON.stringify(wholeFiles)) problems.push(`files differ: slice ${JSON.stringify(Object.keys(sliceFiles))}, program ${JSON.stringify(Object.keys(wholeFiles))}`);
    if (Object.keys(wholeFiles).length === 0) problems.push('the program wrote no file');
  } else {
    // The program may write a file again after the target: only the names must be among its files.
    for (const name of Object.keys(sliceFiles)) if (!(name in wholeFiles)) problems.push(`the slice writes ${name}, the program does not`);
  }
  if (prog.extra && codeLines(code.split('\n')) >= codeLines(prog.cells.map(convertCellMagics))) problems.push('slice is not shorter');
  return { ok: problems.length === 0, detail: `${problems.join('; ')}\n--- slice ---\n${slice.code}` };
}

describe('side-effect slices run like the programs (values and files)', () => {
  it('has at least 40 programs', () => {
    expect(EFFECT_PROGRAMS.length).toBeGreaterThanOrEqual(40);
    console.log(`side-effect proof programs: ${EFFECT_PROGRAMS.length}`);
  });
  for (const prog of EFFECT_PROGRAMS) {
    it(prog.name, () => {
      const verdict = prove(prog);
      expect(verdict.ok, verdict.detail).toBe(true);
    });
  }
});
