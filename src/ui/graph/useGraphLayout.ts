/**
 * Lays the view out whenever `layoutKey` changes. A small view (at most `INLINE_LAYOUT_NODES`
 * nodes) is laid out in the render that needs it: that takes a few milliseconds, less than the
 * worker's round trip and the extra renders it costs, so the first graph paints sooner. A
 * bigger one goes to the layout worker (a stale answer is aborted). `ready` is true once the
 * positions of the current key are there.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GraphView } from '../../core/graph/view';
import { layeredLayout, type EdgeRoute, type LayoutBand, type LayoutEdgeInput, type LayoutNodeInput, type LayoutOptions, type LayoutResult } from '../../core/graph/layered';
import type { Point, Size } from '../../core/graph/viewport';
import { layoutInWorker } from '../lib/workers';
import { nodeSize } from './measure';
import { cellNodeSize } from './CellNode';

export type Direction = 'TB' | 'LR';

export interface Placed {
  positions: Map<string, Point>;
  sizes: Map<string, Size>;
  key: string;
  /** How each view edge (by id) is drawn: bends that keep it clear of every node box. */
  routes: Map<string, EdgeRoute>;
  /** Cells view: the rectangle of each notebook section (band = outline index + 1; 0 is before the first heading). */
  bands?: LayoutBand[];
}

/** Views up to this many nodes (and `INLINE_LAYOUT_EDGES` edges) are laid out on the UI thread: about 6 ms for 140 cells. */
export const INLINE_LAYOUT_NODES = 250;
export const INLINE_LAYOUT_EDGES = 600;

function layoutInput(view: GraphView, direction: Direction) {
  const sizes = new Map(view.nodes.map((n) => [n.id, n.cell ? cellNodeSize(n) : nodeSize(n)]));
  const nodes: LayoutNodeInput[] = view.nodes.map((n) => ({ id: n.id, ...sizes.get(n.id)!, ...(n.section ? { band: n.section.index + 1 } : {}) }));
  const edges: LayoutEdgeInput[] = view.edges.map((e) => ({ source: e.source, target: e.target }));
  const opts: LayoutOptions = { direction, nodeSep: 28, rankSep: direction === 'TB' ? 56 : 80 };
  return { sizes, nodes, edges, opts };
}

function toPlaced(view: GraphView, result: LayoutResult, sizes: Map<string, Size>, key: string): Placed {
  const routes = new Map<string, EdgeRoute>();
  result.routes?.forEach((r, i) => {
    if (r) routes.set(view.edges[i].id, r);
  });
  return { positions: new Map(Object.entries(result.positions)), sizes, key, routes, ...(result.bands ? { bands: result.bands } : {}) };
}

export function useGraphLayout(view: GraphView, direction: Direction, layoutKey: string) {
  const inline = view.nodes.length <= INLINE_LAYOUT_NODES && view.edges.length <= INLINE_LAYOUT_EDGES;
  const inlined = useMemo((): { placed?: Placed; error?: unknown } | undefined => {
    if (!inline) return undefined;
    const input = layoutInput(view, direction);
    try {
      return { placed: toPlaced(view, layeredLayout(input.nodes, input.edges, input.opts), input.sizes, layoutKey) };
    } catch (e) {
      return { error: e };
    }
  }, [inline, view, direction, layoutKey]);
  const [workerPlaced, setWorkerPlaced] = useState<Placed>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (inline) return;
    const controller = new AbortController();
    const input = layoutInput(view, direction);
    layoutInWorker(input.nodes, input.edges, input.opts, controller.signal).then(
      (result) => {
        setError(undefined);
        setWorkerPlaced(toPlaced(view, result, input.sizes, layoutKey));
      },
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      },
    );
    return () => controller.abort();
  }, [inline, view, direction, layoutKey]);
  // While a big view's layout runs, the layout on the canvas stays (not ready).
  const shown = useRef<Placed>(undefined);
  const placed = inlined ? (inlined.placed ?? shown.current) : workerPlaced?.key === layoutKey ? workerPlaced : shown.current;
  useEffect(() => {
    shown.current = placed;
  });
  return { placed, error: inlined ? inlined.error : error, ready: placed !== undefined && placed.key === layoutKey };
}
