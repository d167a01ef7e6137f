/**
 * What fine slices (./fine.ts) need to know about the program as a whole, from its syntax:
 * which names are only ever plain scalars, which names may alias one another, which names are
 * modules, and which names the program binds at all (so a builtin it shadows is not trusted).
 *
 * Everything here over-approximates on purpose: two names that might share an object are in
 * one alias class (every name a statement mentions, except scalar results), and a name is a
 * scalar only when every place that binds it binds a number, string, bool or None. A fine
 * slice drops a statement only when it binds nothing in the class of a needed name, so a
 * coarser class costs precision, never correctness.
 */
import type { SyntaxNode } from '@lezer/common';

/** Builtins whose result is a fresh scalar, whatever their arguments (unless the program rebinds them). */
export const SCALAR_BUILTINS = new Set(['len', 'int', 'float', 'str', 'bool', 'repr', 'hash', 'ord', 'chr', 'isinstance', 'id', 'callable']);

/** Builtins without side effects of their own (when the program defines no class or generator). */
export const PURE_BUILTINS = new Set([
  ...SCALAR_BUILTINS,
  'range', 'abs', 'round', 'min', 'max', 'sum', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict',
  'enumerate', 'zip', 'reversed', 'any', 'all', 'divmod', 'pow', 'format', 'type', 'print',
]);

/** Pure builtins that consume an iterator argument (advancing it counts as changing it). */
export const CONSUMING_BUILTINS = new Set(['min', 'max', 'sum', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'any', 'all', 'enumerate', 'zip', 'reversed']);

/** Container methods that change their receiver. */
export const MUTATING_METHODS = new Set(['append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'discard', 'add', 'update', 'setdefault', 'clear', 'sort', 'reverse']);
/** Container and string methods that only read. */
export const READING_METHODS = new Set([
  'get', 'keys', 'values', 'items', 'index', 'count', 'copy', 'join', 'split', 'strip', 'lstrip', 'rstrip',
  'lower', 'upper', 'replace', 'format', 'startswith', 'endswith', 'union', 'intersection', 'difference',
]);

const STATEMENT = /Statement$|^FunctionDefinition$|^ClassDefinition$|^StatementGroup$/;
export const isStatement = (node: SyntaxNode): boolean => STATEMENT.test(node.name);

/** Every `VariableName` in the subtree, as text. */
export function namesIn(node: SyntaxNode, text: string, out: string[] = []): string[] {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.from >= end && cursor.node !== node) break;
    if (cursor.name === 'VariableName') out.push(text.slice(cursor.from, cursor.to));
  } while (cursor.next() && cursor.from < end);
  return out;
}

