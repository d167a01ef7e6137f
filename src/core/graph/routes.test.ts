/**
 * Edges never pass under node boxes: every segment of every laid-out edge route stays clear of
 * every node box other than its own two ends, for generated graphs (random DAGs with cycles,
 * mixed sizes, bands, both directions) and for the statement and cells views of real notebooks
 * (the shared corpus; skipped with a message when it is absent).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutEdgeInput, type LayoutNodeInput, type LayoutOptions, type LayoutResult } from './layered';
import type { Point } from './viewport';
import { statementView, type GraphView } from './view';
import { cellsView } from './cells';
import { buildIngestPlan } from '../ingest';
import { corpusDir, corpusFiles, corpusPresent } from '../testing/corpus';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Does segment a→b enter the interior of `r` (shrunk by `eps`)? Liang–Barsky clipping. */
export function segmentHitsBox(a: Point, b: Point, r: Rect, eps = 0.5): boolean {
  const x0 = r.x + eps;
  const x1 = r.x + r.width - eps;
  const y0 = r.y + eps;
  const y1 = r.y + r.height - eps;
  if (x1 <= x0 || y1 <= y0) return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number) => {
    if (p === 0) return q > 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, a.x - x0) && clip(dx, x1 - a.x) && clip(-dy, a.y - y0) && clip(dy, y1 - a.y) && t0 < t1;
}

/** The points an edge is drawn through: the layout's route, else (no route) a straight line between the handles. */
function drawnRoute(result: LayoutResult, nodes: Map<string, LayoutNodeInput>, e: LayoutEdgeInput, i: number, dir: 'TB' | 'LR'): Point[] {
  const route = result.routes?.[i]?.points;
  if (route) return route;
  const s = result.positions[e.source];
  const t = result.positions[e.target];
  const sn = nodes.get(e.source)!;
  const tn = nodes.get(e.target)!;
  return dir === 'TB'
    ? [{ x: s.x + sn.width / 2, y: s.y + sn.height }, { x: t.x + tn.width / 2, y: t.y }]
    : [{ x: s.x + sn.width, y: s.y + sn.height / 2 }, { x: t.x, y: t.y + tn.height / 2 }];
}

/** Every (edge, node) pair where a segment of the edge's route passes under a box that is not one of its ends. */
function crossings(nodes: LayoutNodeInput[], edges: LayoutEdgeInput[], opts: LayoutOptions = {}): string[] {
  const result = layeredLayout(nodes, edges, opts);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const boxes = nodes.map((n) => ({ id: n.id, x: result.positions[n.id].x, y: result.positions[n.id].y, width: n.width, height: n.height }));
  const bad: string[] = [];
  edges.forEach((e, i) => {
    if (e.source === e.target || !byId.has(e.source) || !byId.has(e.target)) return;
    const pts = drawnRoute(result, byId, e, i, opts.direction ?? 'TB');
    for (let k = 0; k + 1 < pts.length; k++) {
      const a = pts[k];
      const b = pts[k + 1];
      const minX = Math.min(a.x, b.x);
      const maxX = Math.max(a.x, b.x);
      const minY = Math.min(a.y, b.y);
      const maxY = Math.max(a.y, b.y);
      for (const box of boxes) {
        if (box.id === e.source || box.id === e.target) continue;
        if (box.x > maxX || box.x + box.width < minX || box.y > maxY || box.y + box.height < minY) continue;
        if (segmentHitsBox(a, b, box)) bad.push(`${e.source}→${e.target} under ${box.id}`);
      }
    }
  });
  return bad;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function generated(seed: number, count: number, banded: boolean) {
  const r = rng(seed);
  const nodes: LayoutNodeInput[] = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    width: 60 + Math.floor(r() * 240),
    height: 30 + Math.floor(r() * 50),
    ...(banded ? { band: Math.floor((i / count) * 5) } : {}),
  }));
  const edges: LayoutEdgeInput[] = [];
  for (let i = 1; i < count; i++) {
    const k = 1 + Math.floor(r() * 3);
    for (let j = 0; j < k; j++) {
      // Mostly near predecessors, sometimes far back (long edges), sometimes forward (cycles).
      const far = r() < 0.2;
      const back = far ? Math.floor(r() * i) : Math.max(0, i - 1 - Math.floor(r() * 6));
      edges.push({ source: `n${back}`, target: `n${i}` });
    }
    if (r() < 0.03 && i > 2) edges.push({ source: `n${i}`, target: `n${Math.floor(r() * i)}` });
  }
  return { nodes, edges };
}

