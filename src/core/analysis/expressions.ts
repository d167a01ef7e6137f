/**
 * Expressions → nodes: literals, displays, attributes, subscripts and operators.
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallArg, CallKwarg } from '../model';
import { DATAFRAME } from './rules/pandas';
import { NDARRAY } from './rules/ml';
import { type AnalysisContext, sourceText } from './context';
import { addCall, addLiteral, addLookup, callHelper } from './nodes';
import { ELEMENT_KEEPS_TYPE, bindName, contain, mayHoldMutable, qualOf, rootOf, settle, typeOf } from './values';
import { readName } from './name-reads';
import { callExpr } from './calls';
import { opaqueExpr } from './opaque';
import { decodeString } from './strings';
import { FOLD_AFTER, foldDict, foldSequence, type DictEntry } from './folding';

const OPERATORS: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '@': 'matmul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow',
  '<<': 'lshift', '>>': 'rshift', '&': 'and_', '|': 'or_', '^': 'xor',
  '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne', '<>': 'ne',
  is: 'is_', 'is not': 'is_not', in: 'contains', 'not in': 'not_contains', and: 'l_and', or: 'l_or',
};
const UNARY: Record<string, string> = { '-': 'neg', '+': 'pos', '~': 'invert', not: 'not_' };

/** pandas accessors that are views of the frame. */
const FRAME_VIEW_ATTRS = new Set(['loc', 'iloc', 'at', 'iat', 'values', 'str', 'dt', 'cat', 'T', 'index', 'columns']);

/** Is sibling `c` before `end` (lezer creates fresh node objects: compare positions)? */
export function before(c: SyntaxNode, end: SyntaxNode | null): boolean {
  return end === null || c.from < end.from;
}

/** `c`, or the first sibling after it that is not a comment (comments are tree nodes too). */
export function skipComments(c: SyntaxNode | null): SyntaxNode | null {
  while (c && c.name === 'Comment') c = c.nextSibling;
  return c;
}

export function evaluate(ctx: AnalysisContext, node: SyntaxNode): string {
  switch (node.name) {
    case 'VariableName':
      return readName(ctx, sourceText(ctx, node));
    case 'Number':
      if (ctx.cell.floats.has(node.from + ctx.cell.base)) return addLiteral(ctx, Number(sourceText(ctx, node).replace(/_/g, '')), 'float');
      return numberLiteral(ctx, sourceText(ctx, node));
    case 'String': {
      const [value, type] = decodeString(sourceText(ctx, node));
      return addLiteral(ctx, value, type);
    }
    case 'ContinuedString': {
      let value = '';
      let type = 'str';
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.name === 'FormatString') return opaqueExpr(ctx, node);
        const [v, t] = decodeString(sourceText(ctx, c));
        value += String(v);
        type = t;
      }
      return addLiteral(ctx, value, type);
    }
    case 'Boolean':
      return addLiteral(ctx, sourceText(ctx, node) === 'True', 'bool');
    case 'None':
      return addLiteral(ctx, null, 'NoneType');
    case 'Ellipsis':
      return addLiteral(ctx, '...', 'ellipsis');
    case 'ParenthesizedExpression': {
      const inner = skipComments(node.firstChild?.nextSibling ?? null);
      if (!inner || inner.name === ')') return addLiteral(ctx, null, 'NoneType');
      if (inner.name === 'YieldExpression') return opaqueExpr(ctx, node);
      if (inner.name === '*') {
        const starred = skipComments(inner.nextSibling);
        return starred ? evaluate(ctx, starred) : addLiteral(ctx, null, 'NoneType');
      }
      return evaluate(ctx, inner);
    }
    case 'TupleExpression': {
      const id = sequenceDisplay(ctx, 'l_tuple', node);
      ctx.types.set(id, 'tuple');
      return id;
    }
    case 'ArrayExpression': {
      const id = sequenceDisplay(ctx, 'l_list', node);
      ctx.types.set(id, 'list');
      return id;
    }
    case 'DictionaryExpression':
      return dictDisplay(ctx, node);
    case 'MemberExpression':
      return memberExpr(ctx, node);
    case 'CallExpression':
      return callExpr(ctx, node);
    case 'BinaryExpression':
      return binaryExpr(ctx, node);
    case 'UnaryExpression': {
      const op = node.firstChild;
      const operand = skipComments(op?.nextSibling ?? null);
      if (!op || !operand) return opaqueExpr(ctx, node);
      const name = UNARY[sourceText(ctx, op)] ?? 'pos';
      return callHelper(ctx, name, [evaluate(ctx, operand)]);
    }
    case 'NamedExpression': {
      const target = node.firstChild;
      const valueNode = target?.nextSibling?.nextSibling;
      if (!target || !valueNode) return opaqueExpr(ctx, node);
      const value = walrusValue(ctx, valueNode);
      if (target.name === 'VariableName') bindName(ctx, sourceText(ctx, target), value);
      return value;
    }
    default:
      // Comprehensions, generators, lambdas, f-strings, sets, conditionals, await, yield.
      return opaqueExpr(ctx, node);
  }
}

