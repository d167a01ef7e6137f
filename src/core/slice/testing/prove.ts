/**
 * The differential slice proof, shared by proof.test.ts and its known gaps: analyse a
 * program, run it whole, and for each target run its slice in a fresh namespace and
 * directory (./pyodide-harness.ts) and compare.
 *
 * What a slice must reproduce:
 * - a variable (its binding at the end) or a `lineapy.save` artifact: the same `repr`;
 * - files: every file the slice leaves must hold bytes that the whole program's file of that
 *   name held at some point (its history). A slice of `v` need not write every file, nor the
 *   last version of one: `v` may depend on a read that comes before a later write. But it must
 *   never write bytes the program never wrote there.
 * - the file system itself (the latest version of the `file_system` pseudo-value, the
 *   side-effect artifact): exactly the whole program's files at the end, names and bytes.
 * - never a NameError (a slice must not read a name it does not bind), reported as its own
 *   class, and no `slice-incomplete` diagnostic (the self-check's safety net had to add code).
 */
import { analyseProgram } from '../../analysis/index';
import type { AnalysisOutput, LineageNode, ProgramInput } from '../../model';
import { createSlicer } from '../index';
import type { PythonRunner, RunOutcome } from './pyodide-harness';

export type Target =
  | { kind: 'variable'; name: string; check?: string }
  /** `check`: an expression whose repr at the end of the (lineapy-free) slice must equal the saved repr. */
  | { kind: 'artifact'; name: string; check?: string }
  | { kind: 'files' };

export type FailureClass =
  | 'original-raised'
  | 'no-target'
  | 'name-error'
  | 'slice-raised'
  | 'repr-mismatch'
  | 'file-mismatch'
  | 'slice-incomplete'
  | 'not-shorter'
  | 'longer-than-whole'
  /** Known gaps only: the slice differs from the minimal one the gap names. */
  | 'not-minimal';

export interface Problem {
  cls: FailureClass;
  detail: string;
}

export interface SliceVerdict {
  target: string;
  problems: Problem[];
  slice: string;
  /** Fine mode: code lines of the whole-block slice and of the fine slice. */
  sizes?: { whole: number; fine: number };
}

export interface ProgramVerdict {
  /** The whole program raised: nothing was checked. */
  originalError?: string;
  verdicts: SliceVerdict[];
}

export interface ProveOptions {
  /** Lines that no correct slice of any target may hold (the generator's junk). */
  junk?: RegExp;
  /** Each variable/artifact slice must have fewer code lines than the program. */
  shorter?: boolean;
  /**
   * Prove fine slices (issue 18.1) instead: each must also be no longer than the whole-block
   * slice ('longer-than-whole'); verdicts carry both sizes.
   */
  fine?: boolean;
}

export function analyseCells(cells: readonly string[]): AnalysisOutput {
  const input: ProgramInput =
    cells.length === 1
      ? { kind: 'script', cells: [{ code: cells[0] }], totalCells: 1, diagnostics: [] }
      : {
          kind: 'notebook',
          cells: cells.map((code, i) => ({ code, cellIndex: i, executionCount: i + 1 })),
          totalCells: cells.length,
          diagnostics: [],
        };
  let k = 0;
  return analyseProgram(input, { sessionId: 'proof', newId: () => `id-${k++}` });
}

export function codeLines(code: string): number {
  return code.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
}

/** The latest version of the `file_system` pseudo-value (the last Mutate of its chain), if any file is written. */
export function fileSystemNodeId(nodes: readonly LineageNode[]): string | undefined {
  const chain = new Set(nodes.filter((n) => n.kind === 'Lookup' && n.name === 'file_system').map((n) => n.id));
  let latest: string | undefined;
  for (const n of nodes) {
    if (n.kind === 'Mutate' && chain.has(n.sourceId)) {
      chain.add(n.id);
      latest = n.id;
    }
  }
  return latest;
}

export function targetLabel(t: Target): string {
  return t.kind === 'files' ? '<files>' : t.kind === 'artifact' ? `save:${t.name}` : t.name;
}

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

/** The file rule (see the module comment); `exact` for the file-system target. */
export function fileProblems(whole: RunOutcome, part: RunOutcome, exact: boolean): Problem[] {
  const out: Problem[] = [];
  for (const [name, data] of Object.entries(part.files)) {
    const ok = exact ? whole.files[name] === data : (whole.history[name] ?? []).includes(data);
    if (!ok) {
      const seen = exact ? whole.files[name] : (whole.history[name] ?? []).map(decode).join(' | ');
      out.push({ cls: 'file-mismatch', detail: `slice wrote ${name} = ${JSON.stringify(decode(data))}; the program ${exact ? 'ends with' : 'wrote'} ${seen === undefined ? 'no such file' : JSON.stringify(exact ? decode(seen) : seen)}` });
    }
  }
  if (exact) {
    for (const name of Object.keys(whole.files)) {
      if (!(name in part.files)) out.push({ cls: 'file-mismatch', detail: `slice of the file system does not write ${name}` });
    }
  }
  return out;
}