/** Node sizes as the UI gives them, from label lengths (the page measures text; here a fixed character width). */
function sized(view: GraphView): { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[] } {
  return {
    nodes: view.nodes.map((n) => ({
      id: n.id,
      width: Math.max(140, Math.ceil(Math.max(n.label.length * 7.8, `${n.kind} · ${n.where}`.length * 6.4) * 1.04 + 74)),
      height: n.cell ? 64 : 54,
      ...(n.section ? { band: n.section.index + 1 } : {}),
    })),
    edges: view.edges.map((e) => ({ source: e.source, target: e.target })),
  };
}

describe('edge routes', () => {
  it('a segment that crosses a box is caught, one that passes beside it is not', () => {
    const box = { x: 0, y: 0, width: 10, height: 10 };
    expect(segmentHitsBox({ x: -5, y: 5 }, { x: 15, y: 5 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 5, y: -5 }, { x: 5, y: 15 }, box)).toBe(true);
    expect(segmentHitsBox({ x: -5, y: -5 }, { x: -1, y: 15 }, box)).toBe(false);
    expect(segmentHitsBox({ x: 5, y: 0 }, { x: 5, y: -10 }, box)).toBe(false); // leaves from the edge
  });

  it('pass under no other node box in generated graphs (both directions, bands, long edges, cycles)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      for (const direction of ['TB', 'LR'] as const) {
        const { nodes, edges } = generated(seed, 20 + seed * 15, seed % 3 === 0);
        expect(crossings(nodes, edges, { direction }), `seed ${seed} ${direction}`).toEqual([]);
      }
    }
  });

  it('come with the layout: one route per edge, from the source to the target', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ id, width: 100, height: 40 }));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'a', target: 'd' },
      { source: 'c', target: 'd' },
      { source: 'd', target: 'a' },
    ];
    const result = layeredLayout(nodes, edges);
    expect(result.routes).toHaveLength(edges.length);
    const start = (id: string) => ({ x: result.positions[id].x + 50, y: result.positions[id].y + 40 });
    const end = (id: string) => ({ x: result.positions[id].x + 50, y: result.positions[id].y });
    edges.slice(0, 4).forEach((e, i) => {
      const r = result.routes![i]!.points;
      expect(r[0]).toEqual(start(e.source));
      expect(r[r.length - 1]).toEqual(end(e.target));
    });
    // The edge closing the cycle is drawn from d back up to a: it leaves d and ends at a.
    const back = result.routes![4]!.points;
    expect(back[0]).toEqual(end('d'));
    expect(back[back.length - 1]).toEqual(start('a'));
  });

  it('pass under no other node box in the statement and cells views of the corpus notebooks', async (ctx) => {
    if (!corpusPresent()) {
      ctx.skip(`no corpus at ${corpusDir} (set CORPUS_DIR); corpus edge routes not checked`);
      return;
    }
    const files = corpusFiles().filter((f) => f.endsWith('.ipynb'));
    let checked = 0;
    for (const file of files.slice(0, 12)) {
      const plan = await buildIngestPlan(file, new Uint8Array(readFileSync(file)));
      const graph = { sourceCodes: plan.sourceCodes, nodes: plan.nodes, ...(plan.session.outline ? { outline: plan.session.outline } : {}) };
      const statements = statementView(graph);
      for (const view of [statements, cellsView(graph, statements)]) {
        if (view.nodes.length > 1500) continue;
        const { nodes, edges } = sized(view);
        expect(crossings(nodes, edges, { rankSep: 56, nodeSep: 28 }), file).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
