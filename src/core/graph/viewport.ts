/**
 * Viewport arithmetic for the graph canvas, as plain functions over boxes and sizes: the
 * bounding box of placed nodes, fitting a box into a viewport, centring on a node, the zoom
 * at which text of a given size stays readable, what a graph's first view centres on and how
 * many nodes a viewport shows. The page hands the results to the
 * canvas (React Flow) as a viewport; nothing here knows the canvas.
 *
 * A viewport maps a graph point p to the screen point `p * zoom + (x, y)`.
 */

import { viewNodesHolding, type GraphView } from './view';

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A box in graph coordinates: top-left corner and size. */
export interface Box extends Point, Size {}

export interface Viewport extends Point {
  zoom: number;
}

export interface ZoomBounds {
  minZoom?: number;
  maxZoom?: number;
}

/** Boxes of the placed nodes (`ids`, or every placed node), skipping any without a position or a size. */
export function placedBoxes(
  positions: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, Size>,
  ids: Iterable<string> = positions.keys(),
): Box[] {
  const out: Box[] = [];
  for (const id of ids) {
    const p = positions.get(id);
    const s = sizes.get(id);
    if (p && s) out.push({ x: p.x, y: p.y, width: s.width, height: s.height });
  }
  return out;
}

/** The smallest box holding every box; undefined for none. */
export function boundingBox(boxes: Iterable<Box>): Box | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  if (minX === Infinity) return undefined;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export function centreOf(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function clampZoom(zoom: number, { minZoom = 0, maxZoom = Infinity }: ZoomBounds = {}): number {
  return Math.min(maxZoom, Math.max(minZoom, zoom));
}

/** The viewport that puts graph point `point` in the middle of a viewport of `size` at `zoom`. */
export function centreOn(point: Point, size: Size, zoom: number): Viewport {
  return { x: size.width / 2 - point.x * zoom, y: size.height / 2 - point.y * zoom, zoom };
}

/**
 * The viewport that shows all of `box`, centred, as large as fits in `size` with `padding`
 * (a fraction of the viewport's width and height) kept clear on each side, within the zoom
 * bounds. A box of no width or height is limited by its other side, or by `maxZoom`.
 */
export function fit(box: Box, size: Size, { padding = 0, ...bounds }: ZoomBounds & { padding?: number } = {}): Viewport {
  const fill = Math.max(0, 1 - 2 * padding);
  const zx = box.width > 0 ? (size.width * fill) / box.width : Infinity;
  const zy = box.height > 0 ? (size.height * fill) / box.height : Infinity;
  let zoom = Math.min(zx, zy);
  if (zoom === Infinity) zoom = bounds.maxZoom ?? 1;
  return centreOn(centreOf(box), size, clampZoom(zoom, bounds));
}

/** The least zoom at which text set at `fontPx` renders at `minScreenPx` or more (11 px by default). */
export function readableZoom(fontPx: number, minScreenPx = 11): number {
  if (!(fontPx > 0)) throw new RangeError(`A font size must be positive, not ${fontPx}.`);
  return minScreenPx / fontPx;
}

/** Graph pixels of the smallest text on a node: meta lines, cell titles, edge labels (kinds.css, cells.css). */
export const SMALLEST_NODE_TEXT_PX = 11;

/** Keep the graph's box over the whole viewport where it is bigger than it, so no side shows empty canvas needlessly. */
export function clampToContent(view: Viewport, content: Box, size: Size, margin = 24): Viewport {
  const axis = (offset: number, start: number, extent: number, screen: number) => {
    const w = extent * view.zoom;
    if (w + 2 * margin <= screen) return offset;
    const lo = screen - margin - (start + extent) * view.zoom; // the content's far edge at the screen's far edge
    const hi = margin - start * view.zoom; // the content's near edge at the screen's near edge
    return Math.min(hi, Math.max(lo, offset));
  };
  return { x: axis(view.x, content.x, content.width, size.width), y: axis(view.y, content.y, content.height, size.height), zoom: view.zoom };
}

/**
 * The first view of a laid-out graph, never below the `readable` zoom. The whole graph when
 * it fits at a readable zoom (fitted, up to `maxZoom`); else, at the readable zoom, centred on
 * the focus boxes when they fit together, or on the first of them when they do not, and kept
 * over the graph (`clampToContent`). Without focus boxes: the graph's centre.
 */
export function firstView(all: readonly Box[], focus: readonly Box[], size: Size, { readable, maxZoom, padding = 0.05 }: { readable: number; maxZoom: number; padding?: number }): Viewport | undefined {
  const content = boundingBox(all);
  if (!content) return undefined;
  const fitted = fit(content, size, { padding, maxZoom });
  if (fitted.zoom >= readable) return fitted;
  const group = boundingBox(focus);
  const fill = 1 - 2 * padding;
  const fits = group !== undefined && group.width * readable <= size.width * fill && group.height * readable <= size.height * fill;
  const target = fits ? group : focus[0] ?? content;
  return clampToContent(centreOn(centreOf(target), size, readable), content, size);
}

/** How many of `boxes` a viewport of `size` shows, wholly or in part. */
export function visibleCount(boxes: Iterable<Box>, view: Viewport, size: Size): number {
  const left = -view.x / view.zoom;
  const top = -view.y / view.zoom;
  const right = left + size.width / view.zoom;
  const bottom = top + size.height / view.zoom;
  let n = 0;
  for (const b of boxes) if (b.x < right && b.x + b.width > left && b.y < bottom && b.y + b.height > top) n++;
  return n;
}

/**
 * What a graph's first view centres on, most important first: the selected view node; else
 * the view nodes holding the artifacts' nodes (the latest first); else the nodes of the last
 * cell (in source order) that holds a node not in `skip` (display-only nodes), i.e. its outputs.
 */
export function firstFocus(
  view: GraphView,
  sourceCodeIds: readonly string[],
  { selectedId, artifactNodeIds = [], skip = new Set<string>() }: { selectedId?: string; artifactNodeIds?: Iterable<string>; skip?: ReadonlySet<string> },
): string[] {
  if (selectedId !== undefined && view.nodes.some((n) => n.id === selectedId)) return [selectedId];
  const held = viewNodesHolding(view, artifactNodeIds);
  if (held.size > 0) return view.nodes.filter((n) => held.has(n.id)).map((n) => n.id).reverse();
  const order = new Map(sourceCodeIds.map((id, i) => [id, i]));
  let last = -1;
  for (const n of view.nodes) {
    const at = n.location ? order.get(n.location.sourceCodeId) : undefined;
    if (at !== undefined && at > last && !skip.has(n.id)) last = at;
  }
  if (last < 0) return view.nodes.length ? [view.nodes[view.nodes.length - 1].id] : [];
  const outputs = view.nodes.filter((n) => n.location && order.get(n.location.sourceCodeId) === last && !skip.has(n.id)).reverse();
  // What binds names first (the cell's outputs), then its other statements.
  return [...outputs.filter((n) => n.names.length > 0), ...outputs.filter((n) => n.names.length === 0)].map((n) => n.id);
}

/**
 * The node a graph too big to show at once opens its neighbourhood around: the selection, else
 * the latest artifact, else the last statement (in source order) that binds a name and is not
 * display-only, else `firstFocus`'s first choice. Never a trailing `print` or bare value.
 */
export function neighbourhoodCentre(
  view: GraphView,
  sourceCodeIds: readonly string[],
  opts: { selectedId?: string; artifactNodeIds?: Iterable<string>; skip?: ReadonlySet<string> },
): string | undefined {
  const skip = opts.skip ?? new Set<string>();
  if (opts.selectedId !== undefined && view.nodes.some((n) => n.id === opts.selectedId)) return opts.selectedId;
  const held = viewNodesHolding(view, opts.artifactNodeIds ?? []);
  if (held.size === 0) {
    const order = new Map(sourceCodeIds.map((id, i) => [id, i]));
    let best: { id: string; at: number; i: number } | undefined;
    view.nodes.forEach((n, i) => {
      const at = n.location ? order.get(n.location.sourceCodeId) : undefined;
      if (at === undefined || n.names.length === 0 || skip.has(n.id)) return;
      if (!best || at > best.at || (at === best.at && i > best.i)) best = { id: n.id, at, i };
    });
    if (best) return best.id;
  }
  return firstFocus(view, sourceCodeIds, opts)[0];
}