/** Does the subtree hold a node named in `kinds`? */
export function hasNode(node: SyntaxNode, kinds: ReadonlySet<string>): boolean {
  const cursor = node.cursor();
  const end = node.to;
  do {
    if (cursor.node !== node && cursor.from >= end) break;
    if (kinds.has(cursor.name)) return true;
  } while (cursor.next() && cursor.from < end);
  return false;
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Union-find over names. */
class Classes {
  private readonly parent = new Map<string, string>();
  find(name: string): string {
    let p = this.parent.get(name);
    if (p === undefined) return name;
    let root = name;
    while (p !== undefined) {
      root = p;
      p = this.parent.get(root);
    }
    // Path compression.
    let at = name;
    while (at !== root) {
      const next = this.parent.get(at)!;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }
  union(names: readonly string[]): void {
    if (names.length < 2) return;
    const first = this.find(names[0]);
    for (let i = 1; i < names.length; i++) {
      const r = this.find(names[i]);
      if (r !== first) this.parent.set(r, first);
    }
  }
}

export interface ProgramFacts {
  /** The alias class of a name (itself when alone). */
  classOf(name: string): string;
  readonly scalars: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  readonly bound: ReadonlySet<string>;
}

/** Binding sites found while walking: a bare name bound from a value (scalar or not). */
interface Site {
  name: string;
  value: SyntaxNode | null;
  text: string;
  /** `x += v`: the old value matters too. */
  update?: boolean;
  /** `for x in range(…)`. */
  range?: boolean;
  /** `for x in xs`: a scalar when `xs` is a scalar or a scalar sequence. */
  iterable?: string;
  /** `xs = 1, 2`: the elements of a bare tuple (its value is the tuple, not `value`). */
  elements?: SyntaxNode[];
}

/** Sequence literals whose elements may all be scalars (then the sequence holds only scalars). */
const SEQUENCES = new Set(['ArrayExpression', 'TupleExpression', 'SetExpression']);

/** Collects facts over parsed units (each a Script node and its text). */
export function programFacts(units: ReadonlyArray<{ top: SyntaxNode; text: string }>): ProgramFacts {
  const sites: Site[] = [];
  const nonScalar = new Set<string>();
  const bound = new Set<string>();
  const modules = new Set<string>();
  const groups: Array<{ names: string[] }> = [];

  const markAll = (node: SyntaxNode, text: string): void => {
    for (const n of namesIn(node, text)) {
      nonScalar.add(n);
      bound.add(n);
    }
  };

  /** Names that matter for aliasing in an expression: skips scalar builtin calls and comparisons. */
  const aliasNames = (node: SyntaxNode, text: string, out: string[]): void => {
    if (node.name === 'VariableName') {
      out.push(text.slice(node.from, node.to));
      return;
    }
    if (node.name === 'CallExpression') {
      const callee = node.firstChild;
      if (callee?.name === 'VariableName' && SCALAR_BUILTINS.has(text.slice(callee.from, callee.to))) return;
    }
    if (node.name === 'BinaryExpression' && node.getChild('CompareOp')) return;
    for (let c = node.firstChild; c; c = c.nextSibling) aliasNames(c, text, out);
  };

  // Comprehension and lambda variables and parameters are bindings of unknown values.
  const markInnerBindings = (node: SyntaxNode, text: string): void => {
    const cursor = node.cursor();
    const end = node.to;
    do {
      if (cursor.node !== node && cursor.from >= end) break;
      const n = cursor.node;
      if (n.name === 'ParamList' || n.name === 'NamedExpression') markAll(n.name === 'NamedExpression' ? n.firstChild ?? n : n, text);
      else if (n.name === 'for' && n.parent && /Comprehension/.test(n.parent.name)) {
        for (let c = n.nextSibling; c && c.name !== 'in'; c = c.nextSibling) markAll(c, text);
      }
    } while (cursor.next() && cursor.from < end);
  };

  const functions: string[] = [];
  const visitStatement = (node: SyntaxNode, text: string): void => {
    markInnerBindings(node, text);
    const own = node.name === 'FunctionDefinition' ? node.getChild('VariableName') : null;
    const kids = children(node);
    switch (node.name) {
      case 'AssignStatement': {
        const ops = kids.map((k, i) => (k.name === 'AssignOp' ? i : -1)).filter((i) => i >= 0);
        const last = ops.length > 0 ? ops[ops.length - 1] : -1;
        const first = last >= 0 ? (kids[last + 1] ?? null) : null;
        // `x = 1, ys` binds a tuple (which may hold anything), not its first element.
        const elements = first && kids.slice(last + 2).some((k) => k.name === ',') ? kids.slice(last + 1).filter((k) => k.name !== ',') : undefined;
        const value = elements ? null : first;
        for (let i = 0; i < last; i++) {
          const k = kids[i];
          if (k.name === 'AssignOp') continue;
          if (k.name === 'VariableName') {
            const name = text.slice(k.from, k.to);
            bound.add(name);
            sites.push({ name, value, text, ...(elements ? { elements } : {}) });
          } else markAll(k, text);
        }
        break;
      }
      case 'UpdateStatement': {
        const target = kids[0];
        if (target?.name === 'VariableName') {
          const name = text.slice(target.from, target.to);
          bound.add(name);
          sites.push({ name, value: kids[kids.length - 1] ?? null, text, update: true });
        } else if (target) markAll(target, text);
        break;
      }
      case 'ImportStatement':
        for (const n of namesIn(node, text)) {
          modules.add(n);
          bound.add(n);
          nonScalar.add(n);
        }
        break;
      case 'ForStatement': {
        const inAt = kids.findIndex((k) => k.name === 'in');
        const target = kids.slice(1, inAt);
        const iter = kids[inAt + 1];
        const callee = iter?.name === 'CallExpression' && iter.firstChild?.name === 'VariableName' ? text.slice(iter.firstChild.from, iter.firstChild.to) : '';
        const scalarSite = (node: SyntaxNode): void => {
          const name = text.slice(node.from, node.to);
          bound.add(name);
          sites.push({ name, value: null, text, range: true });
        };
        // `for i in range(…)` and the index of `for i, x in enumerate(…)` are ints.
        const pair = target.length === 1 && target[0].name === 'TupleExpression' ? children(target[0]).filter((k) => k.name !== ',') : [];
        if (target.length === 1 && target[0].name === 'VariableName' && callee === 'range') scalarSite(target[0]);
        else if (target.length === 1 && target[0].name === 'VariableName' && iter?.name === 'VariableName') {
          // `for x in xs`: x is a scalar when xs only ever holds scalars (decided below).
          const name = text.slice(target[0].from, target[0].to);
          bound.add(name);
          sites.push({ name, value: null, text, iterable: text.slice(iter.from, iter.to) });
        } else if (callee === 'enumerate' && pair.length === 2 && pair[0].name === 'VariableName') {
          scalarSite(pair[0]);
          markAll(pair[1], text);
        } else if (callee === 'enumerate' && target.length === 3 && target[0].name === 'VariableName') {
          scalarSite(target[0]);
          markAll(target[2], text);
        } else for (const t of target) markAll(t, text);
        break;
      }
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const name = kids.find((k) => k.name === 'VariableName');
        if (name) markAll(name, text);
        const params = kids.find((k) => k.name === 'ParamList');
        if (params) markAll(params, text);
        break;
      }
      case 'WithStatement':
      case 'TryStatement':
      case 'MatchStatement':
      case 'DeleteStatement':
      case 'ScopeStatement':
        // Headers bind names to unknown values: every name outside the bodies.
        for (const k of kids) if (k.name !== 'Body' && !/Clause$|Block$/.test(k.name)) markAll(k, text);
        break;
      default:
    }
    // Aliasing: the names of the statement (headers only for compound statements).
    const names: string[] = [];
    for (const k of kids) {
      if (k.name === 'Body' || isStatement(k)) continue;
      aliasNames(k, text, names);
    }
    // A function's result may be what it returns: its name joins the class of those names.
    if (node.name === 'ReturnStatement' && functions.length > 0) names.push(functions[functions.length - 1]);
    groups.push({ names });
    if (own) functions.push(text.slice(own.from, own.to));
    for (const k of kids) visitBodyOwner(k, text);
    if (own) functions.pop();
  };

  /** Statements nested in a child (bodies, clauses, decorated definitions, groups). */
  const visitBodyOwner = (node: SyntaxNode, text: string): void => {
    if (isStatement(node)) {
      visitStatement(node, text);
      return;
    }
    if (node.name === 'Body' || /Clause$|Block$/.test(node.name)) for (let c = node.firstChild; c; c = c.nextSibling) visitBodyOwner(c, text);
  };

  for (const { top, text } of units) for (let c = top.firstChild; c; c = c.nextSibling) visitBodyOwner(c, text);

  // Scalars: the greatest set where every binding site binds a scalar value.
  const candidates = new Set<string>();
  for (const s of sites) if (!nonScalar.has(s.name)) candidates.add(s.name);
  const scalarExpr = (node: SyntaxNode | null, text: string): boolean => {
    if (!node) return false;
    switch (node.name) {
      case 'Number':
      case 'String':
      case 'FormatString':
      case 'Boolean':
      case 'None':
        return true;
      case 'VariableName':
        return candidates.has(text.slice(node.from, node.to));
      case 'ParenthesizedExpression':
      case 'UnaryExpression':
      case 'BinaryExpression':
      case 'ConditionalExpression':
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.type.isError) return false;
          if (/Expression$|^VariableName$|^Number$|^String$|^FormatString$|^Boolean$|^None$|^CallExpression$|^MemberExpression$/.test(c.name) && !scalarExpr(c, text)) return false;
        }
        return true;
      case 'CallExpression': {
        const callee = node.firstChild;
        return callee?.name === 'VariableName' && SCALAR_BUILTINS.has(text.slice(callee.from, callee.to)) && !bound.has(text.slice(callee.from, callee.to));
      }
      default:
        return false;
    }
  };
  const sequences = scalarSequences(units, sites, nonScalar, bound);
  const elementsScalar = (nodes: readonly SyntaxNode[], text: string): boolean => nodes.every((e) => scalarExpr(e, text));
  const sequenceOk = (s: Site): boolean => {
    if (s.elements) return elementsScalar(s.elements, s.text);
    const v = s.value;
    if (!v || !SEQUENCES.has(v.name)) return false;
    return elementsScalar(children(v).filter((k) => !/^[[\](){},]$/.test(k.name)), s.text);
  };
  const sequenceSites = new Map<string, Site[]>();
  for (const s of sites) if (sequences.has(s.name)) sequenceSites.set(s.name, [...(sequenceSites.get(s.name) ?? []), s]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of sequences) {
      if (sequenceSites.get(name)!.every(sequenceOk)) continue;
      sequences.delete(name);
      changed = true;
    }
    for (const s of sites) {
      if (!candidates.has(s.name)) continue;
      const ok = s.iterable !== undefined ? candidates.has(s.iterable) || sequences.has(s.iterable) : s.range || (scalarExpr(s.value, s.text) && (!s.update || candidates.has(s.name)));
      if (!ok) {
        candidates.delete(s.name);
        changed = true;
      }
    }
  }

  const classes = new Classes();
  for (const n of sequences) candidates.delete(n);
  for (const g of groups) classes.union(g.names.filter((n) => bound.has(n) && !candidates.has(n)));
  return { classOf: (name) => classes.find(name), scalars: candidates, modules, bound };
}

