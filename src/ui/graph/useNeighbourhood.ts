/**
 * Big graphs (over `BIG_GRAPH` nodes) open on a neighbourhood: the focus ± `depth` hops, with
 * nodes expandable one by one, until the user asks to show everything. The focus is the
 * selection, else `fallbackCentre` (the page's `neighbourhoodCentre`: the latest artifact, else
 * the last statement that binds a name).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { neighbourhood, subView, type GraphView } from '../../core/graph/view';

/** Above this many nodes, the graph opens on a neighbourhood. */
export const BIG_GRAPH = 1000;

export function useNeighbourhood(filtered: GraphView, selectedGroup: string | undefined, fallbackCentre: string | undefined) {
  const [showAll, setShowAll] = useState(false);
  const [depth, setDepth] = useState(2);
  const [focusId, setFocusId] = useState<string>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const tooBig = filtered.nodes.length > BIG_GRAPH;
  const big = tooBig && !showAll;
  const center = focusId ?? selectedGroup ?? fallbackCentre ?? filtered.nodes[filtered.nodes.length - 1]?.id;
  const bigCenter = big ? center : undefined;
  const shown = useMemo(
    () =>
      bigCenter
        ? subView(filtered, neighbourhood(filtered, bigCenter, depth, expanded))
        : { ...filtered, hiddenNeighbours: new Map<string, number>() },
    [bigCenter, filtered, depth, expanded],
  );
  // A selection outside the neighbourhood (a search hit, a deep link) recentres it.
  useEffect(() => {
    if (big && selectedGroup && !shown.nodes.some((n) => n.id === selectedGroup)) {
      setFocusId(selectedGroup);
      setExpanded(new Set());
    }
  }, [big, selectedGroup, shown]);
  const expand = useCallback((id: string) => setExpanded((e) => new Set([...e, id])), []);
  /** Changes whenever the neighbourhood does (part of the layout key). */
  const key = big ? `${center}|${depth}|${expanded.size}` : 'all';
  return { view: shown, tooBig, big, center, depth, setDepth, setShowAll, expand, key };
}
