/**
 * Folding of long constant displays (issue 13): in a list/tuple/dict display with more
 * than FOLD_AFTER elements, each run of at least MIN_FOLDED_RUN constant elements becomes
 * ONE Literal node (`elided` = how many elements it stands for), passed as a starred
 * argument: `[0, 1, …, 999_999]` is analysed as `l_list(*(0, 1, …, 999_999))`, two nodes
 * instead of a million. The Literal's value is the run's source text, and the statement's
 * location is kept, so slices (source text) lose nothing.
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallArg } from '../model';
import type { AnalysisContext } from './context';
import { addLiteral, nodeById } from './nodes';

/** Displays with more elements than this fold their runs of constants. */
export const FOLD_AFTER = 64;
/** Shorter runs of constants are analysed element by element. */
export const MIN_FOLDED_RUN = 8;

/** A constant: a number, string (not an f-string), bool, None, `...`, `-1`, or a display of constants. */
export function isConstant(node: SyntaxNode): boolean {
  switch (node.name) {
    case 'Number':
    case 'String':
    case 'Boolean':
    case 'None':
    case 'Ellipsis':
      return true;
    case 'ContinuedString':
      for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'String') return false;
      return true;
    case 'UnaryExpression': {
      const op = node.firstChild;
      const operand = op?.nextSibling;
      return !!operand && op?.name === 'ArithOp' && operand.name === 'Number' && operand.nextSibling === null;
    }
    case 'ParenthesizedExpression':
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'DictionaryExpression':
      for (let c = node.firstChild; c; c = c.nextSibling) {
        const n = c.name;
        if (n === '(' || n === ')' || n === '[' || n === ']' || n === '{' || n === '}' || n === ',' || n === ':') continue;
        if (!isConstant(c)) return false;
      }
      return true;
    default:
      return false;
  }
}

/** Does a constant hold a list or dict (a mutable value inside the folded run)? */
function holdsMutable(node: SyntaxNode): boolean {
  if (node.name === 'ArrayExpression' || node.name === 'DictionaryExpression') return true;
  if (node.name !== 'ParenthesizedExpression' && node.name !== 'TupleExpression') return false;
  for (let c = node.firstChild; c; c = c.nextSibling) if (holdsMutable(c)) return true;
  return false;
}

/** One folded run: a Literal with the run's source text as its value. */
function foldedLiteral(ctx: AnalysisContext, first: SyntaxNode, last: SyntaxNode, count: number, valueType: 'tuple' | 'dict'): string {
  const code = ctx.sourceCodes[ctx.sourceCodes.length - 1].code;
  const text = code.slice(first.from + ctx.cell.base, last.to + ctx.cell.base);
  const id = addLiteral(ctx, valueType === 'dict' ? `{${text}}` : `(${text})`, valueType);
  const node = nodeById(ctx, id);
  if (node && node.kind === 'Literal') node.elided = count;
  return id;
}

export interface FoldedItems {
  items: CallArg[];
  /** A folded run holds lists or dicts: the display may hold mutable values. */
  mutable: boolean;
}

/**
 * Evaluate the elements of a long sequence display, folding runs of constants.
 * `elements` are the display's elements in order (`starred` for `*x`).
 */
export function foldSequence(ctx: AnalysisContext, elements: ReadonlyArray<{ node: SyntaxNode; starred: boolean }>, evaluate: (node: SyntaxNode) => string): FoldedItems {
  const items: CallArg[] = [];
  let mutable = false;
  let i = 0;
  while (i < elements.length) {
    let j = i;
    while (j < elements.length && !elements[j].starred && isConstant(elements[j].node)) j++;
    if (j - i >= MIN_FOLDED_RUN) {
      for (let k = i; k < j && !mutable; k++) mutable = holdsMutable(elements[k].node);
      items.push({ id: foldedLiteral(ctx, elements[i].node, elements[j - 1].node, j - i, 'tuple'), starred: true });
      i = j;
      continue;
    }
    const stop = Math.max(j, i + 1);
    for (; i < stop; i++) items.push({ id: evaluate(elements[i].node), starred: elements[i].starred });
  }
  return { items, mutable };
}

/** A dict display entry: `key: value`, or `**mapping` (key null). */
export interface DictEntry {
  key: SyntaxNode | null;
  value: SyntaxNode;
}

/** Like foldSequence for a dict display: runs of constant pairs become one `**{…}` Literal. */
export function foldDict(
  ctx: AnalysisContext,
  entries: readonly DictEntry[],
  evaluate: (node: SyntaxNode) => string,
): { args: CallArg[]; kwargs: Array<{ key: string; id: string; starred: boolean }>; mutable: boolean } {
  const args: CallArg[] = [];
  const kwargs: Array<{ key: string; id: string; starred: boolean }> = [];
  let mutable = false;
  const constantPair = (e: DictEntry): boolean => e.key !== null && isConstant(e.key) && isConstant(e.value);
  let i = 0;
  while (i < entries.length) {
    let j = i;
    while (j < entries.length && constantPair(entries[j])) j++;
    if (j - i >= MIN_FOLDED_RUN) {
      for (let k = i; k < j && !mutable; k++) mutable = holdsMutable(entries[k].value);
      kwargs.push({ key: '**', id: foldedLiteral(ctx, entries[i].key as SyntaxNode, entries[j - 1].value, j - i, 'dict'), starred: true });
      i = j;
      continue;
    }
    const stop = Math.max(j, i + 1);
    for (; i < stop; i++) {
      const e = entries[i];
      if (e.key === null) kwargs.push({ key: '**', id: evaluate(e.value), starred: true });
      else {
        args.push({ id: evaluate(e.key), starred: false });
        args.push({ id: evaluate(e.value), starred: false });
      }
    }
  }
  return { args, kwargs, mutable };
}
