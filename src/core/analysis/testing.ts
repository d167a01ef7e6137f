/**
 * Small helpers for analyser tests: analyse a snippet and query the graph by name,
 * kind and edges. Not used by production code.
 */
import type { AnalysisOutput, CallNode, LineageNode, ProgramInput } from '../model';
import { analyseProgram } from './index';

export interface TestGraph {
  out: AnalysisOutput;
  nodes: LineageNode[];
  node(id: string): LineageNode;
  /** The node bound to `name` at the end (latest version). */
  binding(name: string): LineageNode;
  hasBinding(name: string): boolean;
  /** Call nodes whose function is the Lookup `name` or a method `getattr(_, name)`. */
  calls(name: string): CallNode[];
  /** The function name of a call (Lookup name or method name). */
  calleeName(call: CallNode): string | undefined;
  ofKind<K extends LineageNode['kind']>(kind: K): Array<Extract<LineageNode, { kind: K }>>;
  lookups(name: string): LineageNode[];
  /** Direct parents of a node (every lineage edge). */
  parents(id: string): string[];
  ancestors(id: string): Set<string>;
  /** Lines (of one cell) the slice of `name` would keep: lines of all ancestors with a location. */
  sliceLines(name: string, sourceIndex?: number): number[];
  /** Does the latest version of `a` depend on the node(s) bound to... a source line? */
  dependsOnLine(name: string, line: number, sourceIndex?: number): boolean;
  /** The mutated-ness: is the end binding of `name` a Mutate node? */
  isMutated(name: string): boolean;
  globals(name: string): LineageNode[];
  diagnostics: AnalysisOutput['diagnostics'];
}

export function graphOf(out: AnalysisOutput): TestGraph {
  const byId = new Map(out.nodes.map((n) => [n.id, n]));
  const node = (id: string): LineageNode => {
    const n = byId.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  };
  const parents = (id: string): string[] => {
    const n = node(id);
    switch (n.kind) {
      case 'Call':
        return [n.functionId, ...n.args.map((a) => a.id), ...n.kwargs.map((k) => k.id), ...Object.values(n.globalReads), ...n.implicitDeps];
      case 'Mutate':
        return [n.sourceId, n.callId];
      case 'Global':
        return [n.callId];
      default:
        return [];
    }
  };
  const ancestors = (id: string): Set<string> => {
    const seen = new Set<string>([id]);
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop() as string;
      for (const p of parents(cur)) if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
    return seen;
  };
  const binding = (name: string): LineageNode => {
    const b = out.bindings.find((x) => x.name === name);
    if (!b) throw new Error(`no binding ${name}; have ${out.bindings.map((x) => x.name).join(', ')}`);
    return node(b.nodeId);
  };
  const calleeName = (call: CallNode): string | undefined => {
    const fn = byId.get(call.functionId);
    if (!fn) return undefined;
    if (fn.kind === 'Lookup') return fn.name;
    if (fn.kind === 'Call') {
      const f2 = byId.get(fn.functionId);
      if (f2 && f2.kind === 'Lookup' && f2.name === 'getattr') {
        const lit = byId.get(fn.args[1]?.id ?? '');
        if (lit && lit.kind === 'Literal') return String(lit.value);
      }
    }
    if (fn.kind === 'Global') return fn.name;
    return undefined;
  };
  const sourceId = (i: number): string => out.sourceCodes[i].id;
  const sliceLines = (name: string, sourceIndex = 0): number[] => {
    const lines = new Set<number>();
    for (const id of ancestors(binding(name).id)) {
      const loc = node(id).location;
      if (loc && loc.sourceCodeId === sourceId(sourceIndex)) for (let l = loc.line; l <= loc.endLine; l++) lines.add(l);
    }
    return [...lines].sort((a, b) => a - b);
  };
  return {
    out,
    nodes: out.nodes,
    node,
    binding,
    hasBinding: (name) => out.bindings.some((b) => b.name === name),
    calls: (name) => out.nodes.filter((n): n is CallNode => n.kind === 'Call' && calleeName(n) === name),
    calleeName,
    ofKind: <K extends LineageNode['kind']>(kind: K) => out.nodes.filter((n): n is Extract<LineageNode, { kind: K }> => n.kind === kind),
    lookups: (name) => out.nodes.filter((n) => n.kind === 'Lookup' && n.name === name),
    parents,
    ancestors,
    sliceLines,
    dependsOnLine: (name, line, sourceIndex = 0) => sliceLines(name, sourceIndex).includes(line),
    isMutated: (name) => binding(name).kind === 'Mutate',
    globals: (name) => out.nodes.filter((n) => n.kind === 'Global' && n.name === name),
    diagnostics: out.diagnostics,
  };
}

let counter = 0;

/** Analyse code: a string is a script, an array is notebook cells. */
export function analyseCode(code: string | string[]): TestGraph {
  const input: ProgramInput = Array.isArray(code)
    ? { kind: 'notebook', cells: code.map((c, i) => ({ code: c, cellIndex: i, executionCount: i + 1 })), totalCells: code.length, diagnostics: [] }
    : { kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] };
  const out = analyseProgram(input, { sessionId: 'test', newId: () => `id${counter++}` });
  return graphOf(out);
}
