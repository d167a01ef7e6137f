/**
 * A plain-text account of how a value was derived, in the style of redun's dataflow:
 *
 *   model <-- fit(model, X_train, y_train)
 *     model <-- LogisticRegression()
 *     X_train <-- getitem(split, 0)
 *       split <-- train_test_split(X, y)
 *
 * Each line names a value (its variable name when it has one) and the expression that
 * produced it; the values that expression reads follow, indented. Unnamed intermediate
 * values are written inline; literals appear as Python literals; callees are named from
 * their Lookup / getattr chain (`np.mean(x)`, or `fit(model, …)` for a method call).
 * Every value is explained once.
 */
import { clipFolded } from '../clip';
import { NotFoundError } from '../errors';
import type { CallNode, LineageNode, SessionGraph } from '../model';

export interface DataflowOptions {
  /** How many levels of inputs to explain below the value (default 6). */
  maxDepth?: number;
}

const INLINE_DEPTH = 4;
const MAX_TEXT = 60;

const byIdCache = new WeakMap<SessionGraph, Map<string, LineageNode>>();

function nodeMap(graph: SessionGraph): Map<string, LineageNode> {
  let map = byIdCache.get(graph);
  if (!map) {
    map = new Map(graph.nodes.map((n) => [n.id, n]));
    byIdCache.set(graph, map);
  }
  return map;
}

/** A Python-style literal for a Literal node's value. */
export function pythonLiteral(value: LineageNode & { kind: 'Literal' }): string {
  const v = value.value;
  // A folded run of constants: its source text, which can be megabytes (clipped).
  if (value.elided !== undefined && typeof v === 'string') return clipFolded(v, value.elided);
  if (v === null) return value.valueType === 'NoneType' ? 'None' : 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : v < 0 ? "float('-inf')" : "float('nan')";
    return value.valueType === 'float' && Number.isInteger(v) ? `${v}.0` : String(v);
  }
  if (value.valueType !== 'str') return v;
  const body = v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return body.includes("'") && !body.includes('"') ? `"${body}"` : `'${body.replace(/'/g, "\\'")}'`;
}

function clip(text: string): string {
  const first = text.split('\n')[0].trim();
  const more = first.length > MAX_TEXT || text.includes('\n');
  return more ? `${first.slice(0, MAX_TEXT)}…` : first;
}