/**
 * The value a walrus binds. `(y := x)` binds an alias (as `y = x` does): bound to x's own
 * node, y's slice would not hold the line that binds y.
 */
export function walrusValue(ctx: AnalysisContext, valueNode: SyntaxNode): string {
  const value = evaluate(ctx, valueNode);
  return valueNode.name === 'VariableName' ? aliasOf(ctx, value) : value;
}

/** `x = y`: an alias call, so the two names stay distinct views of one object (with y's facts). */
export function aliasOf(ctx: AnalysisContext, source: string): string {
  const value = callHelper(ctx, 'l_alias', [source]);
  const root = rootOf(ctx, source);
  ctx.views.union(root, value);
  const t = typeOf(ctx, source);
  if (t) ctx.types.set(value, t);
  const q = ctx.quals.get(source);
  if (q) ctx.quals.set(value, q);
  const fn = ctx.functions.get(root);
  if (fn) ctx.functions.set(value, fn);
  const inst = ctx.instances.get(root);
  if (inst) ctx.instances.set(value, inst);
  if (ctx.classes.has(root)) ctx.classes.add(value);
  return value;
}

/** Evaluate a comma-separated expression list starting at `first` (up to `end`). */
export function expressionList(ctx: AnalysisContext, first: SyntaxNode | null, end: SyntaxNode | null): string | undefined {
  const items: CallArg[] = [];
  let sawComma = false;
  for (let c = first; c && before(c, end); c = c.nextSibling) {
    if (c.name === 'Comment') continue;
    if (c.name === ',') {
      sawComma = true;
      continue;
    }
    if (c.name === '*') {
      const next = skipComments(c.nextSibling);
      if (next && before(next, end)) {
        items.push({ id: evaluate(ctx, next), starred: true });
        c = next;
      }
      continue;
    }
    items.push({ id: evaluate(ctx, c), starred: false });
  }
  if (items.length === 0) return undefined;
  if (items.length === 1 && !sawComma && !items[0].starred) return items[0].id;
  const id = addCall(ctx, addLookup(ctx, 'l_tuple'), items).id;
  ctx.types.set(id, 'tuple');
  contain(ctx, id, items);
  return id;
}

function numberLiteral(ctx: AnalysisContext, text: string): string {
  const t = text.replace(/_/g, '');
  const last = t[t.length - 1];
  if (last === 'j' || last === 'J') return addLiteral(ctx, text, 'complex');
  if (/^0[xob]/i.test(t)) {
    const big = BigInt(t);
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? addLiteral(ctx, Number(big), 'int') : addLiteral(ctx, text, 'int');
  }
  if (/[.eE]/.test(t)) return addLiteral(ctx, Number(t), 'float');
  const n = Number(t);
  if (Number.isSafeInteger(n)) return addLiteral(ctx, n, 'int');
  return addLiteral(ctx, text, 'int');
}