/**
 * Names that may be scalar sequences: every binding is a plain `xs = …` (checked against its
 * value with the scalars, in the caller's fixed point) and every other use of the name, in the
 * whole program (functions included), is the iterable of a `for` statement or the only argument
 * of a scalar builtin (`len(xs)`). Nothing else can reach the object, so nothing changes it and
 * nothing aliases it; iterating it gives its scalar elements.
 */
function scalarSequences(units: ReadonlyArray<{ top: SyntaxNode; text: string }>, sites: readonly Site[], nonScalar: ReadonlySet<string>, bound: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const s of sites) if (!s.update && s.iterable === undefined && !s.range && !nonScalar.has(s.name)) out.add(s.name);
  for (const s of sites) if (s.update || s.iterable !== undefined || s.range) out.delete(s.name);
  if (out.size === 0) return out;
  const allowed = (node: SyntaxNode, text: string): boolean => {
    const parent = node.parent;
    if (!parent) return false;
    if (parent.name === 'AssignStatement') {
      // A target (before the last `=`); a value use is not allowed.
      for (let c = node.nextSibling; c; c = c.nextSibling) if (c.name === 'AssignOp') return true;
      return false;
    }
    if (parent.name === 'ForStatement') return node.prevSibling?.name === 'in';
    if (parent.name === 'ArgList' && parent.parent?.name === 'CallExpression') {
      const args = children(parent).filter((k) => !/^[(),]$/.test(k.name));
      const callee = parent.parent.firstChild;
      const fn = callee?.name === 'VariableName' ? text.slice(callee.from, callee.to) : '';
      return args.length === 1 && SCALAR_BUILTINS.has(fn) && !bound.has(fn);
    }
    return false;
  };
  for (const { top, text } of units) {
    const cursor = top.cursor();
    do {
      if (cursor.name !== 'VariableName') continue;
      const name = text.slice(cursor.from, cursor.to);
      if (out.has(name) && !allowed(cursor.node, text)) out.delete(name);
    } while (cursor.next());
  }
  return out;
}
