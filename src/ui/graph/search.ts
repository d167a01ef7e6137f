/** Search over a graph view: variable names, function names, code text and short ids. */
import type { LineageNode, NodeKind } from '../../core/model';
import type { GraphView } from './view';

export interface SearchResult {
  id: string;
  kind: NodeKind;
  label: string;
  /** Why it matched: `variable`, `function`, `code`, `id`. */
  why: string;
  score: number;
}

export function searchView(
  view: GraphView,
  query: string,
  shortIds: ReadonlyMap<string, string>,
  nodesById: ReadonlyMap<string, LineageNode>,
  limit = 20,
): SearchResult[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: SearchResult[] = [];
  for (const n of view.nodes) {
    let best: { why: string; score: number } | undefined;
    const consider = (why: string, score: number) => {
      if (!best || score > best.score) best = { why, score };
    };
    for (const name of n.names) {
      const l = name.toLowerCase();
      if (l === q) consider('variable', 100);
      else if (l.startsWith(q)) consider('variable', 80);
      else if (l.includes(q)) consider('variable', 60);
    }
    for (const id of n.memberIds) {
      if (id.toLowerCase().startsWith(q) && q.length >= 4) consider(`id ${shortIds.get(id) ?? id.slice(0, 7)}`, 90);
      const m = nodesById.get(id);
      const fn = m?.kind === 'Lookup' || m?.kind === 'Import' ? m.name.toLowerCase() : undefined;
      if (fn && (fn === q || fn.endsWith(`.${q}`))) consider('function', 70);
    }
    if (n.label.toLowerCase().includes(q)) consider('code', 40);
    else if (n.title.toLowerCase().includes(q)) consider('code', 30);
    if (best) out.push({ id: n.id, kind: n.kind, label: n.label, why: best.why, score: best.score });
  }
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, limit);
}
