/**
 * Proof of fine slices (issue 18.1) by running them: the same differential rules as
 * ./proof.test.ts (./testing/prove.ts: the repr of the target, the files, no NameError, no
 * junk), in fine mode, and each fine slice never longer than the whole-block slice. Programs:
 * the hand-written ones, seeded control-flow programs (./testing/generate-control.ts: loops,
 * branches, early exits, try/finally, with, closures, comprehensions with conditions,
 * global/nonlocal, recursion, generators), helper functions (./testing/generate-helpers.ts:
 * bodies whose prints and dead locals a fine slice drops, among changes it must keep) and a
 * sample of the general generator. Prints the
 * mean size reduction against whole-block slices.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlProgram } from './testing/generate-control';
import { helperProgram } from './testing/generate-helpers';
import { iterProgram } from './testing/generate-iter';
import { FEATURES, programArbitrary, type Feature } from './testing/generate';
import { HAND_PROGRAMS, type HandProgram } from './testing/programs';
import { allTargets, describeFailure, proveProgram, type ProgramVerdict, type Target } from './testing/prove';
import { createPythonRunner, type PythonRunner } from './testing/pyodide-harness';

const CONTROL = 320;
const GENERATED = 120;
const ITERATING = 200;
const HELPERS = 200;
const GAP_FEATURES: Feature[] = ['setattr', 'setObjects'];

let runner: PythonRunner;
beforeAll(async () => {
  runner = await createPythonRunner();
});

const sizes = { programs: 0, slices: 0, cut: 0, whole: 0, fine: 0, ratio: 0 };
function tally(v: ProgramVerdict): void {
  sizes.programs++;
  for (const s of v.verdicts) {
    if (!s.sizes || s.target === '<files>') continue;
    sizes.slices++;
    sizes.whole += s.sizes.whole;
    sizes.fine += s.sizes.fine;
    if (s.sizes.fine < s.sizes.whole) sizes.cut++;
    sizes.ratio += s.sizes.whole > 0 ? (s.sizes.whole - s.sizes.fine) / s.sizes.whole : 0;
  }
}
afterAll(() => {
  const mean = sizes.slices > 0 ? (100 * sizes.ratio) / sizes.slices : 0;
  console.log(
    `fine slice proof: ${sizes.programs} programs, ${sizes.slices} value slices; ${sizes.cut} shorter than whole-block; ` +
      `mean size reduction ${mean.toFixed(1)}% per slice, ${sizes.whole} → ${sizes.fine} code lines in all (${(100 * (1 - sizes.fine / Math.max(1, sizes.whole))).toFixed(1)}%)`,
  );
});

function check(cells: readonly string[], targets: Target[], junk?: RegExp): string[] {
  const verdict = proveProgram(runner, cells, targets, { fine: true, ...(junk ? { junk } : {}) });
  tally(verdict);
  if (verdict.originalError) return [`original raised ${verdict.originalError}\n${cells.join('\n')}`];
  return verdict.verdicts.filter((v) => v.problems.length > 0).map((v) => describeFailure(cells, v));
}

describe('fine slices of hand-written programs run like the originals', () => {
  const target = (prog: HandProgram): Target[] => [prog.artifact ? { kind: 'artifact', name: prog.artifact, check: prog.check } : { kind: 'variable', name: prog.variable, check: prog.check }, { kind: 'files' }];
  it(`${HAND_PROGRAMS.length} programs`, () => {
    const failures = HAND_PROGRAMS.flatMap((prog) => check(prog.cells, target(prog)));
    expect(failures.slice(0, 3).join('\n=====\n')).toBe('');
  }, 120_000);
});

describe('fine slices of control-flow programs run like the originals', () => {
  it(`${CONTROL} seeded programs, every variable and the file system`, () => {
    const failures: string[] = [];
    let cut = 0;
    for (let seed = 1; seed <= CONTROL; seed++) {
      const prog = controlProgram(seed);
      const before = sizes.cut;
      failures.push(...check([prog.code], allTargets(prog.candidates, [prog.code])));
      if (sizes.cut > before) cut++;
    }
    expect(failures.slice(0, 3).join('\n=====\n')).toBe('');
    // The fine mode does cut: most programs have a slice shorter than its whole-block one.
    expect(cut).toBeGreaterThan(CONTROL / 2);
  }, 400_000);
});

describe('fine slices of loops over variables run like the originals', () => {
  it(`${ITERATING} seeded programs (for x in xs over sequences only iterated, lists changed, escapes), every variable and the file system`, () => {
    const failures: string[] = [];
    let cut = 0;
    for (let seed = 1; seed <= ITERATING; seed++) {
      const prog = iterProgram(seed);
      const before = sizes.cut;
      failures.push(...check([prog.code], allTargets(prog.candidates, [prog.code])));
      if (sizes.cut > before) cut++;
    }
    expect(failures.slice(0, 3).join('\n=====\n')).toBe('');
    // Loops over a sequence that is only iterated are cut.
    expect(cut).toBeGreaterThan(ITERATING / 2);
  }, 200_000);
});

describe('fine slices trim helper functions and still run like the originals', () => {
  it(`${HELPERS} seeded programs (helpers that return, change parameters, aliases, module lists and globals, recurse, call each other, among noise), every variable and the file system`, () => {
    const failures: string[] = [];
    let cut = 0;
    for (let seed = 1; seed <= HELPERS; seed++) {
      const prog = helperProgram(seed);
      const before = sizes.cut;
      failures.push(...check([prog.code], allTargets(prog.candidates, [prog.code])));
      if (sizes.cut > before) cut++;
    }
    expect(failures.slice(0, 3).join('\n=====\n')).toBe('');
    // Helper bodies are trimmed: the programs have no other block a fine slice could cut.
    expect(cut).toBeGreaterThan(HELPERS / 2);
  }, 300_000);
});

describe('fine slices of generated programs run like the originals', () => {
  it(`${GENERATED} generated programs (seeded), every variable, artifact and the file system`, () => {
    const programs = fc.sample(programArbitrary(FEATURES.filter((f) => !GAP_FEATURES.includes(f))), { numRuns: GENERATED, seed: 20261202 });
    const failures = programs.flatMap((prog) => check(prog.cells, allTargets(prog.candidates, prog.cells), /^zz_/m));
    expect(failures.slice(0, 3).join('\n=====\n')).toBe('');
  }, 300_000);
});
