/**
 * The artifact names of the session's nodes, for the markers on the flow nodes: read once
 * (the session's artifacts query) by the canvas and handed to the nodes through a context.
 */
import { createContext, useContext, useMemo } from 'react';
import { useArtifacts } from '../hooks/queries';
import type { ViewNode } from '../../core/graph/view';

/** Lineage node id → `name:version` labels of the artifacts that name it. */
export const ArtifactNamesContext = createContext<ReadonlyMap<string, string[]>>(new Map());

export function useArtifactNamesByNode(sessionId: string | undefined): ReadonlyMap<string, string[]> {
  const artifacts = useArtifacts({ sessionId });
  return useMemo(() => {
    const byNode = new Map<string, string[]>();
    if (!sessionId) return byNode;
    for (const a of artifacts.data ?? []) {
      const list = byNode.get(a.nodeId) ?? [];
      if (!list.includes(a.name)) list.push(a.name);
      byNode.set(a.nodeId, list);
    }
    return byNode;
  }, [artifacts.data, sessionId]);
}

/** The artifact names held by a view node (any of its members), in first-seen order. */
export function useViewNodeArtifactNames(node: ViewNode): string[] {
  const byNode = useContext(ArtifactNamesContext);
  return useMemo(() => [...new Set(node.memberIds.flatMap((id) => byNode.get(id) ?? []))], [byNode, node.memberIds]);
}
