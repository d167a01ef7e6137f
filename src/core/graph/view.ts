/**
 * What the graph canvas shows: a view of a session graph, as plain data.
 * Three views: the statement view (one node per top-level statement, literals and
 * lookups folded in), the full view (every lineage node, all six kinds) and the
 * cells view (one node per code cell, built in cells.ts).
 * Pure functions, unit-tested in view.test.ts.
 */
import type { LineageNode, LiteralNode, NodeKind, SessionGraph, SourceCode, SourceLocation } from '../model';
import { clipFolded, clipText } from '../clip';
import { splitLines, statementUnits } from '../slice';
import { parentIds } from '../slice';

export interface ViewNode {
  /** The view node's id: a lineage node id (the statement's representative node). */
  id: string;
  kind: NodeKind;
  /** A short, code-like label (one line, truncated). */
  label: string;
  /** The full text behind the label (tooltip). */
  title: string;
  /** Lineage node ids folded into this view node. */
  memberIds: string[];
  names: string[];
  location?: SourceLocation;
  /** `cell 4 · line 2`, or `line 12` for scripts. */
  where: string;
  /** An opaque block (def/for/if …). */
  isBlock: boolean;
  /** Creation order of the representative. */
  seq: number;
  /** Cells view only: the cell this node stands for. */
  cell?: CellInfo;
  /** Cells view only: the notebook section (nearest markdown heading above) it belongs to. */
  section?: ViewSection;
}

/** A section of the cells view: the heading's index in the session outline, its level and text. */
export interface ViewSection {
  index: number;
  level: number;
  text: string;
  /** The nearest heading above it of a higher rank (lower level), for context: `Exercises › 4.`. */
  parent?: string;
}

/** What a cell node of the cells view shows. */
export interface CellInfo {
  /** `cell 4`, or `block 2` for a plain script's top-level block. */
  title: string;
  /** The cell's first line of code. */
  firstLine: string;
  /** Names the cell binds or mutates, in order. */
  defines: string[];
  /** The statement-view node ids the cell holds (what it expands into). */
  statementIds: string[];
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  /** Cells view: the variables that flow along the edge. */
  names?: string[];
}

export interface GraphView {
  mode: 'statement' | 'full' | 'cells';
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Every lineage node id that is shown (or folded) → the view node that holds it. */
  groupOf: Map<string, string>;
}

export const MAX_LABEL_CHARS = 64;

