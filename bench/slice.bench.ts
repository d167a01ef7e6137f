/**
 * Slice benchmark (issue 4): slice time on a generated 50,000-node graph (p50/p95 over
 * 100 random targets, against a plain BFS over the same edges in the same run), and the
 * line closure on a 5,000-line notebook (against the ancestor walk alone). The slice
 * self-check (issue 14) is measured against the same slices without it, on the 50,000-node
 * graph and on the biggest file of `../shared/corpus` (when present).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyseProgram } from '../src/core/analysis/index';
import { readSourceFile } from '../src/core/notebook/index';
import { createSlicer, parentIds } from '../src/core/slice/index';
import type { SessionGraph } from '../src/core/model';
import { GraphBuilder } from '../src/core/slice/testing/graph-builder';
import type { BenchFigure } from './figure';
import { seededRandom } from './random';

/**
 * A notebook-like graph: `cells` cells of `linesPerCell` lines. Most lines are
 * `vK = f(vA, vB, 3)` (a call, a literal, reads of recent variables, sometimes far ones);
 * some are `vA.append(vB)` (getattr + call + Mutate); some hold two statements
 * (`vK = vA; vJ = g(vB)`), and some statements span three lines.
 */
export function notebookGraph(targetNodes: number, linesPerCell = 50, seed = 1): { graph: SessionGraph; values: string[] } {
  const rand = seededRandom(seed);
  const b = new GraphBuilder();
  const f = b.lookup('f');
  const g = b.lookup('g');
  const getattr = b.lookup('getattr');
  const values: string[] = [];
  const names: string[] = [];
  const pick = (): number => {
    if (values.length === 0) return -1;
    const recent = rand() < 0.85;
    const span = recent ? Math.min(40, values.length) : values.length;
    return values.length - 1 - Math.floor(rand() * span);
  };
  do {
    const lines: string[] = [];
    const cell = b.cell('');
    const pending: Array<() => void> = [];
    for (let line = 1; line <= linesPerCell; line++) {
      const r = rand();
      const a = pick();
      const c = pick();
      const k = values.length;
      if (a < 0 || r < 0.55) {
        const lit = b.literal(3, { cell, line });
        const args = a < 0 ? [lit] : [values[a], values[c], lit];
        values.push(b.call(f, args, { cell, line }, { names: [`v${k}`] }));
        names.push(`v${k}`);
        lines.push(a < 0 ? `v${k} = f(3)` : `v${k} = f(${names[a]}, ${names[c]}, 3)`);
      } else if (r < 0.75) {
        const attr = b.call(getattr, [values[a], b.literal('append', { cell, line })], { cell, line });
        const call = b.call(attr, [values[c]], { cell, line });
        values[a] = b.mutate(values[a], call, { cell, line }, [names[a]]);
        lines.push(`${names[a]}.append(${names[c]})`);
      } else if (r < 0.9) {
        values.push(b.call(b.lookup('alias'), [values[a]], { cell, line, col: 0 }, { names: [`v${k}`] }));
        names.push(`v${k}`);
        values.push(b.call(g, [values[c]], { cell, line, col: 10 }, { names: [`v${k + 1}`] }));
        names.push(`v${k + 1}`);
        lines.push(`v${k} = ${names[a]}; v${k + 1} = g(${names[c]})`);
      } else if (line + 2 <= linesPerCell) {
        const lit = b.literal(4, { cell, line: line + 1 });
        values.push(b.call(f, [values[a], lit, values[c]], { cell, line, endLine: line + 2 }, { names: [`v${k}`] }));
        names.push(`v${k}`);
        lines.push(`v${k} = f(`, `    ${names[a]}, 4,`, `    ${names[c]})`);
        line += 2;
      } else {
        lines.push('# a comment');
      }
    }
    const source = b.sourceCodes[b.sourceCodes.length - 1];
    source.code = `${lines.join('\n')}\n`;
    for (const p of pending) p();
  } while (b.nodes.length < targetNodes);
  return { graph: b.graph(), values };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function time<T>(fn: () => T): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** A plain BFS over the ancestor edges, with a Map adjacency and a Set: the baseline. */
function plainBfs(adjacency: Map<string, string[]>, start: string): number {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const p of adjacency.get(queue[i]) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return seen.size;
}

export async function benchSlice(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const rand = seededRandom(99);

  // 1. Slices on a 50,000-node graph.
  const { graph, values } = notebookGraph(50_000);
  const buildMs = time(() => createSlicer(graph));
  const slicer = createSlicer(graph);
  const adjacency = new Map<string, string[]>(graph.nodes.map((n) => [n.id, parentIds(n)]));
  const targets = Array.from({ length: 100 }, () => values[Math.floor(values.length / 2 + rand() * (values.length / 2))]);
  for (let i = 0; i < 10; i++) {
    slicer.slice([targets[i]]);
    plainBfs(adjacency, targets[i]);
  }
  const sliceTimes: number[] = [];
  const bfsTimes: number[] = [];
  const uncheckedTimes: number[] = [];
  const cold = createSlicer(graph);
  const coldMs = time(() => cold.slice([targets[0]]));
  let selected = 0;
  for (const t of targets) {
    sliceTimes.push(time(() => (selected += slicer.slice([t]).nodeIds.length)));
    bfsTimes.push(time(() => plainBfs(adjacency, t)));
    uncheckedTimes.push(time(() => slicer.slice([t], { selfCheck: false })));
  }
  uncheckedTimes.sort((x, y) => x - y);
  sliceTimes.sort((x, y) => x - y);
  bfsTimes.sort((x, y) => x - y);
  const p50 = percentile(sliceTimes, 0.5);
  const p95 = percentile(sliceTimes, 0.95);
  const bfs50 = percentile(bfsTimes, 0.5);
  const bfs95 = percentile(bfsTimes, 0.95);
  const n = graph.nodes.length;
  figures.push({ name: `slice p50 (${n} nodes, mean ${Math.round(selected / targets.length)} selected)`, value: p50, unit: 'ms', ratio: p50 / bfs50, baseline: 'plain BFS over the same edges (no line closure, no text)', goal: '< 20 ms' });
  figures.push({ name: `slice p95 (${n} nodes)`, value: p95, unit: 'ms', ratio: p95 / bfs95, baseline: 'plain BFS p95' });
  figures.push({ name: `slicer index build (${n} nodes)`, value: buildMs, unit: 'ms' });
  const u50 = percentile(uncheckedTimes, 0.5);
  figures.push({ name: `slice p50 without the self-check (${n} nodes)`, value: u50, unit: 'ms', ratio: p50 / u50, baseline: 'ratio = with / without the self-check' });
  figures.push({ name: `first slice of a fresh slicer, self-check parsing its statements (${n} nodes)`, value: coldMs, unit: 'ms' });
  figures.push(...corpusSelfCheck());

  // 2. Line closure on a 5,000-line notebook.
  const nb = notebookGraph(1, 5_000, 7);
  const lineCount = nb.graph.sourceCodes.reduce((s, c) => s + c.code.split('\n').length - 1, 0);
  const nbSlicer = createSlicer(nb.graph);
  const nbTargets = Array.from({ length: 100 }, () => nb.values[Math.floor(rand() * nb.values.length)]);
  const withClosure: number[] = [];
  const withoutClosure: number[] = [];
  for (const t of nbTargets) nbSlicer.slice([t]);
  for (const t of nbTargets) {
    withClosure.push(time(() => nbSlicer.slice([t])));
    withoutClosure.push(time(() => nbSlicer.ancestors([t])));
  }
  withClosure.sort((x, y) => x - y);
  withoutClosure.sort((x, y) => x - y);
  const c50 = percentile(withClosure, 0.5);
  figures.push({ name: `slice with line closure p50 (${lineCount}-line notebook, ${nb.graph.nodes.length} nodes)`, value: c50, unit: 'ms', ratio: c50 / percentile(withoutClosure, 0.5), baseline: 'ancestor walk alone' });
  figures.push({ name: `slicer index build (${lineCount}-line notebook)`, value: time(() => createSlicer(nb.graph)), unit: 'ms' });
  return figures;
}

/** The self-check's cost per slice on the biggest corpus file: every variable bound at the end. */
function corpusSelfCheck(): BenchFigure[] {
  const dir = resolve(import.meta.dirname, '../../shared/corpus');
  if (!existsSync(dir)) return [];
  let biggest = '';
  let size = -1;
  for (const d of readdirSync(dir)) {
    const sub = join(dir, d);
    if (!statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub)) {
      const p = join(sub, f);
      if (!/\.(py|ipynb)$/.test(f)) continue;
      const s = statSync(p).size;
      if (s > size) [biggest, size] = [p, s];
    }
  }
  const out = analyseProgram(readSourceFile(biggest, new Uint8Array(readFileSync(biggest))), { sessionId: 'bench' });
  const graph = { sourceCodes: out.sourceCodes, nodes: out.nodes };
  const ids = out.bindings.map((b) => b.nodeId);
  const checked = createSlicer(graph);
  const plain = createSlicer(graph);
  const coldMs = time(() => ids.forEach((id) => checked.slice([id])));
  const plainFirst = time(() => ids.forEach((id) => plain.slice([id], { selfCheck: false })));
  const withCheck: number[] = [];
  const without: number[] = [];
  for (const id of ids) {
    withCheck.push(time(() => checked.slice([id])));
    without.push(time(() => plain.slice([id], { selfCheck: false })));
  }
  withCheck.sort((x, y) => x - y);
  without.sort((x, y) => x - y);
  const name = biggest.slice(dir.length + 1);
  const w50 = percentile(withCheck, 0.5);
  return [
    { name: `corpus ${name} (${out.nodes.length} nodes): slice p50 with the self-check, ${ids.length} variables`, value: w50, unit: 'ms', ratio: w50 / percentile(without, 0.5), baseline: 'the same slices without it' },
    { name: `corpus ${name}: first pass over all ${ids.length} slices (statements parsed once)`, value: coldMs, unit: 'ms', ratio: coldMs / plainFirst, baseline: 'first pass without the self-check' },
  ];
}

const invokedDirectly = typeof process !== 'undefined' && process.argv[1] !== undefined && /slice\.bench\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  for (const f of await benchSlice()) {
    console.log(`${f.name}: ${f.value.toFixed(2)} ${f.unit}${f.ratio !== undefined ? `  (${f.ratio.toFixed(2)}× ${f.baseline})` : ''}`);
  }
}
