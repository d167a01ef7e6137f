/**
 * Python's scopes as the walker sees them (module unit, function, class, comprehension),
 * the syntax tables the walk consults, and small tree helpers.
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallEffect } from './facts';

/** Method names that never mutate their receiver (used for unknown receivers inside opaque code). */
export const PURE_METHODS = new Set([
  'copy', 'get', 'keys', 'values', 'items', 'index', 'count', 'format', 'join', 'split', 'rsplit', 'splitlines', 'strip',
  'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'replace', 'startswith', 'endswith', 'find', 'rfind',
  'encode', 'decode', 'isdigit', 'isalpha', 'isnumeric', 'zfill', 'head', 'tail', 'describe', 'info', 'mean', 'sum',
  'min', 'max', 'std', 'var', 'median', 'mode', 'abs', 'round', 'any', 'all', 'unique', 'nunique', 'value_counts',
  'groupby', 'agg', 'aggregate', 'apply', 'map', 'applymap', 'transform', 'predict', 'predict_proba', 'score',
  'decision_function', 'get_params', 'isnull', 'isna', 'notnull', 'notna', 'astype', 'to_numpy', 'tolist', 'to_list',
  'to_dict', 'reshape', 'ravel', 'flatten', 'dot', 'sample', 'corr', 'cov', 'cumsum', 'shift', 'diff', 'rolling', 'merge',
  'drop', 'dropna', 'fillna', 'rename', 'sort_values', 'sort_index', 'reset_index', 'set_index', 'query', 'filter',
  'select_dtypes', 'nlargest', 'nsmallest', 'idxmax', 'idxmin', 'argmax', 'argmin', 'item', 'numpy', 'evaluate',
  'summary', 'get_config', 'get_weights', 'read', 'readline', 'readlines', 'exists', 'is_file', 'is_dir', 'glob', 'iterdir',
  'resolve', 'with_suffix', 'joinpath', 'stat', 'group', 'groups', 'match', 'search', 'fullmatch', 'findall', 'finditer',
  'sub', 'issubset', 'issuperset', 'union', 'intersection', 'difference', 'symmetric_difference', 'isoformat', 'strftime',
  'total_seconds', 'shape', 'size', 'print', 'len', 'str', 'repr', 'between', 'isin', 'where', 'mask', 'clip', 'pivot',
  'pivot_table', 'melt', 'stack', 'unstack', 'explode', 'nunique', 'duplicated', 'drop_duplicates', 'first', 'last',
  'resample', 'iterrows', 'itertuples', 'equals', 'memory_usage', 'transpose', 'squeeze', 'swapaxes', 'concat',
]);

/** Methods whose argument at this index the receiver holds afterwards (rules/builtins.ts). */
export const HOLDS_ARG: Record<string, number> = { append: 0, appendleft: 0, add: 0, insert: 1, setdefault: 1 };
/** Methods after which the receiver holds the elements of their first argument. */
export const HOLDS_ELEMENTS = new Set(['extend', 'extendleft', 'update']);
/** Display expressions: what they contain, their target holds. */
export const DISPLAYS = new Set(['ArrayExpression', 'TupleExpression', 'DictionaryExpression', 'SetExpression', 'ParenthesizedExpression']);

// `FormatSpec` is walked: `f"{x:{width}}"` reads `width`.
/** Nodes the walk never enters (no names in them). */
export const SKIP = new Set(['String', 'Number', 'Comment', 'Boolean', 'None', 'Ellipsis', 'PropertyName', 'TypeParamList', 'Escape']);
export const COMPREHENSIONS = new Set(['ArrayComprehensionExpression', 'ComprehensionExpression', 'SetComprehensionExpression', 'DictionaryComprehensionExpression']);

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

/** One scope: what is bound in it, and what its code reads and mutates from outside. */
export interface Scope {
  kind: ScopeKind;
  parent?: Scope;
  /** function/comprehension: names bound anywhere in the scope. class: names bound so far. */
  locals: Set<string>;
  globals: Set<string>;
  params: string[];
  free: Set<string>;
  freeOrder: string[];
  mutatedGlobals: Set<string>;
  globalWrites: Set<string>;
  mutatedParams: Set<string>;
  effects: CallEffect[];
  defaults?: Record<string, string>;
  /** function: local → the parameters/globals it was bound from (`q = p`, `for q in p`). */
  aliases?: Map<string, string[]>;
  /** module (unit) scope: flow-sensitive set of names written so far. */
  written: Set<string>;
  /** comprehension: loop target → the names its iterable reads, and the scope they are read in. */
  sources?: Map<string, { names: string[]; from: Scope }>;
  /** comprehension: variables mutated before their `for` clause was walked (the element comes first). */
  deferred?: string[];
}

export function newScope(kind: ScopeKind, parent?: Scope): Scope {
  return {
    kind,
    parent,
    locals: new Set(),
    globals: new Set(),
    params: [],
    free: new Set(),
    freeOrder: [],
    mutatedGlobals: new Set(),
    globalWrites: new Set(),
    mutatedParams: new Set(),
    effects: [],
    written: new Set(),
  };
}

/** The nearest enclosing scope that is not a class body (class bodies do not enclose functions). */
export function nextNonClass(s: Scope | undefined): Scope | undefined {
  while (s && s.kind === 'class') s = s.parent;
  return s;
}

/** The bare name at the root of `a.b[c].d`, if any. */
export function chainBase(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n && (n.name === 'MemberExpression' || n.name === 'CallExpression' || n.name === 'ParenthesizedExpression')) {
    n = n.name === 'ParenthesizedExpression' ? (n.firstChild?.nextSibling ?? null) : n.firstChild;
  }
  return n && n.name === 'VariableName' ? n : null;
}

/** Adds the names a target binds (`a`, `a, (b, c)`, `[a, b]`) to `into`. */
export function collectTargetNames(node: SyntaxNode, text: string, into: Set<string>): void {
  if (node.name === 'VariableName') into.add(text.slice(node.from, node.to));
  else if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression') {
    for (let c = node.firstChild; c; c = c.nextSibling) collectTargetNames(c, text, into);
  }
}


/** Is sibling `c` before `end` (lezer creates fresh node objects: compare positions)? */
export function before(c: SyntaxNode, end: SyntaxNode | null): boolean {
  return end === null || c.from < end.from;
}
