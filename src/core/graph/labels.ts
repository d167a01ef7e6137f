/**
 * Where edge labels sit so that none covers another or a node: each label stays on its own
 * edge (so it still names that edge), at the layout's point when that is clear, else at the
 * first clear point further along the route. Labels are placed one by one, edges with the
 * shortest routes first (they have the fewest places to go); a label with no clear point
 * keeps the layout's.
 */
import type { EdgeRoute, LayoutBand } from './layered';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelInput {
  id: string;
  route: EdgeRoute;
  width: number;
  height: number;
}

/** A section band's heading (see cells.css): inset from the band's left edge, this deep from its top. */
export const BAND_HEADING = { inset: 12, depth: 32 };

/**
 * The boxes of the band headings drawn along the bands' tops, for labels to stay off:
 * `headingWidth(band)` is the heading text's width, undefined for a band with no heading.
 */
export function headingBoxes(bands: readonly LayoutBand[], headingWidth: (band: number) => number | undefined): Box[] {
  return bands.flatMap((b) => {
    const w = headingWidth(b.band);
    return w === undefined ? [] : [{ x: b.x, y: b.y, width: Math.min(b.width, w + 2 * BAND_HEADING.inset), height: BAND_HEADING.depth }];
  });
}

/** Along a route, where candidate points are tried after the layout's own (fractions of its length). */
const FRACTIONS = [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85];
/** Clear space kept between two labels, and between a label and a node. */
const GAP = 2;

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

function length(points: EdgeRoute['points']): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  return total;
}

/** The point a fraction `t` of the way along a polyline. */
export function pointAlong(points: EdgeRoute['points'], t: number): { x: number; y: number } {
  let left = length(points) * t;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    if (seg > 0 && left <= seg) return { x: a.x + ((b.x - a.x) * left) / seg, y: a.y + ((b.y - a.y) * left) / seg };
    left -= seg;
  }
  return points[points.length - 1] ?? { x: 0, y: 0 };
}

/** The centre of each label (by edge id), clear of the other labels and of `nodes` where its route allows. */
export function placeLabels(labels: readonly LabelInput[], nodes: readonly Box[]): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const placed: Box[] = [];
  const order = labels.map((l, i) => ({ l, i, len: length(l.route.points) })).sort((a, b) => a.len - b.len || a.i - b.i);
  for (const { l } of order) {
    const box = (c: { x: number; y: number }): Box => ({ x: c.x - l.width / 2, y: c.y - l.height / 2, width: l.width, height: l.height });
    const candidates = [l.route.label, ...FRACTIONS.map((t) => pointAlong(l.route.points, t))];
    const clear = candidates.find((c) => {
      const b = box(c);
      return !placed.some((p) => overlaps(b, p)) && !nodes.some((n) => overlaps(b, n));
    });
    const at = clear ?? l.route.label;
    out.set(l.id, at);
    placed.push(box(at));
  }
  return out;
}
