/** Selection highlighting over a view: upstream slice, downstream users, the rest dimmed. */
import type { GraphView } from './view';

export type Relation = 'selected' | 'upstream' | 'downstream' | 'dim';

function walk(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return seen;
}

export function adjacency(view: GraphView): { preds: Map<string, string[]>; succs: Map<string, string[]> } {
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const e of view.edges) {
    preds.set(e.target, [...(preds.get(e.target) ?? []), e.source]);
    succs.set(e.source, [...(succs.get(e.source) ?? []), e.target]);
  }
  return { preds, succs };
}

/**
 * The relation of every view node to the selected one. `sliceNodeIds` (lineage node ids
 * of the selected node's slice) defines upstream when given; otherwise the view's ancestors.
 */
export function relations(view: GraphView, selectedId: string, sliceNodeIds?: readonly string[]): Map<string, Relation> {
  const { preds, succs } = adjacency(view);
  let upstream: Set<string>;
  if (sliceNodeIds) {
    upstream = new Set<string>();
    for (const id of sliceNodeIds) {
      const g = view.groupOf.get(id);
      if (g !== undefined && g !== selectedId) upstream.add(g);
    }
  } else upstream = walk(selectedId, preds);
  const downstream = walk(selectedId, succs);
  const out = new Map<string, Relation>();
  for (const n of view.nodes) {
    if (n.id === selectedId) out.set(n.id, 'selected');
    else if (upstream.has(n.id)) out.set(n.id, 'upstream');
    else if (downstream.has(n.id)) out.set(n.id, 'downstream');
    else out.set(n.id, 'dim');
  }
  return out;
}

/**
 * Keyboard navigation: the neighbour of `current` in a direction. Up/down follow
 * edges (to inputs / to users); left/right move within the same rank by x position.
 */
export function neighbour(
  view: GraphView,
  current: string,
  direction: 'up' | 'down' | 'left' | 'right',
  positions: ReadonlyMap<string, { x: number; y: number }>,
): string | undefined {
  const { preds, succs } = adjacency(view);
  const here = positions.get(current);
  const byX = (ids: string[]) =>
    [...ids].sort((a, b) => Math.abs((positions.get(a)?.x ?? 0) - (here?.x ?? 0)) - Math.abs((positions.get(b)?.x ?? 0) - (here?.x ?? 0)));
  if (direction === 'up') return byX(preds.get(current) ?? [])[0];
  if (direction === 'down') return byX(succs.get(current) ?? [])[0];
  if (!here) return undefined;
  const sameRow = view.nodes
    .map((n) => n.id)
    .filter((id) => id !== current && Math.abs((positions.get(id)?.y ?? Number.NaN) - here.y) < 1);
  const candidates = sameRow
    .filter((id) => (direction === 'left' ? positions.get(id)!.x < here.x : positions.get(id)!.x > here.x))
    .sort((a, b) => Math.abs(positions.get(a)!.x - here.x) - Math.abs(positions.get(b)!.x - here.x));
  return candidates[0];
}