function sequenceDisplay(ctx: AnalysisContext, helper: string, node: SyntaxNode): string {
  const args: CallArg[] = [];
  // More than FOLD_AFTER elements need at least 2 × FOLD_AFTER characters: count only then.
  if (node.to - node.from > 2 * FOLD_AFTER && countCommas(node) >= FOLD_AFTER) return foldedDisplay(ctx, helper, node);
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === '(' || n === ')' || n === '[' || n === ']' || n === ',' || n === 'Comment') continue;
    if (n === '*') {
      const next = skipComments(c.nextSibling);
      if (next) {
        args.push({ id: evaluate(ctx, next), starred: true });
        c = next;
      }
      continue;
    }
    args.push({ id: evaluate(ctx, c), starred: false });
  }
  const id = addCall(ctx, addLookup(ctx, helper), args).id;
  contain(ctx, id, args);
  return id;
}

/** A long list/tuple display: runs of constants fold into one Literal each (folding.ts). */
function foldedDisplay(ctx: AnalysisContext, helper: string, node: SyntaxNode): string {
  const elements: Array<{ node: SyntaxNode; starred: boolean }> = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === '(' || n === ')' || n === '[' || n === ']' || n === ',' || n === 'Comment') continue;
    if (n === '*') {
      const next = skipComments(c.nextSibling);
      if (next) {
        elements.push({ node: next, starred: true });
        c = next;
      }
      continue;
    }
    elements.push({ node: c, starred: false });
  }
  const { items, mutable } = foldSequence(ctx, elements, (n) => evaluate(ctx, n));
  const id = addCall(ctx, addLookup(ctx, helper), items).id;
  contain(ctx, id, items);
  // Lists or dicts inside a folded run: an element taken out may be shared with the display.
  if (mutable) ctx.flat.delete(id);
  return id;
}

function countCommas(node: SyntaxNode): number {
  let count = 0;
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === ',') count++;
  return count;
}

function dictDisplay(ctx: AnalysisContext, node: SyntaxNode): string {
  // `k: v` entries need at least 4 characters each: only a long text may fold.
  if (node.to - node.from > 4 * FOLD_AFTER && countCommas(node) >= FOLD_AFTER) return foldedDict(ctx, node);
  const args: CallArg[] = [];
  const kwargs: CallKwarg[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === '{' || n === '}' || n === ',' || n === ':' || n === 'Comment') continue;
    if (n === '**') {
      const next = skipComments(c.nextSibling);
      if (next) {
        kwargs.push({ key: '**', id: evaluate(ctx, next), starred: true });
        c = next;
      }
      continue;
    }
    args.push({ id: evaluate(ctx, c), starred: false });
  }
  return dictCall(ctx, args, kwargs, false);
}

function dictCall(ctx: AnalysisContext, args: CallArg[], kwargs: CallKwarg[], mutable: boolean): string {
  const id = addCall(ctx, addLookup(ctx, 'l_dict'), args, kwargs).id;
  ctx.types.set(id, 'dict');
  contain(ctx, id, args.length === 0 ? kwargs : kwargs.length === 0 ? args : [...args, ...kwargs]);
  if (mutable) ctx.flat.delete(id);
  return id;
}

/** A long dict display: runs of constant `key: value` pairs fold into one Literal each. */
function foldedDict(ctx: AnalysisContext, node: SyntaxNode): string {
  const entries: DictEntry[] = [];
  let key: SyntaxNode | null = null;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === '{' || n === '}' || n === ',' || n === ':' || n === 'Comment') continue;
    if (n === '**') {
      const next = skipComments(c.nextSibling);
      if (next) {
        entries.push({ key: null, value: next });
        c = next;
      }
      continue;
    }
    if (key === null) key = c;
    else {
      entries.push({ key, value: c });
      key = null;
    }
  }
  const { args, kwargs, mutable } = foldDict(ctx, entries, (n) => evaluate(ctx, n));
  // A key without a value (only in broken code): still read it.
  if (key !== null) args.push({ id: evaluate(ctx, key), starred: false });
  return dictCall(ctx, args, kwargs, mutable);
}

