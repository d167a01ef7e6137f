/**
 * Runs in Chromium (bench/browser/cells.html), driven by bench/cells.bench.ts: ingests sessions
 * into the app's own IndexedDB database, and mounts the baseline, a bare React Flow canvas with
 * as many default nodes as the session's Cells view has cells, pre-positioned (by the same
 * layered layout, before timing starts) so it pays for nothing but React Flow's first paint.
 * The steps the app takes before that paint (read the session, build the views, lay out) are
 * timed one by one on the way, to say where the app's extra time goes; and the app's own canvas
 * is mounted alone over a view already in memory, the most any storage-side speed-up could give.
 */
import { createRoot, type Root } from 'react-dom/client';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, type Edge, type Node } from '@xyflow/react';
import { StrictMode, useMemo, type ReactNode } from 'react';
import '@xyflow/react/dist/style.css';
import type { IngestPlan } from '../../src/core/model';
import { ingestPlan, loadSessionGraph } from '../../src/store/index';
import { appDb } from '../../src/ui/lib/db';
import { cellsView } from '../../src/core/graph/cells';
import { statementView } from '../../src/core/graph/view';
import { displayOnlyIn, displayOnlyStatements } from '../../src/core/graph/display';
import { layeredLayout } from '../../src/core/graph/layered';
import { cellNodeSize } from '../../src/ui/graph/CellNode';
import { whenPainted } from './paint';
import '../../src/ui/styles.css';
import { CellNode, SectionNode, type GraphFlowNode } from '../../src/ui/graph/CellNode';
import { FlowNode } from '../../src/ui/graph/FlowNode';
import { RoutedEdge, type RoutedFlowEdge } from '../../src/ui/graph/RoutedEdge';
import { useGraphLayout } from '../../src/ui/graph/useGraphLayout';
import { useFlowElements } from '../../src/ui/graph/useFlowElements';
import type { GraphView } from '../../src/core/graph/view';

const nodeTypes = { lineage: FlowNode, cell: CellNode, section: SectionNode };
const edgeTypes = { routed: RoutedEdge };
const noop = () => undefined;

/**
 * BENCH_ABLATE (comma-separated) takes parts out of the canvas-alone mount, to say what each
 * costs: `minimap`, `labels` (edge labels), `defaultedges` (React Flow's own edges), `edges`,
 * `bands` (section bands), `chrome` (background and controls), `plain` (default nodes).
 */
function ablated(flow: { nodes: GraphFlowNode[]; edges: RoutedFlowEdge[] }, ab: readonly string[]): { nodes: Node[]; edges: Edge[] } {
  let nodes: Node[] = flow.nodes;
  let edges: Edge[] = flow.edges;
  if (ab.includes('bands')) nodes = nodes.filter((n) => n.type !== 'section');
  if (ab.includes('plain')) nodes = flow.nodes.map((n) => ({ ...n, type: undefined, data: { label: 'node' in n.data ? n.data.node.label : '' } }));
  if (ab.includes('labels')) edges = flow.edges.map((e) => ({ ...e, data: { ...e.data, label: undefined } }));
  if (ab.includes('defaultedges')) edges = flow.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
  if (ab.includes('edges')) edges = [];
  return { nodes, edges };
}

/** The app's own canvas (its node and edge components, labels, bands, minimap) over a view already in memory. */
function AppCanvas({ view, displayOnly, ab }: { view: GraphView; displayOnly: ReadonlySet<string>; ab: readonly string[] }) {
  const layout = useGraphLayout(view, 'TB', 'bench');
  const hood = useMemo(() => ({ ...view, hiddenNeighbours: new Map<string, number>() }), [view]);
  const flow = useFlowElements({ view: hood, placed: layout.placed, direction: 'TB', rel: undefined, selectedId: undefined, sliceOnly: false, expand: noop, toggleCell: noop, displayOnly });
  const { nodes, edges } = ablated(flow, ab);
  return (
    <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes} onNodesChange={flow.onNodesChange as never} proOptions={{ hideAttribution: true }} nodesConnectable={false}>
      {ab.includes('chrome') ? null : <Background gap={24} size={1} />}
      {ab.includes('chrome') ? null : <Controls showInteractive={false} />}
      {ab.includes('minimap') ? null : <MiniMap pannable zoomable />}
    </ReactFlow>
  );
}

