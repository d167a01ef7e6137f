/**
 * Fine slice benchmark (issue 18.1): p50 of the fine slice of one target beside the
 * whole-block slice of the same target, on the 5,000-line bench notebook of
 * ./slice.bench.ts and on a 5,000-line analysed script of loops and branches (seeded
 * control-flow programs, src/core/slice/testing/generate-control.ts). The first fine slice
 * of a fresh slicer (parsing every statement for the program facts) is shown apart.
 */
import { analyseProgram } from '../src/core/analysis/index';
import { createSlicer } from '../src/core/slice/index';
import type { SessionGraph } from '../src/core/model';
import { controlProgram } from '../src/core/slice/testing/generate-control';
import type { BenchFigure } from './figure';
import { seededRandom } from './random';
import { notebookGraph } from './slice.bench';

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function figures(label: string, graph: SessionGraph, targets: Array<{ id: string; name?: string }>): BenchFigure[] {
  const coldMs = time(() => createSlicer(graph).slice([targets[0].id], { fine: true }));
  const slicer = createSlicer(graph);
  for (const t of targets.slice(0, 10)) slicer.slice([t.id], { fine: true, names: t.name ? [t.name] : [] });
  const whole: number[] = [];
  const fine: number[] = [];
  let wholeLines = 0;
  let fineLines = 0;
  for (const t of targets) {
    const opts = { fine: true, names: t.name ? [t.name] : [] };
    whole.push(time(() => (wholeLines += slicer.slice([t.id]).code.split('\n').length - 1)));
    fine.push(time(() => (fineLines += slicer.slice([t.id], opts).code.split('\n').length - 1)));
  }
  const [w, f] = [p50(whole), p50(fine)];
  return [
    { name: `fine slice p50 (${label}; ${targets.length} targets, ${wholeLines} → ${fineLines} lines in all)`, value: f, unit: 'ms', ratio: f / w, baseline: `whole-block slice p50 ${w.toFixed(2)} ms`, goal: '< 20 ms' },
    { name: `first fine slice of a fresh slicer (${label})`, value: coldMs, unit: 'ms' },
  ];
}

export async function benchFine(): Promise<BenchFigure[]> {
  const rand = seededRandom(18);
  const nb = notebookGraph(1, 5_000, 7);
  const lineCount = nb.graph.sourceCodes.reduce((s, c) => s + c.code.split('\n').length - 1, 0);
  const nbTargets = Array.from({ length: 100 }, () => ({ id: nb.values[Math.floor(rand() * nb.values.length)] }));
  const out: BenchFigure[] = figures(`${lineCount}-line bench notebook`, nb.graph, nbTargets);

  // A script of loops and branches: control-flow programs, renamed apart, to 5,000 lines.
  const parts: string[] = [];
  let lines = 0;
  for (let seed = 1; lines < 5_000; seed++) {
    const code = controlProgram(seed).code.replace(/\b(a|b|c|d|xs|ys|zs|[a-z]+\d+)\b/g, (m) => `${m}_${seed}`).replace(/"f(\d)_\d+\.txt"/g, '"f$1.txt"');
    parts.push(code);
    lines += code.split('\n').length - 1;
  }
  const analysed = analyseProgram({ kind: 'script', cells: [{ code: parts.join('') }], totalCells: 1, diagnostics: [] }, { sessionId: 'bench-fine' });
  const graph = { sourceCodes: analysed.sourceCodes, nodes: analysed.nodes };
  const bindings = analysed.bindings.filter((b) => /^[a-d]_\d+$|^[xyz]s_\d+$/.test(b.name));
  const targets = Array.from({ length: 100 }, () => bindings[Math.floor(rand() * bindings.length)]).map((b) => ({ id: b.nodeId, name: b.name }));
  out.push(...figures(`${lines}-line script of loops and branches`, graph, targets));
  return out;
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && /fine\.bench\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  for (const f of await benchFine()) console.log(`${f.name}: ${f.value.toFixed(2)} ${f.unit}${f.ratio !== undefined ? `  (${f.ratio.toFixed(2)}× ${f.baseline})` : ''}`);
}
