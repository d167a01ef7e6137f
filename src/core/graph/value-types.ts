/**
 * The Python type of a node's value where the graph alone can tell: literals and displays,
 * comprehensions, imports, `def`/`class`, a few builtins, known constructors and readers
 * (`pd.DataFrame`, `pd.read_csv`, `np.array` …, found by the imported module's real name, so
 * any alias works) and DataFrame/str methods that return their own type. Anything else is
 * unknown (undefined): the variables explorer leaves it blank rather than guess.
 */
import type { CallNode, LineageNode } from '../model';

/** Builtins whose call returns a known type. */
const BUILTIN_RESULTS: Record<string, string> = {
  list: 'list', dict: 'dict', set: 'set', tuple: 'tuple', frozenset: 'frozenset', str: 'str', int: 'int', float: 'float',
  bool: 'bool', bytes: 'bytes', bytearray: 'bytearray', complex: 'complex', range: 'range', len: 'int', sorted: 'list',
  repr: 'str', ascii: 'str', chr: 'str', ord: 'int', hex: 'str', oct: 'str', bin: 'str', format: 'str', input: 'str',
  enumerate: 'enumerate', zip: 'zip', map: 'map', filter: 'filter', reversed: 'reversed', isinstance: 'bool', callable: 'bool',
  hasattr: 'bool', id: 'int', hash: 'int', object: 'object', slice: 'slice',
};

/** The analyser's helpers for displays (src/core/analysis/expressions.ts). */
const DISPLAYS: Record<string, string> = { l_list: 'list', l_tuple: 'tuple', l_dict: 'dict', l_set: 'set' };

/** Fully qualified callables (by the imported module's own name) and the type they return. */
const QUALIFIED_RESULTS: Record<string, string> = {};
for (const f of ['DataFrame', 'read_csv', 'read_excel', 'read_json', 'read_parquet', 'read_sql', 'read_sql_query', 'read_table', 'read_pickle', 'read_feather', 'read_stata', 'merge', 'get_dummies', 'pivot_table', 'crosstab']) {
  QUALIFIED_RESULTS[`pandas.${f}`] = 'DataFrame';
}
QUALIFIED_RESULTS['pandas.Series'] = 'Series';
for (const f of ['array', 'asarray', 'zeros', 'ones', 'empty', 'full', 'arange', 'linspace', 'logspace', 'eye', 'identity', 'zeros_like', 'ones_like', 'full_like', 'concatenate', 'stack', 'vstack', 'hstack', 'random.rand', 'random.randn', 'loadtxt', 'genfromtxt']) {
  QUALIFIED_RESULTS[`numpy.${f}`] = 'ndarray';
}

