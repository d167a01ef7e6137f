/** Search over a graph view: variable names, function names, code text and short ids. */
import type { LineageNode, NodeKind } from '../model';
import type { VersionStatus } from '../versions';
import type { GraphView, ViewNode } from './view';
import { versionLabel, type Versions } from './versions';

export interface SearchResult {
  id: string;
  kind: NodeKind;
  label: string;
  /** Why it matched: `variable`, `function`, `code`, `id`. */
  why: string;
  score: number;
  /**
   * For a hit on a variable name: is it the value the name holds at the end (`latest`),
   * and if not, what changes it later (`earlier: line 12, later mutated at line 20`).
   */
  version?: { latest: boolean; text: string };
}

/** The member of a view node that carries `name` last (its latest version in the statement). */
function carrierOf(n: ViewNode, name: string, nodesById: ReadonlyMap<string, LineageNode>): LineageNode | undefined {
  let best: LineageNode | undefined;
  for (const id of n.memberIds) {
    const m = nodesById.get(id);
    if (m && m.names.includes(name) && (!best || m.seq > best.seq)) best = m;
  }
  return best;
}

/**
 * Hits sorted by score. Among equal scores, a variable's latest version comes first, then
 * its earlier versions from the newest to the oldest, then the other hits in view order.
 * With `versions`, variable hits are labelled `latest` or `earlier: …`.
 */
export function searchView(
  view: GraphView,
  query: string,
  shortIds: ReadonlyMap<string, string>,
  nodesById: ReadonlyMap<string, LineageNode>,
  versions?: Versions,
  limit = 20,
): SearchResult[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  type Hit = SearchResult & { order: number; seq: number; status?: VersionStatus; where: string };
  const out: Hit[] = [];
  view.nodes.forEach((n, order) => {
    let best: { why: string; score: number; name?: string } | undefined;
    const consider = (why: string, score: number, name?: string) => {
      if (!best || score > best.score) best = { why, score, name };
    };
    for (const name of n.names) {
      const l = name.toLowerCase();
      if (l === q) consider('variable', 100, name);
      else if (l.startsWith(q)) consider('variable', 80, name);
      else if (l.includes(q)) consider('variable', 60, name);
    }
    for (const id of n.memberIds) {
      if (id.toLowerCase().startsWith(q) && q.length >= 4) consider(`id ${shortIds.get(id) ?? id.slice(0, 7)}`, 90);
      const m = nodesById.get(id);
      const fn = m?.kind === 'Lookup' || m?.kind === 'Import' ? m.name.toLowerCase() : undefined;
      if (fn && (fn === q || fn.endsWith(`.${q}`))) consider('function', 70);
    }
    if (n.label.toLowerCase().includes(q)) consider('code', 40);
    else if (n.title.toLowerCase().includes(q)) consider('code', 30);
    if (!best) return;
    const hit: Hit = { id: n.id, kind: n.kind, label: n.label, why: best.why, score: best.score, order, seq: n.seq, where: n.where };
    const carrier = best.name !== undefined ? carrierOf(n, best.name, nodesById) : undefined;
    const status = carrier && versions ? versions.index.statusOf(carrier.id, best.name!) : undefined;
    if (carrier && status) {
      hit.seq = carrier.seq;
      hit.status = status;
    }
    out.push(hit);
  });
  // 0: a latest version, 1: an earlier version (newest first), 2: anything else (view order).
  const group = (r: Hit) => (r.status ? (r.status.isLatest ? 0 : 1) : 2);
  out.sort((a, b) => b.score - a.score || group(a) - group(b) || (group(a) === 1 ? b.seq - a.seq : a.order - b.order));
  // Labels only for the hits shown (a common name can match thousands of statements).
  return out.slice(0, limit).map(({ order: _order, seq: _seq, status, where, ...r }) =>
    status && versions ? { ...r, version: { latest: status.isLatest, text: versionLabel(versions, status, where) } } : r,
  );
}
