/** Which view of the graph the page shows: statements or all nodes, filtered by node kind. */
import { useMemo, useState } from 'react';
import { NODE_KINDS, type NodeKind, type SessionGraph } from '../../core/model';
import { filterKinds, fullView, statementView, type GraphView } from '../../core/graph/view';

export type Mode = 'statement' | 'full';

export function useGraphView(graph: SessionGraph) {
  const [mode, setMode] = useState<Mode>('statement');
  const [kinds, setKinds] = useState<ReadonlySet<NodeKind>>(() => new Set(NODE_KINDS));
  const baseView = useMemo(() => (mode === 'statement' ? statementView(graph) : fullView(graph)), [graph, mode]);
  const filtered: GraphView = useMemo(() => filterKinds(baseView, kinds), [baseView, kinds]);
  const kindCounts = useMemo(() => {
    const c: Partial<Record<NodeKind, number>> = {};
    for (const n of baseView.nodes) c[n.kind] = (c[n.kind] ?? 0) + 1;
    return c;
  }, [baseView]);
  /** Changes whenever the view does (part of the layout key). */
  const key = `${mode}|${[...kinds].sort().join(',')}`;
  return { mode, setMode, kinds, setKinds, baseView, filtered, kindCounts, key };
}
