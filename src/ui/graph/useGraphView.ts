/**
 * Which view of the graph the page shows: cells (the default for notebooks, with cells
 * expanded into their statements on demand), statements (the default for scripts) or all
 * nodes; statements and all nodes are filtered by node kind. Display-only nodes (`print`,
 * `display`, bare values, plotting calls: `core/graph/display.ts`) are marked in every view,
 * and "Hide display-only" takes them out, edges re-routed through them.
 */
import { useCallback, useMemo, useState } from 'react';
import { NODE_KINDS, type NodeKind, type SessionGraph } from '../../core/model';
import { filterKinds, fullView, statementView, type GraphView } from '../../core/graph/view';
import { cellsView, expandCells } from '../../core/graph/cells';
import { displayOnlyIn, displayOnlyStatements, hideDisplayOnly } from '../../core/graph/display';

export type Mode = 'cells' | 'statement' | 'full';

/** How many of `nodes` are of each kind. */
export function countKinds(nodes: readonly { kind: NodeKind }[]): Partial<Record<NodeKind, number>> {
  const c: Partial<Record<NodeKind, number>> = {};
  for (const n of nodes) c[n.kind] = (c[n.kind] ?? 0) + 1;
  return c;
}

export function useGraphView(graph: SessionGraph, initialMode: Mode = 'statement') {
  const [mode, setMode] = useState<Mode>(initialMode);
  const [kinds, setKinds] = useState<ReadonlySet<NodeKind>>(() => new Set(NODE_KINDS));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [hideDisplay, setHideDisplay] = useState(false);
  // Built once per graph: every view marks its display-only nodes through the statements.
  const statements = useMemo(() => statementView(graph), [graph]);
  const displayStatements = useMemo(() => displayOnlyStatements(graph, statements), [graph, statements]);
  const cells = useMemo(() => (mode === 'cells' ? cellsView(graph, statements) : undefined), [graph, mode, statements]);
  const baseView: GraphView = useMemo(() => {
    if (mode === 'full') return fullView(graph);
    if (mode === 'statement') return statements;
    return expandCells(graph, cells!, statements, expanded);
  }, [graph, mode, statements, cells, expanded]);
  const displayOnly = useMemo(() => displayOnlyIn(baseView, statements, displayStatements), [baseView, statements, displayStatements]);
  // Cells are not of a node kind: the kind filter applies to statements and all nodes.
  const filtered: GraphView = useMemo(() => {
    const byKind = mode === 'cells' ? baseView : filterKinds(baseView, kinds);
    return hideDisplay ? hideDisplayOnly(byKind, displayOnly) : byKind;
  }, [baseView, kinds, mode, hideDisplay, displayOnly]);
  const kindCounts = useMemo(() => countKinds(baseView.nodes), [baseView]);
  const toggleCell = useCallback((id: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const collapseAll = useCallback(() => setExpanded(new Set()), []);
  /** The expanded cells, as cell nodes of the unexpanded cells view, in order. */
  const expandedCells = useMemo(() => (cells ? cells.nodes.filter((n) => expanded.has(n.id)) : []), [cells, expanded]);
  /** Changes whenever the view does (part of the layout key). */
  const key = `${mode}|${[...kinds].sort().join(',')}|${mode === 'cells' ? [...expanded].sort().join(',') : ''}|${hideDisplay ? 'nodisplay' : ''}`;
  return { mode, setMode, kinds, setKinds, baseView, filtered, kindCounts, key, toggleCell, collapseAll, expandedCells, displayOnly, hideDisplay, setHideDisplay };
}
