/**
 * An edge drawn through the route the layered layout gave it (`core/graph/layered.ts`
 * `routes`): a polyline with rounded bends, bending only between ranks and down the columns
 * the layout kept free, so it never passes under a node box. An edge whose ends were dragged
 * since the layout has no route and is drawn as React Flow's bezier between the handles.
 * The label (cells view: the variables that flow) is plain SVG text on a box sized from its
 * length: nothing is measured, so a graph of many labelled edges paints in one pass.
 */
import { memo } from 'react';
import { getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { EdgeRoute } from '../../core/graph/layered';

/** `labelAt`: where the label sits on the route, clear of the other labels (core/graph/labels.ts); the route's own point when absent. */
export type RoutedEdgeData = { route?: EdgeRoute; label?: string; labelAt?: { x: number; y: number } };
export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>;

/** Width of one character of the edge label font (11 px monospace, cells.css), with a little slack. */
const LABEL_CHAR_PX = 6.9;

/** The width of an edge label's box. */
export const labelWidth = (label: string): number => label.length * LABEL_CHAR_PX + 8;
/** The height of an edge label's box. */
export const LABEL_HEIGHT = 18;

/** An SVG path through `points`, each inner corner rounded with a radius of at most `radius`. */
export function roundedPath(points: ReadonlyArray<{ x: number; y: number }>, radius = 10): string {
  if (points.length === 0) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1];
    const c = points[i];
    const q = points[i + 1];
    const l1 = Math.hypot(c.x - p.x, c.y - p.y);
    const l2 = Math.hypot(q.x - c.x, q.y - c.y);
    const r = Math.min(radius, l1 / 2, l2 / 2);
    if (r < 0.5) {
      d += `L${c.x},${c.y}`;
      continue;
    }
    const a = { x: c.x + ((p.x - c.x) * r) / l1, y: c.y + ((p.y - c.y) * r) / l1 };
    const b = { x: c.x + ((q.x - c.x) * r) / l2, y: c.y + ((q.y - c.y) * r) / l2 };
    d += `L${a.x},${a.y}Q${c.x},${c.y} ${b.x},${b.y}`;
  }
  const last = points[points.length - 1];
  return points.length > 1 ? `${d}L${last.x},${last.y}` : d;
}

function RoutedEdgeImpl({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style }: EdgeProps<RoutedFlowEdge>) {
  let path: string;
  let lx: number;
  let ly: number;
  if (data?.route) {
    path = roundedPath(data.route.points);
    lx = (data.labelAt ?? data.route.label).x;
    ly = (data.labelAt ?? data.route.label).y;
  } else {
    [path, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const label = data?.label;
  const w = label ? labelWidth(label) : 0;
  return (
    <>
      <path className="react-flow__edge-path" d={path} markerEnd={markerEnd} style={style} fill="none" />
      <path className="react-flow__edge-interaction" d={path} fill="none" strokeOpacity={0} strokeWidth={20} />
      {label ? (
        <g className="react-flow__edge-textwrapper" transform={`translate(${lx - w / 2} ${ly - LABEL_HEIGHT / 2})`}>
          <rect className="react-flow__edge-textbg" width={w} height={LABEL_HEIGHT} rx={3} ry={3} />
          <text className="react-flow__edge-text" x={w / 2} y={LABEL_HEIGHT / 2} dy="0.35em" textAnchor="middle">
            {label}
          </text>
        </g>
      ) : null}
    </>
  );
}

export const RoutedEdge = memo(RoutedEdgeImpl);
