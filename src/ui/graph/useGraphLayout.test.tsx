// @vitest-environment happy-dom
/**
 * Layout on the way to the first painted graph: a small view is laid out in the render that
 * needs it (its flow nodes are there in the first commit, no worker round trip); a big one
 * goes to the layout worker, and the canvas keeps the previous layout until it answers.
 */
import { act, useLayoutEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyseCode } from '../../core/analysis/testing';
import { statementView, type GraphView } from '../../core/graph/view';
import { layeredLayout, type LayoutResult } from '../../core/graph/layered';
import { INLINE_LAYOUT_NODES, useGraphLayout } from './useGraphLayout';
import { useFlowElements } from './useFlowElements';

const worker = vi.hoisted(() => ({ calls: 0, pending: [] as Array<() => void> }));
vi.mock('../lib/workers', () => ({
  layoutInWorker: (...args: Parameters<typeof layeredLayout>) => {
    worker.calls++;
    return new Promise<LayoutResult>((resolve) => worker.pending.push(() => resolve(layeredLayout(...args))));
  },
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  worker.calls = 0;
  worker.pending = [];
});

interface Commit {
  ready: boolean;
  key: string | undefined;
  flowNodes: number;
}

function Probe({ view, layoutKey, commits }: { view: GraphView; layoutKey: string; commits: Commit[] }) {
  const layout = useGraphLayout(view, 'TB', layoutKey);
  const flow = useFlowElements({
    view: { ...view, hiddenNeighbours: new Map() },
    placed: layout.placed,
    direction: 'TB',
    rel: undefined,
    selectedId: undefined,
    sliceOnly: false,
    expand: () => undefined,
    displayOnly: new Set(),
  });
  const seen: Commit = { ready: layout.ready, key: layout.placed?.key, flowNodes: flow.nodes.length };
  // What each commit shows (a render React throws away to apply state set during render is not one).
  useLayoutEffect(() => {
    commits.push(seen);
  });
  return null;
}

function viewOf(code: string): GraphView {
  const { out } = analyseCode(code);
  return statementView({ sourceCodes: out.sourceCodes, nodes: out.nodes });
}

const small = viewOf('import math\nxs = [1, 2, 3]\ntotal = sum(xs)\nroot = math.sqrt(total)\n');
const big = viewOf(Array.from({ length: INLINE_LAYOUT_NODES + 20 }, (_, i) => `v${i} = ${i === 0 ? '1' : `v${i - 1} + 1`}\n`).join(''));

function mount(view: GraphView, key: string, commits: Commit[]) {
  root = createRoot(document.createElement('div'));
  act(() => root!.render(<Probe view={view} layoutKey={key} commits={commits} />));
}

describe('useGraphLayout', () => {
  it('lays a small view out in its first render: ready, with every flow node, and no worker', () => {
    expect(small.nodes.length).toBeGreaterThan(2);
    const commits: Commit[] = [];
    mount(small, 'small', commits);
    // The first render already has the layout and the nodes: React Flow gets them in the first commit.
    expect(commits[0]).toEqual({ ready: true, key: 'small', flowNodes: small.nodes.length });
    expect(worker.calls).toBe(0);
  });

  it('sends a big view to the worker, and keeps the previous layout on the canvas until it answers', async () => {
    expect(big.nodes.length).toBeGreaterThan(INLINE_LAYOUT_NODES);
    const commits: Commit[] = [];
    mount(small, 'small', commits);
    act(() => root!.render(<Probe view={big} layoutKey="big" commits={commits} />));
    const waiting = commits[commits.length - 1];
    expect(waiting).toEqual({ ready: false, key: 'small', flowNodes: small.nodes.length });
    expect(worker.calls).toBe(1);
    await act(async () => {
      worker.pending.shift()!();
      await Promise.resolve();
    });
    expect(commits[commits.length - 1]).toEqual({ ready: true, key: 'big', flowNodes: big.nodes.length });
  });

  it('goes back to a small view at once, even while a big layout is still running', () => {
    const commits: Commit[] = [];
    mount(big, 'big', commits);
    expect(commits[commits.length - 1].ready).toBe(false);
    act(() => root!.render(<Probe view={small} layoutKey="small-again" commits={commits} />));
    expect(commits[commits.length - 1]).toEqual({ ready: true, key: 'small-again', flowNodes: small.nodes.length });
    // The big answer arriving late changes nothing.
    act(() => worker.pending.shift()?.());
    expect(commits[commits.length - 1]).toEqual({ ready: true, key: 'small-again', flowNodes: small.nodes.length });
  });
});
