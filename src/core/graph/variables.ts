/**
 * The variables explorer's model (issue 16 item 2): every module-level variable of a session
 * with its inferred type, each binding and mutation (cell and line), where it is read, and the
 * latest binding, the node "Name as artifact" names by default. Built once from the session
 * graph; `searchVariables` filters it (substring, case-insensitive). Pure, no DOM.
 */
import type { Binding, LineageNode, SessionGraph, SourceCode, SourceLocation } from '../model';
import { splitLines } from '../slice';
import { buildVersionIndex } from '../versions';
import { statementLabel, whereLabel } from './view';
import { typeOracle } from './value-types';

/** A place in the code: the cell (1-based position among all notebook cells, as the graph says "cell 4") and line. */
export interface VariablePlace {
  nodeId: string;
  /** `cell 4 · line 2`, or `line 12` in a script; '' when the node has no location. */
  where: string;
  cell?: number;
  line?: number;
  /** The statement's code, on one short line. */
  code: string;
}

export interface VariableBinding extends VariablePlace {
  /** A new value bound to the name, or a mutation of the value it holds. */
  change: 'assigned' | 'mutated';
  /** The value's type when the graph can tell. */
  type?: string;
}

export interface VariableInfo {
  name: string;
  /** The type of the latest binding (else of the last one) when the graph can tell. */
  type?: string;
  /** Every binding and mutation, in program order. */
  bindings: VariableBinding[];
  /** The value the name holds at the end of the session (undefined when it is not bound then). */
  latestId?: string;
  /** Statements that read one of the variable's versions, in program order, one per line. */
  uses: VariablePlace[];
}

/**
 * What a statement's call reads: its function, arguments and the variables an opaque block or a
 * user function reads. A Mutate's or a Global's `callId` says which call made it, not a read.
 */
function readsOf(n: LineageNode): string[] {
  if (n.kind !== 'Call') return [];
  return [n.functionId, ...n.args.map((a) => a.id), ...n.kwargs.map((k) => k.id), ...Object.values(n.globalReads), ...n.implicitDeps];
}

/** The variables of a session, in order of first binding. */
export function variablesOf(graph: SessionGraph, bindings: readonly Binding[]): VariableInfo[] {
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const codes = new Map<string, SourceCode>(graph.sourceCodes.map((c) => [c.id, c]));
  const lines = new Map<string, string[]>();
  const codeLine = (loc: SourceLocation): string => {
    const c = codes.get(loc.sourceCodeId);
    if (!c) return '';
    let l = lines.get(c.id);
    if (!l) lines.set(c.id, (l = splitLines(c.code)));
    return statementLabel(l.slice(loc.line - 1, loc.endLine)).label;
  };
  const place = (n: LineageNode): VariablePlace => {
    const loc = n.location;
    const code = loc ? codes.get(loc.sourceCodeId) : undefined;
    const p: VariablePlace = { nodeId: n.id, where: loc ? whereLabel(code, loc) : '', code: loc ? codeLine(loc) : '' };
    if (code?.cellIndex !== undefined) p.cell = code.cellIndex + 1;
    if (loc) p.line = loc.line;
    return p;
  };

  // Who reads each node: one pass over every edge.
  const readers = new Map<string, LineageNode[]>();
  for (const n of graph.nodes) {
    for (const id of new Set(readsOf(n))) {
      let list = readers.get(id);
      if (!list) readers.set(id, (list = []));
      list.push(n);
    }
  }

  const index = buildVersionIndex(graph, bindings);
  const types = typeOracle(nodesById);
  const firstSeq = new Map<string, number>();
  for (const n of graph.nodes) for (const name of n.names) if (!firstSeq.has(name)) firstSeq.set(name, n.seq);
  for (const b of bindings) if (!firstSeq.has(b.name)) firstSeq.set(b.name, nodesById.get(b.nodeId)?.seq ?? Number.MAX_SAFE_INTEGER);

  const out: VariableInfo[] = [];
  for (const name of [...firstSeq.keys()].sort((a, b) => firstSeq.get(a)! - firstSeq.get(b)! || (a < b ? -1 : 1))) {
    const history = index.history(name);
    const versionIds = new Set(history.map((v) => v.nodeId));
    const bindingsOut: VariableBinding[] = [];
    let lastStatement = '';
    for (const v of history) {
      const n = nodesById.get(v.nodeId);
      if (!n) continue;
      const b: VariableBinding = { ...place(n), change: v.change };
      const t = types.typeOf(n.id);
      if (t !== undefined) b.type = t;
      // One statement, one entry: a loop that may mutate and rebinds `total` makes two versions there; keep the later.
      const statement = n.location ? `${n.location.sourceCodeId}:${n.location.line}:${n.location.col}` : `node:${n.id}`;
      if (statement === lastStatement) bindingsOut[bindingsOut.length - 1] = b;
      else bindingsOut.push(b);
      lastStatement = statement;
    }
    // Reads of any version by a call that is not itself a version of the name.
    const seenLines = new Set<string>();
    const useNodes: LineageNode[] = [];
    for (const id of versionIds) {
      for (const r of readers.get(id) ?? []) {
        if (versionIds.has(r.id) || !r.location) continue;
        const key = `${r.location.sourceCodeId}:${r.location.line}`;
        if (seenLines.has(key)) continue;
        seenLines.add(key);
        useNodes.push(r);
      }
    }
    useNodes.sort((a, b) => a.seq - b.seq);
    const latestId = index.latestId(name);
    const info: VariableInfo = { name, bindings: bindingsOut, uses: useNodes.map(place) };
    if (latestId !== undefined && nodesById.has(latestId)) info.latestId = latestId;
    const typeSource = info.latestId ?? bindingsOut[bindingsOut.length - 1]?.nodeId;
    const type = typeSource !== undefined ? types.typeOf(typeSource) : undefined;
    if (type !== undefined) info.type = type;
    out.push(info);
  }
  return out;
}

/**
 * The variables whose name (or type) contains `query`, ignoring case; all of them for a blank
 * query. The name itself comes first, then names that start with it, then the rest (each in
 * program order).
 */
export function searchVariables(variables: readonly VariableInfo[], query: string): VariableInfo[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...variables];
  const exact: VariableInfo[] = [];
  const starts: VariableInfo[] = [];
  const contains: VariableInfo[] = [];
  for (const v of variables) {
    const name = v.name.toLowerCase();
    if (name === q) exact.push(v);
    else if (name.startsWith(q)) starts.push(v);
    else if (name.includes(q) || (v.type !== undefined && v.type.toLowerCase().includes(q))) contains.push(v);
  }
  return [...exact, ...starts, ...contains];
}
