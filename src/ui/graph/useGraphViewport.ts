/**
 * Where the canvas looks. After each new layout (a first visit, a view switch, a filter): the
 * whole graph when it fits at a readable zoom, else the focus (the selection, else the
 * artifacts, else the last cell's outputs) at the zoom where the smallest node text is 11 px
 * on screen. Also "fit the selection", "fit all", "centre on a node", and how many nodes are
 * on screen after each move (said on the canvas when some are off it). The arithmetic is
 * `core/graph/viewport.ts`; this hook only measures the canvas and hands viewports to React Flow.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import type { Relation } from '../../core/graph/highlight';
import { boundingBox, centreOf, centreOn, clampZoom, firstView, fit, placedBoxes, readableZoom, SMALLEST_NODE_TEXT_PX, visibleCount, type Size } from '../../core/graph/viewport';
import type { Placed } from './useGraphLayout';

/** The zoom at which the smallest node text (11 px) renders at 11 px: nothing smaller on screen. */
export const READABLE_ZOOM = readableZoom(SMALLEST_NODE_TEXT_PX);
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;
/** A fit keeps this fraction of the canvas clear on each side. */
const FIT_PADDING = 0.05;
/** A small graph is fitted up to this zoom, no larger. */
const FIT_MAX_ZOOM = 1.25;

interface Inputs {
  canvasRef: RefObject<HTMLDivElement | null>;
  placed: Placed | undefined;
  /** The layout of the current view has arrived. */
  ready: boolean;
  /** Nodes handed to React Flow: the first view waits for them. */
  nodeCount: number;
  layoutKey: string;
  selectedId: string | undefined;
  rel: ReadonlyMap<string, Relation> | undefined;
  /** What a new layout centres on, most important first (`firstFocus`). */
  focusIds: readonly string[];
}

export interface OnScreen {
  shown: number;
  total: number;
}

export function useGraphViewport({ canvasRef, placed, ready, nodeCount, layoutKey, selectedId, rel, focusIds }: Inputs) {
  const flow = useReactFlow();
  const canvasSize = useCallback((): Size => ({ width: canvasRef.current?.clientWidth ?? 1000, height: canvasRef.current?.clientHeight ?? 700 }), [canvasRef]);
  const [onScreen, setOnScreen] = useState<OnScreen>();
  const focusRef = useRef(focusIds);
  useEffect(() => {
    focusRef.current = focusIds;
  });

  const count = useCallback(
    (v: Viewport) => {
      if (!placed) return;
      setOnScreen({ shown: visibleCount(placedBoxes(placed.positions, placed.sizes), v, canvasSize()), total: placed.positions.size });
    },
    [placed, canvasSize],
  );

  const viewedFor = useRef<string>(undefined);
  useEffect(() => {
    if (!ready || !placed || nodeCount === 0 || viewedFor.current === layoutKey) return;
    // Marked done only when the view is set: a re-render in between (the flow nodes of the new
    // layout arrive one render later) cancels this timer, and the next run must set it again.
    const t = window.setTimeout(() => {
      viewedFor.current = layoutKey;
      const size = canvasSize();
      const all = placedBoxes(placed.positions, placed.sizes);
      const focus = placedBoxes(placed.positions, placed.sizes, focusRef.current);
      const v = firstView(all, focus, size, { readable: READABLE_ZOOM, maxZoom: FIT_MAX_ZOOM, padding: FIT_PADDING });
      if (!v) return;
      void flow.setViewport(v, { duration: 0 });
      count(v);
    }, 30);
    return () => window.clearTimeout(t);
  }, [ready, nodeCount, layoutKey, flow, placed, canvasSize, count]);

  /** Fit the selection and its relatives; when that would be unreadably small, centre the selection instead. */
  const fitSelection = useCallback(() => {
    if (!rel || !placed || !selectedId) return;
    const ids = [...rel].filter(([, r]) => r !== 'dim').map(([id]) => id);
    const box = boundingBox(placedBoxes(placed.positions, placed.sizes, ids));
    if (!box) return;
    const size = canvasSize();
    const fitted = fit(box, size, { padding: FIT_PADDING, minZoom: MIN_ZOOM, maxZoom: FIT_MAX_ZOOM });
    if (fitted.zoom >= READABLE_ZOOM) {
      void flow.setViewport(fitted, { duration: 250 });
      return;
    }
    const selected = placedBoxes(placed.positions, placed.sizes, [selectedId])[0];
    if (selected) void flow.setViewport(centreOn(centreOf(selected), size, READABLE_ZOOM), { duration: 250 });
  }, [flow, rel, placed, selectedId, canvasSize]);

  /** The whole graph, however small (the overview: its text may be unreadable). */
  const fitAll = useCallback(() => {
    const box = placed ? boundingBox(placedBoxes(placed.positions, placed.sizes)) : undefined;
    if (box) void flow.setViewport(fit(box, canvasSize(), { padding: FIT_PADDING, minZoom: MIN_ZOOM, maxZoom: FIT_MAX_ZOOM }), { duration: 250 });
  }, [flow, placed, canvasSize]);

  const centreOnNode = useCallback(
    (id: string) => {
      const box = placed ? placedBoxes(placed.positions, placed.sizes, [id])[0] : undefined;
      if (box) void flow.setViewport(centreOn(centreOf(box), canvasSize(), clampZoom(flow.getZoom(), { minZoom: READABLE_ZOOM, maxZoom: MAX_ZOOM })), { duration: 250 });
    },
    [flow, placed, canvasSize],
  );

  return { fitSelection, fitAll, centreOn: centreOnNode, onMoveEnd: count, onScreen };
}