export function raised(error: string, what: string): Problem {
  return { cls: /^NameError\b/.test(error) ? 'name-error' : 'slice-raised', detail: `${what} raised ${error}` };
}

/** Runs `cells` whole and the slice of each target; `targets` undefined = every binding, every artifact, and the file system. */
export function proveProgram(runner: PythonRunner, cells: readonly string[], targets: readonly Target[], opts: ProveOptions = {}): ProgramVerdict {
  const original = cells.join('\n');
  const checks = targets.flatMap((t) => (t.kind === 'variable' ? [t.check ?? t.name] : []));
  const whole = runner.run(original, checks);
  if (whole.error) return { originalError: whole.error, verdicts: [] };
  const out = analyseCells(cells);
  const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
  const verdicts: SliceVerdict[] = [];
  for (const t of targets) {
    const label = targetLabel(t);
    const id =
      t.kind === 'files'
        ? fileSystemNodeId(out.nodes)
        : t.kind === 'artifact'
          ? out.artifacts.find((a) => a.name === t.name)?.nodeId
          : out.bindings.find((b) => b.name === t.name)?.nodeId;
    if (!id) {
      if (t.kind === 'files' && Object.keys(whole.files).length === 0) continue;
      verdicts.push({ target: label, problems: [{ cls: 'no-target', detail: `no node for ${label}` }], slice: '' });
      continue;
    }
    const problems: Problem[] = [];
    const fineOpts = opts.fine ? { fine: true, ...(t.kind !== 'files' && t.kind !== 'artifact' ? { names: [t.name] } : {}) } : {};
    const slice = slicer.slice([id], fineOpts);
    let sizes: SliceVerdict['sizes'];
    if (opts.fine) {
      sizes = { whole: codeLines(slicer.slice([id]).code), fine: codeLines(slice.code) };
      if (sizes.fine > sizes.whole) problems.push({ cls: 'longer-than-whole', detail: `fine slice has ${sizes.fine} code lines, the whole-block one ${sizes.whole}` });
    }
    const incomplete = slice.diagnostics?.find((d) => d.code === 'slice-incomplete');
    if (incomplete) problems.push({ cls: 'slice-incomplete', detail: `the self-check added code for ${incomplete.names.join(', ')}` });
    if (t.kind === 'variable') {
      const check = t.check ?? t.name;
      const got = runner.run(slice.code, [check]);
      if (got.error) problems.push(raised(got.error, 'slice'));
      else {
        if (got.reprs[check] !== whole.reprs[check]) problems.push({ cls: 'repr-mismatch', detail: `slice gives ${got.reprs[check]}, program ${whole.reprs[check]}` });
        problems.push(...fileProblems(whole, got, false));
      }
    } else if (t.kind === 'artifact') {
      const got = runner.run(slice.code, t.check ? [t.check] : []);
      if (got.error) problems.push(raised(got.error, 'slice'));
      else if (t.check && got.reprs[t.check] !== whole.saved[t.name]) problems.push({ cls: 'repr-mismatch', detail: `slice gives ${got.reprs[t.check]}, program saved ${whole.saved[t.name]}` });
      if (/lineapy/.test(slice.code)) problems.push({ cls: 'slice-raised', detail: 'slice mentions lineapy' });
      const kept = runner.run(slicer.slice([id], { ...fineOpts, keepLineapy: true }).code);
      if (kept.error) problems.push(raised(kept.error, 'keepLineapy slice'));
      else {
        if (kept.saved[t.name] !== whole.saved[t.name]) problems.push({ cls: 'repr-mismatch', detail: `keepLineapy slice saved ${kept.saved[t.name]}, program ${whole.saved[t.name]}` });
        problems.push(...fileProblems(whole, kept, false));
      }
    } else {
      const got = runner.run(slice.code);
      if (got.error) problems.push(raised(got.error, 'slice'));
      else problems.push(...fileProblems(whole, got, true));
    }
    if (opts.junk?.test(slice.code)) problems.push({ cls: 'not-shorter', detail: 'slice keeps a junk statement' });
    else if (opts.shorter && t.kind !== 'files' && codeLines(slice.code) >= codeLines(original)) problems.push({ cls: 'not-shorter', detail: 'slice is not shorter' });
    verdicts.push({ target: label, problems, slice: slice.code, ...(sizes ? { sizes } : {}) });
  }
  return { verdicts };
}

/** Every target of a program: the given variables, every `lineapy.save` name, and the file system. */
export function allTargets(variables: readonly string[], cells: readonly string[]): Target[] {
  const saves = [...cells.join('\n').matchAll(/lineapy\.save\([^,]+,\s*['"]([^'"]+)['"]\)/g)].map((m) => m[1]);
  return [
    ...variables.map((name): Target => ({ kind: 'variable', name })),
    ...[...new Set(saves)].map((name): Target => ({ kind: 'artifact', name })),
    { kind: 'files' },
  ];
}

export function describeFailure(cells: readonly string[], v: SliceVerdict): string {
  return `target ${v.target}: ${v.problems.map((p) => `[${p.cls}] ${p.detail}`).join('; ')}\n--- program ---\n${cells.join('\n# ---- cell ----\n')}\n--- slice ---\n${v.slice}`;
}
