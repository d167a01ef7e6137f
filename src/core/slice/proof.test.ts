/**
 * Proof of slices by running them (issues 4 and 14): for each program, run the original and
 * each slice with Pyodide (offline, stdlib only), each run in a fresh namespace and a fresh
 * directory, and compare the repr of the target and the files written (the rules are in
 * ./testing/prove.ts). A slice must be strictly shorter whenever the program has statements
 * that do not influence it, and must never raise NameError.
 *
 * Hand-written programs: ./testing/programs/ (one file per theme). Generated: ./testing/generate.ts, every
 * variable bound at the end, every `lineapy.save`, and the file system. Shapes the analyser
 * gets wrong today are kept out of the always-on generator; their minimal reproducers are in
 * ./testing/known-gaps.ts and run as `it.fails`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlicer } from './index';
import { FEATURES, programArbitrary, type Feature } from './testing/generate';
import { KNOWN_GAPS, type KnownGap } from './testing/known-gaps';
import { HAND_PROGRAMS, type HandProgram } from './testing/programs';
import { allTargets, analyseCells, describeFailure, proveProgram, type Problem, type ProgramVerdict, type Target } from './testing/prove';
import { createPythonRunner, type PythonRunner } from './testing/pyodide-harness';

/**
 * Hand-written programs whose slices are wrong because of a confirmed analyser gap
 * (see docs/notes/slicer-analyser-gaps.md). They run as `it.fails`: when the analyser
 * is fixed they start passing and this list must shrink.
 */
const KNOWN_ANALYSER_GAPS: Record<string, string> = {};

/** Generator shapes the analyser gets wrong today (each has reproducers in KNOWN_GAPS). */
const GAP_FEATURES: Feature[] = ['setattr', 'setObjects'];
const ALWAYS_ON: Feature[] = FEATURES.filter((f) => !GAP_FEATURES.includes(f));
const GENERATED = 800;
const GAP_SAMPLE = 150;
const JUNK = /^zz_/m;

let runner: PythonRunner;
beforeAll(async () => {
  runner = await createPythonRunner();
});

const tally = { programs: 0, slices: 0, failures: {} as Record<string, number>, knownGaps: 0, gapShapeFailures: {} as Record<string, number> };
function count(v: ProgramVerdict, into: Record<string, number>): void {
  tally.programs++;
  if (v.originalError) into['original-raised'] = (into['original-raised'] ?? 0) + 1;
  for (const s of v.verdicts) {
    tally.slices++;
    for (const cls of new Set(s.problems.map((p) => p.cls))) into[cls] = (into[cls] ?? 0) + 1;
  }
}
afterAll(() => {
  console.log(
    `slice proof: ${tally.programs} programs run, ${tally.slices} slices checked; ` +
      `failures by class: ${JSON.stringify(tally.failures)}; known gaps: ${tally.knownGaps} (${KNOWN_GAPS.length} reproducers); ` +
      `gated shapes (${GAP_FEATURES.join(', ')}), failing slices by class: ${JSON.stringify(tally.gapShapeFailures)}`,
  );
});

function handTargets(prog: HandProgram): Target[] {
  const main: Target = prog.artifact ? { kind: 'artifact', name: prog.artifact, check: prog.check } : { kind: 'variable', name: prog.variable, check: prog.check };
  return [main, { kind: 'files' }];
}

describe('slices of hand-written programs run like the originals', () => {
  it('has at least 60 programs', () => {
    expect(HAND_PROGRAMS.length).toBeGreaterThanOrEqual(60);
  });
  for (const prog of HAND_PROGRAMS) {
    const gap = KNOWN_ANALYSER_GAPS[prog.name];
    const test = gap ? it.fails : it;
    test(`${prog.name}${gap ? ` (known analyser gap: ${gap})` : ''}`, () => {
      const verdict = proveProgram(runner, prog.cells, handTargets(prog), { shorter: prog.extra });
      count(verdict, tally.failures);
      expect(verdict.originalError).toBeUndefined();
      const bad = verdict.verdicts.filter((v) => v.problems.length > 0);
      expect(bad.map((v) => describeFailure(prog.cells, v)).join('\n=====\n')).toBe('');
    });
  }
});

function proveGap(gap: KnownGap): { verdict: ProgramVerdict; problems: Problem[] } {
  const verdict = proveProgram(runner, [gap.code], [gap.target]);
  const problems = verdict.verdicts.flatMap((v) => v.problems);
  for (const v of verdict.verdicts) {
    if (gap.slice !== undefined && v.slice !== gap.slice) problems.push({ cls: 'not-minimal', detail: `slice is\n${v.slice}\nminimal is\n${gap.slice}` });
  }
  return { verdict, problems };
}