async function ingest(plan: IngestPlan): Promise<string> {
  return (await ingestPlan(appDb(), plan, { author: 'bench' })).session.id;
}

/** What the app does before React Flow paints, timed step by step here (untimed for the baseline). */
export interface Steps {
  loadMs: number;
  viewMs: number;
  layoutMs: number;
}

async function prepare(sessionId: string): Promise<{ nodes: Node[]; edges: Edge[]; steps: Steps }> {
  const t0 = performance.now();
  const stored = await loadSessionGraph(appDb(), sessionId);
  const t1 = performance.now();
  const graph = { sourceCodes: stored.sourceCodes, nodes: stored.nodes, outline: stored.session.outline };
  const statements = statementView(graph);
  const view = cellsView(graph, statements);
  displayOnlyIn(view, statements, displayOnlyStatements(graph, statements));
  const sizes = new Map(view.nodes.map((n) => [n.id, cellNodeSize(n)]));
  const t2 = performance.now();
  const placed = layeredLayout(
    view.nodes.map((n) => ({ id: n.id, ...sizes.get(n.id)!, ...(n.section ? { band: n.section.index + 1 } : {}) })),
    view.edges.map((e) => ({ source: e.source, target: e.target })),
    { direction: 'TB', nodeSep: 28, rankSep: 56 },
  );
  const t3 = performance.now();
  return {
    steps: { loadMs: t1 - t0, viewMs: t2 - t1, layoutMs: t3 - t2 },
    nodes: view.nodes.map((n) => ({ id: n.id, position: placed.positions[n.id], data: { label: n.label }, ...sizes.get(n.id)! })),
    edges: view.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

const host = document.getElementById('baseline')!;
let root: Root | undefined;

function unmount() {
  root?.unmount();
  root = undefined;
}

/** Sizes the host, lets it settle, then renders `canvas` and times it to the first painted frame with `painted`. */
async function timedMount(canvas: ReactNode, size: { width: number; height: number }, painted: string): Promise<number> {
  host.style.width = `${size.width}px`;
  host.style.height = `${size.height}px`;
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  root = createRoot(host);
  // StrictMode like the app (src/main.tsx), so both pay the same development-mode costs.
  root.render(
    <StrictMode>
      <div style={{ width: size.width, height: size.height }}>{canvas}</div>
    </StrictMode>,
  );
  await whenPainted(host, painted);
  return performance.now() - t0;
}

/** Mounts the bare canvas; returns its node count and the time to its first painted frame with nodes. */
async function mount(sessionId: string, size: { width: number; height: number }): Promise<{ ms: number; nodes: number; steps: Steps }> {
  unmount();
  const { nodes, edges, steps } = await prepare(sessionId);
  const ms = await timedMount(<ReactFlow nodes={nodes} edges={edges} />, size, '.react-flow__node');
  return { ms, nodes: nodes.length, steps };
}

/**
 * The ceiling of any storage-side speed-up: the app's canvas alone, the view built before timing
 * (as a stored first view would hand it over), timed to its first painted frame with cells.
 */
async function mountCanvas(sessionId: string, size: { width: number; height: number }, ablate = ''): Promise<{ ms: number }> {
  unmount();
  const stored = await loadSessionGraph(appDb(), sessionId);
  const graph = { sourceCodes: stored.sourceCodes, nodes: stored.nodes, outline: stored.session.outline };
  const statements = statementView(graph);
  const view = cellsView(graph, statements);
  const displayOnly = displayOnlyIn(view, statements, displayOnlyStatements(graph, statements));
  const canvas = (
    <ReactFlowProvider>
      <AppCanvas view={view} displayOnly={displayOnly} ab={ablate.split(',')} />
    </ReactFlowProvider>
  );
  return { ms: await timedMount(canvas, size, ablate.includes('plain') ? '.react-flow__node' : '[data-testid="cell-node"]') };
}

Object.assign(globalThis, { __bench: { ingest, mount, mountCanvas, unmount }, __benchReady: true });
