/**
 * The slice as a small graph on the artifact page: the statements the slice keeps, laid out
 * like the session graph, the artifact's own statement marked; with `fine`, only the statements
 * the fine slice keeps. Clicking a statement opens it
 * in the session graph. Loaded lazily (React Flow stays out of the artifact page's chunk).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Background, Controls, MarkerType, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { SessionGraph } from '../../core/model';
import { createSlicer } from '../../core/slice';
import { userMessage } from '../../core/errors';
import { FlowNode, type LineageFlowNode } from '../graph/FlowNode';
import { RoutedEdge, type RoutedFlowEdge } from '../graph/RoutedEdge';
import { nodeSize } from '../graph/measure';
import { statementView, subView, viewNodesHolding } from '../../core/graph/view';
import { layeredLayout } from '../../core/graph/layered';
import { plural } from '../format';
import { keptNodeIds } from './artifactSlice';

const nodeTypes = { lineage: FlowNode };
const edgeTypes = { routed: RoutedEdge };

export default function SliceGraph({ graph, nodeId, sessionId, dark, fine = false }: { graph: SessionGraph; nodeId: string; sessionId: string; dark: boolean; fine?: boolean }) {
  const navigate = useNavigate();
  const built = useMemo(() => {
    try {
      const view = statementView(graph);
      const slicer = createSlicer(graph);
      const names = fine ? (graph.nodes.find((n) => n.id === nodeId)?.names ?? []) : [];
      const ids = fine ? keptNodeIds(graph, slicer.slice([nodeId], { fine, names })) : slicer.slice([nodeId]).nodeIds;
      const sub = subView(view, viewNodesHolding(view, ids));
      const target = view.groupOf.get(nodeId);
      const sizes = new Map(sub.nodes.map((n) => [n.id, nodeSize(n)]));
      // Slices are small: lay out here, synchronously, with the session graph's layout.
      const placed = layeredLayout(
        sub.nodes.map((n) => ({ id: n.id, ...sizes.get(n.id)! })),
        sub.edges.map((e) => ({ source: e.source, target: e.target })),
        { direction: 'TB', nodeSep: 28, rankSep: 48 },
      );
      const nodes: LineageFlowNode[] = sub.nodes.map((n) => ({
        id: n.id,
        type: 'lineage',
        position: placed.positions[n.id],
        ...sizes.get(n.id)!,
        data: { node: n, relation: n.id === target ? 'selected' : 'none', direction: 'TB', focused: false },
        draggable: false,
        selectable: false,
      }));
      // Drawn through the layout's routes, like the session graph: never under a node box.
      const edges: RoutedFlowEdge[] = sub.edges.map((e, i) => {
        const route = placed.routes?.[i];
        return { id: e.id, type: 'routed', source: e.source, target: e.target, data: route ? { route } : {}, markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 } };
      });
      return { nodes, edges, width: placed.width, height: placed.height };
    } catch (e) {
      return { error: userMessage(e) };
    }
  }, [graph, nodeId, fine]);

  // The first view: the whole slice when it stays readable, else its top at zoom 0.6 (pan for the rest).
  const figure = useRef<HTMLElement>(null);
  const [width, setWidth] = useState<number>();
  useLayoutEffect(() => setWidth(figure.current?.clientWidth), []);
  if ('error' in built) return <p className="muted small">The slice graph could not be drawn: {built.error}</p>;
  // Readable first: never below 0.6 zoom (pan for the rest); tall enough for most slices.
  const height = Math.max(240, Math.min(520, built.height * 0.7 + 60));
  const pad = 16;
  const zoom = width ? Math.max(0.6, Math.min(1, (width - 2 * pad) / built.width, (height - 2 * pad) / built.height)) : 1;
  const viewport = { x: width && built.width * zoom < width - 2 * pad ? (width - built.width * zoom) / 2 : pad, y: pad, zoom };
  return (
    <figure ref={figure} className="slice-graph" data-testid="slice-graph" style={{ height, margin: '12px 0 0', border: '1px solid var(--border)', borderRadius: 6, overflow: 'hidden' }}>
      <figcaption className="visually-hidden">
        The slice as a graph: {plural(built.nodes.length, 'statement')}. Select a statement to open it in the session graph.
      </figcaption>
      {width === undefined ? null : (
      <ReactFlow<LineageFlowNode, RoutedFlowEdge>
        nodes={built.nodes}
        edges={built.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultViewport={viewport}
        minZoom={0.1}
        maxZoom={2}
        nodesConnectable={false}
        nodesDraggable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        onNodeClick={(_, n) => navigate(`/s/${sessionId}/n/${n.id}`)}
        colorMode={dark ? 'dark' : 'light'}
        proOptions={{ hideAttribution: true }}
        aria-label="Slice graph"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
      )}
    </figure>
  );
}
