/**
 * Runs in Chromium (bench/browser/cells.html), driven by bench/cells.bench.ts: ingests sessions
 * into the app's own IndexedDB database, and mounts the baseline, a bare React Flow canvas with
 * as many default nodes as the session's Cells view has cells, pre-positioned (by the same
 * layered layout, before timing starts) so it pays for nothing but React Flow's first paint.
 * The steps the app takes before that paint (read the session, build the views, lay out) are
 * timed one by one on the way, to say where the app's extra time goes.
 */
import { createRoot, type Root } from 'react-dom/client';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import { StrictMode } from 'react';
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

/** Mounts the bare canvas; returns its node count and the time to its first painted frame with nodes. */
async function mount(sessionId: string, size: { width: number; height: number }): Promise<{ ms: number; nodes: number; steps: Steps }> {
  unmount();
  const { nodes, edges, steps } = await prepare(sessionId);
  host.style.width = `${size.width}px`;
  host.style.height = `${size.height}px`;
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  root = createRoot(host);
  // StrictMode like the app (src/main.tsx), so both pay the same development-mode costs.
  root.render(
    <StrictMode>
      <div style={{ width: size.width, height: size.height }}>
        <ReactFlow nodes={nodes} edges={edges} />
      </div>
    </StrictMode>,
  );
  await whenPainted(host, '.react-flow__node');
  return { ms: performance.now() - t0, nodes: nodes.length, steps };
}

Object.assign(globalThis, { __bench: { ingest, mount, unmount }, __benchReady: true });
