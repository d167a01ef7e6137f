/**
 * The selected node lives in the URL (`/s/:session/n/:node`, a deep link): this maps it to the
 * view node that holds it, slices it to find what feeds it, and relates every view node to it.
 */
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { LineageNode, SessionGraph } from '../../core/model';
import type { createSlicer } from '../../core/slice';
import { relations, type Relation } from '../../core/graph/highlight';
import type { GraphView, ViewNode } from '../../core/graph/view';
import { writeTargetOf, type WriteTarget } from '../../core/side-effects';

/** The selected node as the side panel and the naming dialog see it: one object for both. */
export interface Selection {
  /** The lineage node selected (the view node's id). */
  node: LineageNode;
  /** The view node that holds it, when it is in the view. */
  viewNode: ViewNode | undefined;
  /** What the selected statement writes to files or a database, if anything. */
  writeTarget: WriteTarget | undefined;
}

interface Inputs {
  sessionId: string;
  /** The `:node` of the URL. */
  nodeParam: string | undefined;
  graph: SessionGraph;
  view: GraphView;
  nodesById: ReadonlyMap<string, LineageNode>;
  slicer: ReturnType<typeof createSlicer>;
}

export function useSelection({ sessionId, nodeParam, graph, view, nodesById, slicer }: Inputs) {
  const navigate = useNavigate();
  const [panelOpen, setPanelOpen] = useState(true);

  const selectedId = nodeParam ? view.groupOf.get(nodeParam) : undefined;
  const selectedViewNode = selectedId !== undefined ? view.nodes.find((n) => n.id === selectedId) : undefined;
  const selectedVisible = selectedViewNode !== undefined;
  const writeTarget = useMemo(() => (selectedViewNode ? writeTargetOf(graph, nodesById, selectedViewNode.memberIds) : undefined), [graph, nodesById, selectedViewNode]);
  const selectedLineage = selectedId ? nodesById.get(selectedId) : undefined;
  // A cell without lineage nodes has a view id only (`cell:…`).
  const deepLinkMissing = nodeParam !== undefined && !nodesById.has(nodeParam) && !view.groupOf.has(nodeParam);

  const select = useCallback(
    (id: string | undefined) => {
      navigate(id ? `/s/${sessionId}/n/${id}` : `/s/${sessionId}`, { replace: true });
      if (id) setPanelOpen(true);
    },
    [navigate, sessionId],
  );

  const upstreamIds = useMemo(() => {
    if (!selectedId) return undefined;
    try {
      return slicer.slice([selectedId]).nodeIds;
    } catch {
      return undefined;
    }
  }, [slicer, selectedId]);
  const rel: Map<string, Relation> | undefined = useMemo(
    () => (selectedId && selectedVisible ? relations(view, selectedId, upstreamIds) : undefined),
    [view, selectedId, selectedVisible, upstreamIds],
  );

  const selection: Selection | undefined = useMemo(
    () => (selectedLineage ? { node: selectedLineage, viewNode: selectedViewNode, writeTarget } : undefined),
    [selectedLineage, selectedViewNode, writeTarget],
  );

  return { selectedId, selection, deepLinkMissing, rel, select, panelOpen, setPanelOpen };
}