describe('closed analyser gaps (their reproducers stay, as ordinary proofs)', () => {
  for (const gap of KNOWN_GAPS.filter((g) => g.fixedBy)) {
    it(`${gap.name} [${gap.feature}], closed by ${gap.fixedBy}`, () => {
      const { verdict, problems } = proveGap(gap);
      count(verdict, tally.failures);
      expect(verdict.originalError).toBeUndefined();
      expect(problems).toEqual([]);
    });
  }
});

describe('known analyser gaps (minimal reproducers; each fails until its fix lands)', () => {
  for (const gap of KNOWN_GAPS.filter((g) => !g.fixedBy)) {
    it(`the harness sees the gap: ${gap.name}`, () => {
      const { verdict, problems } = proveGap(gap);
      count(verdict, {});
      tally.knownGaps++;
      expect(verdict.originalError).toBeUndefined();
      // Documents how it fails today; when the fix lands this fails too (and the it.fails below passes): move the case.
      expect(problems.map((p) => p.cls)).toContain(gap.fails);
    });
    it.fails(`${gap.name} [${gap.feature}]: ${gap.note}`, () => {
      expect(proveGap(gap).problems).toEqual([]);
    });
  }
});

describe('the union of several artifacts', () => {
  it('reproduces each artifact, each line once, and drops the rest', () => {
    const cells = [
      'import lineapy\nimport math\nbase = [3, 1, 2]',
      'ordered = sorted(base)\nlineapy.save(ordered, "ordered")\nnoise = [0] * 3',
      'root = math.sqrt(len(base))\nbase.append(9)\nlineapy.save(root, "root")\nlineapy.save(base, "base")',
      'base.append(10)\nunused = root + 1',
    ];
    const original = runner.run(cells.join('\n'));
    const out = analyseCells(cells);
    const ids = ['ordered', 'root', 'base'].map((name) => out.artifacts.find((a) => a.name === name)!.nodeId);
    const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
    const slice = slicer.slice(ids);
    expect(slice.code).toBe('import math\nbase = [3, 1, 2]\nordered = sorted(base)\nroot = math.sqrt(len(base))\nbase.append(9)\n');
    const ran = runner.run(slice.code, ['ordered', 'root', 'base']);
    expect(ran.reprs).toEqual({ ordered: original.saved.ordered, root: original.saved.root, base: original.saved.base });
    const kept = runner.run(slicer.slice(ids, { keepLineapy: true }).code);
    expect(kept.saved).toEqual(original.saved);
  });
});

describe('slices of generated programs run like the originals', () => {
  it(`${GENERATED} generated programs (seeded), every variable, artifact and the file system`, () => {
    const programs = fc.sample(programArbitrary(ALWAYS_ON), { numRuns: GENERATED, seed: 20240604 });
    const failures: string[] = [];
    let slices = 0;
    let withFiles = 0;
    for (const prog of programs) {
      const verdict = proveProgram(runner, prog.cells, allTargets(prog.candidates, prog.cells), { junk: JUNK, shorter: true });
      count(verdict, tally.failures);
      if (verdict.originalError) {
        failures.push(`original raised ${verdict.originalError}\n${prog.cells.join('\n')}`);
        continue;
      }
      slices += verdict.verdicts.length;
      if (verdict.verdicts.some((v) => v.target === '<files>')) withFiles++;
      for (const v of verdict.verdicts) if (v.problems.length > 0) failures.push(describeFailure(prog.cells, v));
    }
    console.log(`generated: ${programs.length} programs (${withFiles} write files), ${slices} slices, ${failures.length} failing`);
    expect(failures.slice(0, 3).join('\n=====\n')).toBe('');
    // The generator does reach its shapes.
    expect(withFiles).toBeGreaterThan(20);
    expect(slices).toBeGreaterThan(programs.length * 5);
  }, 240_000);
});

describe('generated shapes with known gaps (counted, not asserted)', () => {
  it(`${GAP_SAMPLE} programs with every feature on: originals run; failures are counted by class`, () => {
    const programs = fc.sample(programArbitrary([...FEATURES]), { numRuns: GAP_SAMPLE, seed: 20240605 });
    for (const prog of programs) {
      const verdict = proveProgram(runner, prog.cells, allTargets(prog.candidates, prog.cells), { junk: JUNK, shorter: true });
      count(verdict, tally.gapShapeFailures);
      expect(verdict.originalError, prog.cells.join('\n')).toBeUndefined();
    }
    // Wrong slices are expected here, but a slice must never read a name it does not bind.
    expect(tally.gapShapeFailures['name-error'] ?? 0).toBe(0);
  }, 120_000);
});