/** Methods that return a value of the receiver's type (or another known type). */
const METHOD_RESULTS: Record<string, Record<string, string>> = {
  DataFrame: Object.fromEntries(
    ['head', 'tail', 'copy', 'dropna', 'fillna', 'drop', 'rename', 'sort_values', 'sort_index', 'reset_index', 'set_index', 'merge', 'join', 'query', 'assign', 'astype', 'drop_duplicates', 'sample', 'describe', 'corr', 'select_dtypes', 'pivot_table', 'replace', 'transpose', 'abs', 'round', 'clip', 'interpolate', 'nlargest', 'nsmallest', 'reindex', 'melt', 'explode', 'filter'].map((m) => [m, 'DataFrame']),
  ),
  str: {
    ...Object.fromEntries(['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'replace', 'format', 'title', 'capitalize', 'join', 'casefold', 'center', 'ljust', 'rjust', 'zfill', 'removeprefix', 'removesuffix'].map((m) => [m, 'str'])),
    split: 'list', rsplit: 'list', splitlines: 'list', startswith: 'bool', endswith: 'bool', isdigit: 'bool', count: 'int', find: 'int', encode: 'bytes',
  },
  list: { copy: 'list', index: 'int', count: 'int' },
  dict: { copy: 'dict' },
};

const NUMERIC = new Set(['int', 'float', 'bool']);

/** `a + b` and friends on known operand types. */
function operatorResult(op: string, types: Array<string | undefined>): string | undefined {
  const [a, b] = types;
  if (a === undefined || b === undefined) return undefined;
  if (op === 'truediv' && NUMERIC.has(a) && NUMERIC.has(b)) return 'float';
  if (!['add', 'sub', 'mul', 'floordiv', 'mod', 'pow'].includes(op)) return undefined;
  if (NUMERIC.has(a) && NUMERIC.has(b)) return a === 'float' || b === 'float' ? 'float' : 'int';
  if (op === 'add' && a === b && (a === 'str' || a === 'list' || a === 'tuple')) return a;
  if (op === 'mod' && a === 'str') return 'str';
  return undefined;
}

/** The type of an opaque expression from its source text (comprehensions, f-strings, lambdas, set displays). */
function opaqueExpressionType(text: string): string | undefined {
  const t = text.trim();
  if (/^lambda\b/.test(t)) return 'function';
  if (/^[rRbBuU]?[fF][rR]?["']/.test(t)) return 'str';
  const comprehension = /\bfor\b[\s\S]*\bin\b/.test(t);
  if (t.startsWith('[') && t.endsWith(']') && comprehension) return 'list';
  if (t.startsWith('(') && t.endsWith(')') && comprehension) return 'generator';
  if (t.startsWith('{') && t.endsWith('}')) {
    // A dict display or comprehension has a `key: value` (a colon outside brackets and strings); a set has not.
    const inner = t.slice(1, -1);
    if (inner.trim() === '') return 'dict';
    return hasTopLevelColon(inner) ? 'dict' : 'set';
  }
  return undefined;
}

/** A `:` outside nested brackets, strings and lambdas' bodies, as in `k: v` (not in `x[1:2]` or `"a:b"`). */
function hasTopLevelColon(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0) return !/\blambda\b[^:]*$/.test(text.slice(0, i));
  }
  return false;
}

/** The type a `def`/`class` block binds to `name`. */
function definitionType(block: string, name: string): string | undefined {
  const escaped = name.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
  if (new RegExp(`^\\s*(?:@[^\\n]*\\n\\s*)*(?:async\\s+)?def\\s+${escaped}\\b`).test(block)) return 'function';
  if (new RegExp(`^\\s*(?:@[^\\n]*\\n\\s*)*class\\s+${escaped}\\b`).test(block)) return 'type';
  return undefined;
}

export interface TypeOracle {
  /** The Python type name of the node's value, or undefined when the graph cannot tell. */
  typeOf(nodeId: string): string | undefined;
  /** The dotted name of a module or module attribute (`pandas.read_csv`), whatever alias it was imported under. */
  qualifiedName(nodeId: string): string | undefined;
}

export function typeOracle(nodesById: ReadonlyMap<string, LineageNode>): TypeOracle {
  const types = new Map<string, string | undefined>();
  const quals = new Map<string, string | undefined>();

  const literalString = (id: string | undefined): string | undefined => {
    const n = id !== undefined ? nodesById.get(id) : undefined;
    return n?.kind === 'Literal' && typeof n.value === 'string' ? n.value : undefined;
  };
  const lookupName = (id: string): string | undefined => {
    const n = nodesById.get(id);
    return n?.kind === 'Lookup' ? n.name : undefined;
  };
  /** `getattr(obj, "attr")`: the object and the attribute. */
  const attributeOf = (n: LineageNode | undefined): { objectId: string; attr: string } | undefined => {
    if (n?.kind !== 'Call' || lookupName(n.functionId) !== 'getattr' || n.args.length !== 2) return undefined;
    const attr = literalString(n.args[1].id);
    return attr !== undefined ? { objectId: n.args[0].id, attr } : undefined;
  };

  const qualifiedName = (id: string, depth = 0): string | undefined => {
    if (quals.has(id)) return quals.get(id);
    if (depth > 64) return undefined;
    const n = nodesById.get(id);
    let q: string | undefined;
    if (n?.kind === 'Call') {
      const fn = lookupName(n.functionId);
      if (fn === 'l_import') q = literalString(n.args[0]?.id);
      else if (fn === 'l_alias' && n.args[0]) q = qualifiedName(n.args[0].id, depth + 1);
      else {
        const a = attributeOf(n);
        const base = a ? qualifiedName(a.objectId, depth + 1) : undefined;
        if (a && base !== undefined) q = `${base}.${a.attr}`;
      }
    } else if (n?.kind === 'Mutate') {
      q = qualifiedName(n.sourceId, depth + 1);
    }
    quals.set(id, q);
    return q;
  };

  const callType = (n: CallNode, depth: number): string | undefined => {
    const fn = nodesById.get(n.functionId);
    if (fn?.kind === 'Lookup') {
      if (fn.name === 'l_import') return 'module';
      if (fn.name === 'l_alias') return n.args[0] ? typeOf(n.args[0].id, depth + 1) : undefined;
      if (DISPLAYS[fn.name]) return DISPLAYS[fn.name];
      if ((fn.name === 'l_exec_expr' || fn.name === 'l_exec_statement') && n.blackBox !== undefined) return fn.name === 'l_exec_expr' ? opaqueExpressionType(n.blackBox) : undefined;
      if (Object.hasOwn(BUILTIN_RESULTS, fn.name) && fn.names.length === 0) return BUILTIN_RESULTS[fn.name];
      return operatorResult(fn.name, n.args.map((a) => typeOf(a.id, depth + 1)));
    }
    const q = qualifiedName(n.functionId);
    if (q !== undefined && Object.hasOwn(QUALIFIED_RESULTS, q)) return QUALIFIED_RESULTS[q];
    const method = attributeOf(fn);
    if (method) {
      const receiver = typeOf(method.objectId, depth + 1);
      const table = receiver !== undefined ? METHOD_RESULTS[receiver] : undefined;
      if (table && Object.hasOwn(table, method.attr)) return table[method.attr];
    }
    return undefined;
  };

  const typeOf = (id: string, depth = 0): string | undefined => {
    if (types.has(id)) return types.get(id);
    if (depth > 64) return undefined;
    const n = nodesById.get(id);
    let t: string | undefined;
    switch (n?.kind) {
      case 'Literal':
        t = n.valueType;
        break;
      case 'Import':
        t = 'module';
        break;
      case 'Call':
        t = callType(n, depth);
        break;
      case 'Mutate':
        t = typeOf(n.sourceId, depth + 1);
        break;
      case 'Global': {
        const block = nodesById.get(n.callId);
        t = block?.kind === 'Call' && block.blackBox !== undefined ? definitionType(block.blackBox, n.name) : undefined;
        break;
      }
      default:
        t = undefined;
    }
    types.set(id, t);
    return t;
  };

  return { typeOf: (id) => typeOf(id), qualifiedName: (id) => qualifiedName(id) };
}