function memberExpr(ctx: AnalysisContext, node: SyntaxNode): string {
  const obj = node.firstChild;
  if (!obj) return opaqueExpr(ctx, node);
  const objId = evaluate(ctx, obj);
  const second = obj.nextSibling;
  if (second && second.name === '.') {
    const prop = node.lastChild;
    return getattrCall(ctx, objId, prop && prop.name === 'PropertyName' ? sourceText(ctx, prop) : '');
  }
  const key = subscriptKey(ctx, second, node.lastChild);
  const id = callHelper(ctx, 'getitem', [objId, key]);
  const t = typeOf(ctx, objId);
  if (t && ELEMENT_KEEPS_TYPE.has(t)) {
    ctx.types.set(id, t);
    if (t === NDARRAY) ctx.views.union(rootOf(ctx, objId), id);
  } else if (mayHoldMutable(ctx, rootOf(ctx, objId))) {
    settle(ctx, rootOf(ctx, objId));
    // The element may be a mutable value shared with the container.
    ctx.views.union(rootOf(ctx, objId), id);
  }
  return id;
}

export function getattrCall(ctx: AnalysisContext, objId: string, attr: string): string {
  const id = callHelper(ctx, 'getattr', [objId, addLiteral(ctx, attr, 'str')]);
  const q = qualOf(ctx, objId);
  if (q !== undefined) ctx.quals.set(id, `${q}.${attr}`);
  const t = typeOf(ctx, objId);
  if (t === DATAFRAME && FRAME_VIEW_ATTRS.has(attr)) {
    ctx.types.set(id, DATAFRAME);
    ctx.views.union(rootOf(ctx, objId), id);
  }
  return id;
}

/** The key of `o[...]`: between `open` ("[") and `close` ("]"). Slices become `slice(...)`. */
export function subscriptKey(ctx: AnalysisContext, open: SyntaxNode | null, close: SyntaxNode | null): string {
  const items: string[] = [];
  let group: SyntaxNode[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    if (group.some((g) => g.name === ':')) {
      const parts: Array<string | undefined> = [undefined, undefined, undefined];
      let k = 0;
      for (const g of group) {
        if (g.name === ':') k++;
        else if (k < 3) parts[k] = evaluate(ctx, g);
      }
      const args = [parts[0], parts[1], parts[2]].slice(0, Math.max(2, k + 1)).map((p) => p ?? addLiteral(ctx, null, 'NoneType'));
      items.push(callHelper(ctx, 'slice', args));
    } else if (group.length >= 2 && group[0].name === '*') {
      items.push(evaluate(ctx, group[1]));
    } else {
      items.push(evaluate(ctx, group[0]));
    }
    group = [];
  };
  let sawComma = false;
  for (let c = open?.nextSibling ?? null; c && before(c, close); c = c.nextSibling) {
    if (c.name === ',') {
      sawComma = true;
      flush();
    } else if (c.name !== 'Comment') group.push(c);
  }
  flush();
  if (items.length === 1 && !sawComma) return items[0];
  return callHelper(ctx, 'l_tuple', items);
}

function binaryExpr(ctx: AnalysisContext, node: SyntaxNode): string {
  const left = node.firstChild;
  const right = node.lastChild;
  if (!left || !right || left.from === right.from) return opaqueExpr(ctx, node);
  let op = '';
  for (let c = left.nextSibling; c && before(c, right); c = c.nextSibling) if (c.name !== 'Comment') op += (op ? ' ' : '') + sourceText(ctx, c);
  const name = OPERATORS[op];
  if (!name) return opaqueExpr(ctx, node);
  const l = evaluate(ctx, left);
  const r = evaluate(ctx, right);
  if (name === 'contains') return callHelper(ctx, 'contains', [r, l]);
  if (name === 'not_contains') return callHelper(ctx, 'not_', [callHelper(ctx, 'contains', [r, l])]);
  return callHelper(ctx, name, [l, r]);
}