export function dataflowAccount(graph: SessionGraph, nodeId: string, opts: DataflowOptions = {}): string {
  const nodes = nodeMap(graph);
  const root = nodes.get(nodeId);
  if (!root) throw new NotFoundError(`No node with id "${nodeId}" in this session.`);
  const maxDepth = Math.max(0, opts.maxDepth ?? 6);
  const explained = new Set<string>();
  const out: string[] = [];

  const get = (id: string): LineageNode | undefined => nodes.get(id);
  const lookupName = (id: string): string | undefined => {
    const n = get(id);
    return n?.kind === 'Lookup' ? n.name : undefined;
  };
  const nameOf = (n: LineageNode): string | undefined => (n.names.length > 0 ? n.names[n.names.length - 1] : undefined);

  /** The module name when `n` is a module (Import, or an `l_import` call of one). */
  const moduleName = (n: LineageNode | undefined): string | undefined => {
    if (!n) return undefined;
    if (n.kind === 'Import') return nameOf(n) ?? n.name;
    if (n.kind === 'Call' && lookupName(n.functionId) === 'l_import') {
      const named = nameOf(n);
      if (named) return named;
      for (const id of [...n.args.map((a) => a.id), ...n.implicitDeps]) {
        const m = get(id);
        if (m?.kind === 'Import') return m.name;
        if (m?.kind === 'Literal' && typeof m.value === 'string') return m.value;
      }
    }
    return undefined;
  };

  /** `getattr(o, "f")` → [o, "f"] */
  const attrParts = (n: LineageNode | undefined): [LineageNode, string] | undefined => {
    if (n?.kind !== 'Call' || lookupName(n.functionId) !== 'getattr' || n.args.length < 2) return undefined;
    const o = get(n.args[0].id);
    const a = get(n.args[1].id);
    if (!o || a?.kind !== 'Literal' || typeof a.value !== 'string') return undefined;
    return [o, a.value];
  };

  /** Renders a node used as a value inside an expression; records named inputs in `deps`. */
  const ref = (id: string, deps: string[], depth: number): string => {
    const n = get(id);
    if (!n) return '?';
    if (n.kind === 'Literal' && n.names.length === 0) return pythonLiteral(n);
    if (n.kind === 'Lookup') return n.name;
    const mod = moduleName(n);
    if (mod !== undefined) return mod;
    const name = nameOf(n);
    if (name !== undefined) {
      deps.push(n.id);
      return name;
    }
    if (n.kind === 'Mutate') return ref(n.sourceId, deps, depth);
    if (n.kind === 'Global') {
      deps.push(n.id);
      return n.name;
    }
    if (depth >= INLINE_DEPTH) {
      deps.push(n.id);
      return '…';
    }
    return definition(n, deps, depth + 1);
  };

  const callText = (n: CallNode, deps: string[], depth: number): string => {
    let text = n.blackBox !== undefined ? clip(n.blackBox) : callExpression(n, deps, depth);
    const reads = Object.entries(n.globalReads).map(([name, id]) => {
      ref(id, deps, depth);
      return name;
    });
    if (reads.length > 0) text += ` [reads ${reads.join(', ')}]`;
    const implicit = n.implicitDeps.map((id) => ref(id, deps, depth));
    if (implicit.length > 0) text += ` [uses ${implicit.join(', ')}]`;
    return text;
  };

  const callExpression = (n: CallNode, deps: string[], depth: number): string => {
    const fname = lookupName(n.functionId);
    const fn = get(n.functionId);
    const parts = attrParts(fn);
    const isMethod = fname === undefined && fn !== undefined && nameOf(fn) === undefined && parts !== undefined && moduleName(parts[0]) === undefined && !(attrParts(parts[0]) && moduleName(attrParts(parts[0])?.[0]) !== undefined);
    const receiver = isMethod && parts ? ref(parts[0].id, deps, depth) : '';
    const args = n.args.map((a) => `${a.starred ? '*' : ''}${ref(a.id, deps, depth)}`);
    const kwargs = n.kwargs.map((k) => (k.key === '**' ? `**${ref(k.id, deps, depth)}` : `${k.key}=${ref(k.id, deps, depth)}`));
    let text: string;
    if ((fname === 'alias' || fname === 'l_alias') && args.length === 1 && kwargs.length === 0) text = args[0];
    else if (fname === 'l_list') text = `[${args.join(', ')}]`;
    else if (fname === 'l_tuple') text = args.length === 1 ? `(${args[0]},)` : `(${args.join(', ')})`;
    else if (fname === 'l_dict') {
      const pairs: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) pairs.push(`${args[i]}: ${args[i + 1]}`);
      text = args.length % 2 === 0 && kwargs.length === 0 ? `{${pairs.join(', ')}}` : `dict(${[...args, ...kwargs].join(', ')})`;
    } else if (fname === 'getattr' && n.args.length === 2 && kwargs.length === 0 && get(n.args[1].id)?.kind === 'Literal') {
      const attr = get(n.args[1].id);
      text = `${args[0]}.${attr?.kind === 'Literal' ? String(attr.value) : args[1]}`;
    } else {
      let callee: string;
      let all = [...args, ...kwargs];
      const fnName = fn && fn.kind !== 'Lookup' ? nameOf(fn) : undefined;
      if (fname !== undefined) callee = fname;
      else if (fnName !== undefined) {
        callee = fnName;
        if (fn) deps.push(fn.id);
      }
      else if (parts && moduleName(parts[0]) !== undefined) callee = `${moduleName(parts[0])}.${parts[1]}`;
      else if (parts && attrParts(parts[0]) && moduleName(attrParts(parts[0])?.[0]) !== undefined) {
        const inner = attrParts(parts[0])!;
        callee = `${moduleName(inner[0])}.${inner[1]}.${parts[1]}`;
      } else if (parts && isMethod) {
        callee = parts[1];
        all = [receiver, ...all];
      } else callee = fn ? ref(fn.id, deps, depth) : '?';
      text = `${callee}(${all.join(', ')})`;
    }
    return text;
  };

  /** The expression that produced `n`. */
  const definition = (n: LineageNode, deps: string[], depth: number): string => {
    switch (n.kind) {
      case 'Literal':
        return pythonLiteral(n);
      case 'Lookup':
        return n.name;
      case 'Import':
        return `import ${n.name}`;
      case 'Global': {
        const call = get(n.callId);
        return call?.kind === 'Call' ? callText(call, deps, depth) : '?';
      }
      case 'Mutate': {
        const call = get(n.callId);
        // The earlier version of this value is an input when the call does not read it.
        const text = call?.kind === 'Call' ? callText(call, deps, depth) : '?';
        const src = get(n.sourceId);
        if (src && !deps.includes(src.id) && nameOf(src) !== undefined) deps.push(src.id);
        return text;
      }
      case 'Call': {
        const mod = moduleName(n);
        if (mod !== undefined) {
          const imp = n.args.map((a) => get(a.id)).find((m) => m?.kind === 'Import');
          return `import ${imp?.kind === 'Import' ? imp.name : mod}`;
        }
        const parts = attrParts(n);
        const from = parts && parts[0].kind === 'Call' && nameOf(parts[0]) === undefined ? moduleName(parts[0]) : undefined;
        if (parts && from !== undefined) return `from ${from} import ${parts[1]}`;
        return callText(n, deps, depth);
      }
    }
  };

  const explain = (n: LineageNode, level: number): void => {
    explained.add(n.id);
    const deps: string[] = [];
    const label = nameOf(n) ?? (n.kind === 'Global' ? n.name : 'value');
    out.push(`${'  '.repeat(level)}${label} <-- ${definition(n, deps, 0)}`);
    if (level >= maxDepth) return;
    for (const id of deps) {
      if (explained.has(id)) continue;
      const d = get(id);
      if (d) explain(d, level + 1);
    }
  };

  explain(root, 0);
  return out.join('\n');
}
