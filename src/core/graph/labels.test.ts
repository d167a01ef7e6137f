/**
 * Edge labels clear of each other and of nodes, each still on its own edge: hand-made routes,
 * and the cells views of the corpus notebooks (skipped with a message when it is absent).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIngestPlan } from '../ingest';
import { corpusDir, corpusFiles, corpusPresent } from '../testing/corpus';
import { cellsView, edgeLabel } from './cells';
import { BAND_HEADING, headingBoxes, placeLabels, pointAlong, type Box, type LabelInput } from './labels';
import { layeredLayout, type EdgeRoute } from './layered';
import { statementView } from './view';

const route = (points: Array<[number, number]>, label: [number, number]): EdgeRoute => ({ points: points.map(([x, y]) => ({ x, y })), label: { x: label[0], y: label[1] } });

const boxAt = (l: LabelInput, c: { x: number; y: number }): Box => ({ x: c.x - l.width / 2, y: c.y - l.height / 2, width: l.width, height: l.height });
const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Distance from `p` to the polyline. */
function offRoute(r: EdgeRoute, p: { x: number; y: number }): number {
  let best = Infinity;
  for (let i = 1; i < r.points.length; i++) {
    const a = r.points[i - 1];
    const b = r.points[i];
    const len2 = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / len2));
    best = Math.min(best, Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y))));
  }
  return best;
}

function overlaps(labels: readonly LabelInput[], at: (l: LabelInput) => { x: number; y: number }): number {
  let n = 0;
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) if (overlap(boxAt(labels[i], at(labels[i])), boxAt(labels[j], at(labels[j])))) n++;
  return n;
}

describe('placeLabels', () => {
  it('finds the point a fraction of the way along a polyline', () => {
    const r = route([[0, 0], [0, 100], [50, 100]], [0, 0]);
    expect(pointAlong(r.points, 0.5)).toEqual({ x: 0, y: 75 });
    expect(pointAlong(r.points, 1)).toEqual({ x: 50, y: 100 });
  });

  it('leaves a clear label where the layout put it', () => {
    const l: LabelInput = { id: 'e', route: route([[0, 0], [0, 100]], [0, 50]), width: 60, height: 18 };
    expect(placeLabels([l], []).get('e')).toEqual({ x: 0, y: 50 });
  });

  it('moves the second of two labels the layout put on one spot along its own edge', () => {
    // Two edges leave one node: a short one straight down, a long one that bends away.
    const short: LabelInput = { id: 'short', route: route([[100, 0], [100, 80]], [100, 40]), width: 120, height: 18 };
    const long: LabelInput = { id: 'long', route: route([[110, 0], [110, 40], [400, 60], [400, 400]], [105, 40]), width: 200, height: 18 };
    const at = placeLabels([long, short], []);
    expect(at.get('short')).toEqual({ x: 100, y: 40 });
    expect(overlap(boxAt(short, at.get('short')!), boxAt(long, at.get('long')!))).toBe(false);
    expect(offRoute(long.route, at.get('long')!)).toBeLessThan(0.01);
  });

  it('keeps labels off nodes', () => {
    const l: LabelInput = { id: 'e', route: route([[0, 0], [0, 300]], [0, 150]), width: 80, height: 18 };
    const node: Box = { x: -50, y: 130, width: 100, height: 40 };
    const at = placeLabels([l], [node]).get('e')!;
    expect(overlap(boxAt(l, at), node)).toBe(false);
    expect(offRoute(l.route, at)).toBeLessThan(0.01);
  });

  it('gives a box along the top of each band that has a heading, as wide as the heading', () => {
    const bands = [
      { band: 1, x: 0, y: 0, width: 500, height: 200 },
      { band: 2, x: 0, y: 300, width: 100, height: 200 },
      { band: 3, x: 0, y: 600, width: 500, height: 200 },
    ];
    const boxes = headingBoxes(bands, (b) => (b === 3 ? undefined : 200));
    expect(boxes).toEqual([
      { x: 0, y: 0, width: 200 + 2 * BAND_HEADING.inset, height: BAND_HEADING.depth },
      { x: 0, y: 300, width: 100, height: BAND_HEADING.depth },
    ]);
  });

  it('takes most overlaps out of the cells views of the corpus notebooks', async (ctx) => {
    if (!corpusPresent()) {
      ctx.skip(`no corpus at ${corpusDir} (set CORPUS_DIR); corpus edge labels not checked`);
      return;
    }
    let before = 0;
    let after = 0;
    let onHeadingsBefore = 0;
    let onHeadingsAfter = 0;
    for (const file of corpusFiles().filter((f) => f.endsWith('.ipynb')).slice(0, 15)) {
      const plan = await buildIngestPlan(file, new Uint8Array(readFileSync(file)));
      const graph = { sourceCodes: plan.sourceCodes, nodes: plan.nodes, ...(plan.session.outline ? { outline: plan.session.outline } : {}) };
      const view = cellsView(graph, statementView(graph));
      const size = { width: 300, height: 72 };
      const res = layeredLayout(view.nodes.map((n) => ({ id: n.id, ...size, ...(n.section ? { band: n.section.index + 1 } : {}) })), view.edges.map((e) => ({ source: e.source, target: e.target })), { direction: 'TB', nodeSep: 28, rankSep: 56 });
      const labels: LabelInput[] = view.edges.flatMap((e, i) => {
        const r = res.routes?.[i];
        const text = e.names?.length ? edgeLabel(e.names) : undefined;
        return r && text ? [{ id: e.id, route: r, width: text.length * 6.9 + 8, height: 18 }] : [];
      });
      // Headings as the canvas draws them: 16 px bold, about 9 px a character.
      const headingText = new Map(view.nodes.flatMap((n) => (n.section ? [[n.section.index + 1, n.section.text] as const] : [])));
      const headings = headingBoxes(res.bands ?? [], (b) => (headingText.has(b) ? headingText.get(b)!.length * 9 : undefined));
      const nodeBoxes = view.nodes.map((n) => ({ ...res.positions[n.id], ...size }));
      const at = placeLabels(labels, [...nodeBoxes, ...headings]);
      onHeadingsBefore += labels.filter((l) => headings.some((h) => overlap(boxAt(l, l.route.label), h))).length;
      onHeadingsAfter += labels.filter((l) => headings.some((h) => overlap(boxAt(l, at.get(l.id)!), h))).length;
      for (const l of labels) expect(offRoute(l.route, at.get(l.id)!) < 0.01 || at.get(l.id) === l.route.label).toBe(true);
      before += overlaps(labels, (l) => l.route.label);
      after += overlaps(labels, (l) => at.get(l.id)!);
    }
    console.log(`edge labels over the corpus cells views: ${before} overlapping pairs as laid out, ${after} after placing; labels on a section heading: ${onHeadingsBefore} as laid out, ${onHeadingsAfter} after`);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before / 4);
    expect(onHeadingsAfter).toBe(0);
  }, 120_000);
});
