/** The session's graph and what the page derives from it once: node index, short ids, slicer, variable versions. */
import { useMemo } from 'react';
import type { SessionGraph } from '../../core/model';
import { createSlicer } from '../../core/slice';
import { shortestUniquePrefixes } from '../../core/shortid';
import { versionsOf } from '../../core/graph/versions';
import type { useSessionGraph } from '../hooks/queries';

/** A loaded session graph, as the query hook returns it. */
export type SessionGraphData = NonNullable<ReturnType<typeof useSessionGraph>['data']>;

export function useGraphModel(data: SessionGraphData) {
  const graph: SessionGraph = useMemo(() => ({ sourceCodes: data.sourceCodes, nodes: data.nodes, outline: data.session.outline }), [data]);
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const shortIds = useMemo(() => shortestUniquePrefixes(graph.nodes.map((n) => n.id)), [graph]);
  const slicer = useMemo(() => createSlicer(graph), [graph]);
  const versions = useMemo(() => versionsOf(graph, data.session.bindings), [graph, data.session.bindings]);
  return { graph, nodesById, shortIds, slicer, versions };
}
