/**
 * Runs in Chromium (bench/browser/graph.html), driven by bench/graph.bench.ts:
 *  - layout round trips through the app's layout worker (src/ui/lib/workers.ts);
 *  - ingesting generated sessions into the app's own IndexedDB database;
 *  - the baseline: a bare React Flow canvas with the same statement-view nodes,
 *    pre-positioned by the same layout before timing starts, default node components.
 */
import { createRoot, type Root } from 'react-dom/client';
import { ReactFlow, type Edge, type Node, type Viewport } from '@xyflow/react';
import { StrictMode } from 'react';
import '@xyflow/react/dist/style.css';
import type { IngestPlan } from '../../src/core/model';
import { ingestPlan, loadSessionGraph } from '../../src/store/index';
import { appDb } from '../../src/ui/lib/db';
import { layoutInWorker } from '../../src/ui/lib/workers';
import { statementView } from '../../src/core/graph/view';
import { nodeSize } from '../../src/ui/graph/measure';
import { layeredLayout } from '../../src/core/graph/layered';
import type { BenchDag } from './dag';
import { panFrames, whenPainted } from './paint';

async function layout(dag: BenchDag): Promise<number> {
  const t0 = performance.now();
  await layoutInWorker(dag.nodes, dag.edges, { direction: 'TB', nodeSep: 28, rankSep: 56 });
  return performance.now() - t0;
}

async function ingest(plan: IngestPlan): Promise<string> {
  const result = await ingestPlan(appDb(), plan, { author: 'bench' });
  return result.session.id;
}

interface Prepared {
  nodes: Node[];
  edges: Edge[];
}

/** The session's statement view, laid out exactly as the app lays it out. */
async function prepare(sessionId: string): Promise<Prepared> {
  const stored = await loadSessionGraph(appDb(), sessionId);
  const view = statementView({ sourceCodes: stored.sourceCodes, nodes: stored.nodes });
  const sizes = new Map(view.nodes.map((n) => [n.id, nodeSize(n)]));
  const placed = layeredLayout(
    view.nodes.map((n) => ({ id: n.id, ...sizes.get(n.id)! })),
    view.edges.map((e) => ({ source: e.source, target: e.target })),
    { direction: 'TB', nodeSep: 28, rankSep: 56 },
  );
  return {
    nodes: view.nodes.map((n) => ({ id: n.id, position: placed.positions[n.id], data: { label: n.label }, ...sizes.get(n.id)! })),
    edges: view.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

const host = document.getElementById('baseline')!;
let root: Root | undefined;
let prepared: Prepared | undefined;

function unmount() {
  root?.unmount();
  root = undefined;
}

/** Mounts the bare canvas and returns the time to its first painted frame with nodes. */
async function mount(sessionId: string, size: { width: number; height: number }, viewport?: Viewport): Promise<number> {
  unmount();
  prepared = await prepare(sessionId);
  host.style.width = `${size.width}px`;
  host.style.height = `${size.height}px`;
  await new Promise((r) => setTimeout(r, 50));
  const { nodes, edges } = prepared;
  const t0 = performance.now();
  root = createRoot(host);
  // StrictMode like the app (src/main.tsx), so both pay the same development-mode costs.
  root.render(
    <StrictMode>
      <div style={{ width: size.width, height: size.height }}>
        <ReactFlow nodes={nodes} edges={edges} defaultViewport={viewport} />
      </div>
    </StrictMode>,
  );
  await whenPainted(host, '.react-flow__node');
  return performance.now() - t0;
}

function pan(frames: number): Promise<number[]> {
  return panFrames(host, frames, { dx: -6, dy: -4 });
}

Object.assign(globalThis, { __bench: { layout, ingest, mount, unmount, pan }, __benchReady: true });