export function truncate(text: string, max = MAX_LABEL_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sourceLines(code: SourceCode | undefined, loc: SourceLocation | undefined): string[] {
  if (!code || !loc) return [];
  const lines = code.code.split(/\r\n|\r|\n/);
  return lines.slice(loc.line - 1, loc.endLine);
}

const BLOCK_START = /^(async\s+)?(def|class|for|while|if|with|try)\b/;

/** A one-line, code-like label for the lines of a statement. */
export function statementLabel(lines: string[]): { label: string; title: string; isBlock: boolean } {
  const trimmed = lines.map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
  // A tooltip, never megabytes (a folded literal's line can be that long).
  const title = clipText(lines.join('\n').replace(/^\s*\n|\n\s*$/g, ''));
  if (trimmed.length === 0) return { label: '', title, isBlock: false };
  const first = trimmed[0];
  const isBlock = BLOCK_START.test(first) || (first.endsWith(':') && trimmed.length > 1);
  if (isBlock) return { label: truncate(trimmed.length > 1 ? `${first} …` : first), title, isBlock: true };
  // A statement that continues over lines: join it into one line.
  const joined = trimmed.join(' ').replace(/([([{])\s+/g, '$1').replace(/\s+([)\]}])/g, '$1').replace(/\s+/g, ' ');
  return { label: truncate(joined), title, isBlock: false };
}

export function whereLabel(code: SourceCode | undefined, loc: SourceLocation | undefined): string {
  const parts: string[] = [];
  if (code?.cellIndex !== undefined) parts.push(`cell ${code.cellIndex + 1}`);
  if (loc) parts.push(`line ${loc.line}`);
  return parts.join(' · ');
}

function spanStart(l: SourceLocation): number {
  return l.line * 100_000 + l.col;
}
function spanEnd(l: SourceLocation): number {
  return l.endLine * 100_000 + l.endCol;
}

function byId(graph: SessionGraph): Map<string, LineageNode> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

/** View edges between groups: a → b when a member of b depends on a member of a. Hidden nodes are see-through. */
function groupEdges(graph: SessionGraph, groupOf: Map<string, string>): ViewEdge[] {
  const nodes = byId(graph);
  const seen = new Set<string>();
  const edges: ViewEdge[] = [];
  const sourceGroups = (id: string, out: Set<string>, visiting: Set<string>) => {
    const g = groupOf.get(id);
    if (g !== undefined) {
      out.add(g);
      return;
    }
    if (visiting.has(id)) return;
    visiting.add(id);
    const n = nodes.get(id);
    if (n) for (const d of parentIds(n)) sourceGroups(d, out, visiting);
  };
  const ordered = [...graph.nodes].sort((a, b) => a.seq - b.seq);
  for (const n of ordered) {
    const target = groupOf.get(n.id);
    if (target === undefined) continue;
    const sources = new Set<string>();
    for (const d of parentIds(n)) sourceGroups(d, sources, new Set());
    for (const s of sources) {
      if (s === target) continue;
      const id = `${s}->${target}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ id, source: s, target });
    }
  }
  return edges;
}

/**
 * Statement view: nodes are grouped by the top-level statement that holds their first
 * line (the slicer's statement units). Literals and lookups without a location are
 * folded away (edges pass through them); other nodes without a location join the
 * statement nearest to them in creation order.
 */
export function statementView(graph: SessionGraph): GraphView {
  const codes = new Map(graph.sourceCodes.map((c) => [c.id, c]));
  const units = new Map(graph.sourceCodes.map((c) => [c.id, statementUnits(c.code)]));
  const codeOrder = new Map(graph.sourceCodes.map((c, i) => [c.id, i]));
  interface Group {
    key: string;
    code: SourceCode;
    firstLine: number;
    lastLine: number;
    order: number;
    root: LineageNode;
    members: LineageNode[];
  }
  const groups = new Map<string, Group>();
  const memberOf = new Map<string, Group>();
  for (const n of graph.nodes) {
    const l = n.location;
    const code = l ? codes.get(l.sourceCodeId) : undefined;
    if (!l || !code) continue;
    const u = units.get(code.id)!;
    const unit = l.line >= 1 && l.line < u.unitOfLine.length ? u.unitOfLine[l.line] : -1;
    const key = unit >= 0 ? `${code.id}#${unit}` : `${code.id}@${l.line}`;
    let g = groups.get(key);
    if (!g) {
      const firstLine = unit >= 0 ? u.start[unit] : l.line;
      const lastLine = unit >= 0 ? u.end[unit] : l.endLine;
      g = { key, code, firstLine, lastLine, order: (codeOrder.get(code.id) ?? 0) * 1e7 + firstLine, root: n, members: [] };
      groups.set(key, g);
    }
    g.members.push(n);
    const r = g.root.location!;
    if (spanStart(l) < spanStart(r) || (spanStart(l) === spanStart(r) && spanEnd(l) > spanEnd(r))) g.root = n;
    memberOf.set(n.id, g);
  }
  // Nodes without a location that carry meaning (imports, calls, mutations, globals)
  // join the located node nearest in creation order.
  const bySeq = [...graph.nodes].sort((a, b) => a.seq - b.seq);
  bySeq.forEach((n, i) => {
    if (memberOf.has(n.id) || n.kind === 'Literal' || n.kind === 'Lookup') return;
    let group: Group | undefined;
    if (n.kind === 'Mutate' || n.kind === 'Global') group = memberOf.get(n.callId);
    for (let d = 1; !group && d < bySeq.length; d++) {
      const after = bySeq[i + d];
      const before = bySeq[i - d];
      if (after && memberOf.has(after.id)) group = memberOf.get(after.id);
      else if (before && memberOf.has(before.id)) group = memberOf.get(before.id);
      if (!after && !before) break;
    }
    if (group) {
      group.members.push(n);
      memberOf.set(n.id, group);
    }
  });

  const all = byId(graph);
  const groupOf = new Map<string, string>();
  const ordered = [...groups.values()].sort((a, b) => a.order - b.order);
  const nodes: ViewNode[] = ordered.map((g) => {
    const rep = representative(g.members, g.root);
    const lines = splitLines(g.code.code).slice(g.firstLine - 1, g.lastLine);
    const text = statementLabel(lines);
    const kind = groupKind(g.members, g.root, rep);
    const names = [...new Set(g.members.flatMap((m) => m.names))];
    for (const m of g.members) groupOf.set(m.id, rep.id);
    return {
      id: rep.id,
      kind,
      label: text.label || fullLabel(g.root, all),
      title: text.title,
      memberIds: g.members.map((m) => m.id),
      names,
      location: { ...g.root.location!, line: g.firstLine, endLine: g.lastLine },
      where: whereLabel(g.code, { ...g.root.location!, line: g.firstLine }),
      isBlock: text.isBlock || g.members.some((m) => m.kind === 'Call' && m.blackBox !== undefined && m.id === g.root.id),
      seq: rep.seq,
    };
  });
  return { mode: 'statement', nodes, edges: groupEdges(graph, groupOf), groupOf };
}

/**
 * The node a statement stands for: the latest value bound by assignment, else the latest
 * mutated value that carries a name, else the latest mutation, else the root.
 */
function representative(members: LineageNode[], root: LineageNode): LineageNode {
  const latest = (pred: (n: LineageNode) => boolean) =>
    members.filter(pred).reduce<LineageNode | undefined>((best, n) => (!best || n.seq > best.seq ? n : best), undefined);
  return (
    latest((n) => n.names.length > 0 && n.kind !== 'Mutate') ??
    latest((n) => n.names.length > 0) ??
    latest((n) => n.kind === 'Mutate') ??
    root
  );
}

/** The named values of a statement (one per variable, its latest version in the statement), in source order. */
export function namedValues(view: ViewNode, nodesById: ReadonlyMap<string, LineageNode>): Array<{ name: string; nodeId: string }> {
  const byName = new Map<string, LineageNode>();
  for (const id of view.memberIds) {
    const n = nodesById.get(id);
    if (!n) continue;
    for (const name of n.names) {
      const prev = byName.get(name);
      if (!prev || n.seq > prev.seq) byName.set(name, n);
    }
  }
  return [...byName]
    .sort((a, b) => a[1].seq - b[1].seq)
    .map(([name, n]) => ({ name, nodeId: n.id }));
}

function groupKind(members: LineageNode[], root: LineageNode, rep: LineageNode): NodeKind {
  if (members.some((m) => m.kind === 'Import')) return 'Import';
  if (root.kind === 'Call' && root.blackBox !== undefined) return 'Call';
  if (rep.kind === 'Mutate') return 'Mutate';
  if (members.length === 1 && (rep.kind === 'Literal' || rep.kind === 'Lookup')) return rep.kind;
  if (rep.kind === 'Global') return 'Global';
  return 'Call';
}

/** A literal's value for display: a folded run of constants (megabytes, maybe) is clipped. */
export function literalText(node: LiteralNode): string {
  if (node.elided !== undefined && typeof node.value === 'string') return clipFolded(node.value, node.elided);
  return literalRepr(node.value, node.valueType);
}

/** A Python-like repr of a literal. */
export function literalRepr(value: unknown, valueType: string): string {
  if (valueType === 'str' && typeof value === 'string') return JSON.stringify(value);
  if (valueType === 'NoneType' || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

function calleeName(fn: LineageNode | undefined, nodes: Map<string, LineageNode>): string {
  if (!fn) return 'call';
  switch (fn.kind) {
    case 'Lookup':
      return fn.name;
    case 'Import':
      return fn.name;
    case 'Global':
      return fn.name;
    case 'Call': {
      const getattr = nodes.get(fn.functionId);
      const attr = fn.args[1] ? nodes.get(fn.args[1].id) : undefined;
      if (getattr?.kind === 'Lookup' && getattr.name === 'getattr' && attr?.kind === 'Literal') return `.${String(attr.value)}`;
      return fn.names[0] ?? 'call';
    }
    default:
      return fn.names[0] ?? 'call';
  }
}

/** The label of one lineage node in the full view. */
export function fullLabel(node: LineageNode, nodes: Map<string, LineageNode>): string {
  const bound = node.names.length > 0 ? `${node.names.join(', ')} = ` : '';
  switch (node.kind) {
    case 'Import':
      return truncate(`import ${node.name}`);
    case 'Call': {
      if (node.blackBox !== undefined) return statementLabel(node.blackBox.split('\n')).label || 'block';
      const n = node.args.length + node.kwargs.length;
      return truncate(`${bound}${calleeName(nodes.get(node.functionId), nodes)}(${n > 0 ? '…' : ''})`);
    }
    case 'Literal':
      return truncate(`${bound}${literalText(node)}`);
    case 'Lookup':
      return truncate(node.name);
    case 'Mutate': {
      const src = nodes.get(node.sourceId);
      const name = node.names[0] ?? src?.names[0] ?? 'value';
      return truncate(`${name} (mutated)`);
    }
    case 'Global':
      return truncate(`${node.name} (global)`);
  }
}

/** Full view: every lineage node, with its dependency edges. */
export function fullView(graph: SessionGraph): GraphView {
  const nodes = byId(graph);
  const codes = new Map(graph.sourceCodes.map((c) => [c.id, c]));
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.id]));
  const viewNodes: ViewNode[] = [...graph.nodes]
    .sort((a, b) => a.seq - b.seq)
    .map((n) => {
      const code = n.location ? codes.get(n.location.sourceCodeId) : undefined;
      const label = fullLabel(n, nodes);
      return {
        id: n.id,
        kind: n.kind,
        label,
        title: clipText(sourceLines(code, n.location).join('\n')) || label,
        memberIds: [n.id],
        names: n.names,
        location: n.location,
        where: whereLabel(code, n.location),
        isBlock: n.kind === 'Call' && n.blackBox !== undefined,
        seq: n.seq,
      };
    });
  return { mode: 'full', nodes: viewNodes, edges: groupEdges(graph, groupOf), groupOf };
}

/** Keep only view nodes of the given kinds; edges pass through hidden nodes. */
export function filterKinds(view: GraphView, kinds: ReadonlySet<NodeKind>): GraphView {
  return keepNodes(view, (n) => kinds.has(n.kind));
}

/**
 * Keep only the view nodes that pass `keep`; an edge that ran through hidden nodes joins the
 * kept nodes at its ends, so no dependency is lost. The view itself when every node passes.
 */
export function keepNodes(view: GraphView, keep: (node: ViewNode) => boolean): GraphView {
  if (view.nodes.every(keep)) return view;
  return keepIds(view, new Set(view.nodes.filter(keep).map((n) => n.id)));
}

function keepIds(view: GraphView, keep: ReadonlySet<string>): GraphView {
  const preds = new Map<string, string[]>();
  const direct = new Map<string, ViewEdge>();
  for (const e of view.edges) {
    const list = preds.get(e.target);
    if (list) list.push(e.source);
    else preds.set(e.target, [e.source]);
    direct.set(`${e.source}->${e.target}`, e);
  }
  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  for (const target of keep) {
    const stack = [...(preds.get(target) ?? [])];
    const visited = new Set<string>();
    while (stack.length) {
      const s = stack.pop()!;
      if (visited.has(s)) continue;
      visited.add(s);
      if (keep.has(s)) {
        const id = `${s}->${target}`;
        if (!seen.has(id)) {
          seen.add(id);
          // A direct edge keeps what it carries (the cells view's variable names).
          edges.push(direct.get(id) ?? { id, source: s, target });
        }
      } else stack.push(...(preds.get(s) ?? []));
    }
  }
  return { ...view, nodes: view.nodes.filter((n) => keep.has(n.id)), edges };
}

/**
 * For big graphs: the nodes within `depth` hops of `centerId` (edges in either
 * direction), plus the neighbours of every `expanded` node, at most `cap` nodes
 * (breadth first, so the nearest come first). Hubs (nodes with more than `hub`
 * neighbours, e.g. an import used everywhere) are shown but not walked through,
 * unless they are the centre or expanded.
 */
export function neighbourhood(
  view: GraphView,
  centerId: string,
  depth: number,
  expanded: ReadonlySet<string> = new Set(),
  cap = 400,
  hub = 24,
): Set<string> {
  const nb = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    let l = nb.get(a);
    if (!l) nb.set(a, (l = []));
    l.push(b);
  };
  for (const e of view.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set<string>([centerId]);
  let frontier = [centerId];
  for (let d = 0; d < depth && frontier.length > 0 && seen.size < cap; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      const around = nb.get(id) ?? [];
      if (id !== centerId && around.length > hub && !expanded.has(id)) continue;
      for (const m of around) {
        if (seen.has(m) || seen.size >= cap) continue;
        seen.add(m);
        next.push(m);
      }
    }
    frontier = next;
  }
  for (const id of expanded) {
    if (!seen.has(id)) continue;
    for (const m of nb.get(id) ?? []) if (seen.size < cap * 2) seen.add(m);
  }
  return seen;
}

/** The view restricted to `ids`, with the number of hidden neighbours of each kept node. */
export function subView(view: GraphView, ids: ReadonlySet<string>): GraphView & { hiddenNeighbours: Map<string, number> } {
  const hiddenNeighbours = new Map<string, number>();
  const bump = (id: string) => hiddenNeighbours.set(id, (hiddenNeighbours.get(id) ?? 0) + 1);
  const edges: ViewEdge[] = [];
  for (const e of view.edges) {
    const s = ids.has(e.source);
    const t = ids.has(e.target);
    if (s && t) edges.push(e);
    else if (s) bump(e.source);
    else if (t) bump(e.target);
  }
  return { ...view, nodes: view.nodes.filter((n) => ids.has(n.id)), edges, hiddenNeighbours };
}

/** The view nodes that hold at least one of `lineageIds` (e.g. a slice's statements). */
export function viewNodesHolding(view: GraphView, lineageIds: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const id of lineageIds) {
    const group = view.groupOf.get(id);
    if (group !== undefined) ids.add(group);
  }
  return ids;
}
