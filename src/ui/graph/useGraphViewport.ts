/**
 * Where the canvas looks. After each new layout: centre the deep-linked node, or fit the graph
 * when it stays readable, or else show its first rank at a readable zoom, clear of the legend.
 * Also "fit the selection" and "centre on a node". The arithmetic is `core/graph/viewport.ts`;
 * this hook only measures the canvas and hands the viewport to React Flow.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Relation } from '../../core/graph/highlight';
import { boundingBox, centreOf, centreOn, fit, placedBoxes, startOfLayers, type Size } from '../../core/graph/viewport';
import type { Direction, Placed } from './useGraphLayout';

/** Below this zoom, code labels are too small to read. */
export const READABLE_ZOOM = 0.6;
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;
/** A fit keeps this fraction of the canvas clear on each side. */
const FIT_PADDING = 0.05;
/** Zoom of the first rank of a graph too big to fit readably. */
const START_ZOOM = 0.85;

interface Inputs {
  canvasRef: RefObject<HTMLDivElement | null>;
  placed: Placed | undefined;
  /** The layout of the current view has arrived. */
  ready: boolean;
  /** Nodes handed to React Flow: the first fit waits for them. */
  nodeCount: number;
  layoutKey: string;
  selectedId: string | undefined;
  rel: ReadonlyMap<string, Relation> | undefined;
  direction: Direction;
}

export function useGraphViewport({ canvasRef, placed, ready, nodeCount, layoutKey, selectedId, rel, direction }: Inputs) {
  const flow = useReactFlow();
  const canvasSize = useCallback((): Size => ({ width: canvasRef.current?.clientWidth ?? 1000, height: canvasRef.current?.clientHeight ?? 700 }), [canvasRef]);

  const fittedFor = useRef<string>(undefined);
  useEffect(() => {
    if (!ready || !placed || nodeCount === 0 || fittedFor.current === layoutKey) return;
    fittedFor.current = layoutKey;
    const t = window.setTimeout(() => {
      const size = canvasSize();
      const selected = selectedId ? placedBoxes(placed.positions, placed.sizes, [selectedId])[0] : undefined;
      if (selected) {
        void flow.setViewport(centreOn(centreOf(selected), size, 1), { duration: 0 });
        return;
      }
      const boxes = placedBoxes(placed.positions, placed.sizes);
      const all = boundingBox(boxes);
      if (!all) return;
      const fitted = fit(all, size, { padding: FIT_PADDING, minZoom: MIN_ZOOM, maxZoom: 1 });
      if (fitted.zoom >= READABLE_ZOOM) {
        void flow.setViewport(fitted, { duration: 0 });
        return;
      }
      // Start the graph clear of the legend in the canvas's top-left corner, so it covers no node.
      const legend = canvasRef.current?.querySelector('.legend-box')?.getBoundingClientRect();
      const clearance = (legend ? (direction === 'TB' ? legend.height : legend.width) : 0) + 24;
      const start = startOfLayers(boxes, size, direction, START_ZOOM, clearance);
      if (start) void flow.setViewport(start, { duration: 0 });
    }, 30);
    return () => window.clearTimeout(t);
  }, [ready, nodeCount, layoutKey, flow, placed, selectedId, direction, canvasRef, canvasSize]);

  /** Fit the selection and its relatives; when that would be unreadably small, centre the selection instead. */
  const fitSelection = useCallback(() => {
    if (!rel || !placed || !selectedId) return;
    const ids = [...rel].filter(([, r]) => r !== 'dim').map(([id]) => id);
    const box = boundingBox(placedBoxes(placed.positions, placed.sizes, ids));
    if (!box) return;
    const size = canvasSize();
    const fitted = fit(box, size, { padding: FIT_PADDING, minZoom: MIN_ZOOM, maxZoom: 1 });
    if (fitted.zoom >= READABLE_ZOOM) {
      void flow.setViewport(fitted, { duration: 250 });
      return;
    }
    const selected = placedBoxes(placed.positions, placed.sizes, [selectedId])[0];
    if (selected) void flow.setViewport(centreOn(centreOf(selected), size, 0.8), { duration: 250 });
  }, [flow, rel, placed, selectedId, canvasSize]);

  const centreOnNode = useCallback(
    (id: string) => {
      const box = placed ? placedBoxes(placed.positions, placed.sizes, [id])[0] : undefined;
      if (box) void flow.setViewport(centreOn(centreOf(box), canvasSize(), Math.max(flow.getZoom(), 0.9)), { duration: 250 });
    },
    [flow, placed, canvasSize],
  );

  return { fitSelection, centreOn: centreOnNode };
}
