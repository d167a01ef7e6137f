/**
 * Lays the view out in the layout worker whenever `layoutKey` changes (a stale answer is
 * aborted). `ready` is true once the positions of the current key have arrived.
 */
import { useEffect, useState } from 'react';
import type { GraphView } from '../../core/graph/view';
import type { EdgeRoute, LayoutBand } from '../../core/graph/layered';
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

export function useGraphLayout(view: GraphView, direction: Direction, layoutKey: string) {
  const [placed, setPlaced] = useState<Placed>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    const sizes = new Map(view.nodes.map((n) => [n.id, n.cell ? cellNodeSize(n) : nodeSize(n)]));
    layoutInWorker(
      view.nodes.map((n) => ({ id: n.id, ...sizes.get(n.id)!, ...(n.section ? { band: n.section.index + 1 } : {}) })),
      view.edges.map((e) => ({ source: e.source, target: e.target })),
      { direction, nodeSep: 28, rankSep: direction === 'TB' ? 56 : 80 },
      controller.signal,
    ).then(
      (result) => {
        setError(undefined);
        const routes = new Map<string, EdgeRoute>();
        result.routes?.forEach((r, i) => {
          if (r) routes.set(view.edges[i].id, r);
        });
        setPlaced({ positions: new Map(Object.entries(result.positions)), sizes, key: layoutKey, routes, ...(result.bands ? { bands: result.bands } : {}) });
      },
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      },
    );
    return () => controller.abort();
  }, [view, direction, layoutKey]);
  return { placed, error, ready: placed !== undefined && placed.key === layoutKey };
}
