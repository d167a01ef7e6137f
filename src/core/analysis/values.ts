/**
 * Versions, views and bindings: name → root value, root → latest Mutate, view sets
 * (a mutation reaches every view of a value), and containment of displays.
 */
import type { SyntaxNode } from '@lezer/common';
import type { PseudoValue } from './rules/index';
import { DATAFRAME } from './rules/pandas';
import { MPL_OBJECT } from './rules/matplotlib';
import { NDARRAY } from './rules/ml';
import { type AnalysisContext, sourceText } from './context';
import { addMutate, addName, addNode, nodeById } from './nodes';

/** Types whose elements/slices keep the type (for rules on `df[...]`, `axes[0]`). */
export const ELEMENT_KEEPS_TYPE = new Set([DATAFRAME, MPL_OBJECT, NDARRAY]);

export function rootOf(ctx: AnalysisContext, id: string): string {
  return ctx.versionRoot.get(id) ?? id;
}

export function latestOf(ctx: AnalysisContext, root: string): string {
  return ctx.latest.get(root) ?? root;
}

export function bindName(ctx: AnalysisContext, name: string, valueId: string): void {
  const root = rootOf(ctx, valueId);
  if (ctx.pendingContain.size > 0) settle(ctx, root);
  ctx.scope.set(name, root);
  if (!ctx.bindingSeen.has(name)) {
    ctx.bindingSeen.add(name);
    ctx.bindingOrder.push(name);
  }
  const node = nodeById(ctx, root);
  if (node) addName(ctx, node, name);
  const latest = ctx.latest.get(root);
  if (latest !== undefined) {
    const v = nodeById(ctx, latest);
    if (v) addName(ctx, v, name);
  }
}

/** Mutate the value `id` (any version) and every view of it. Returns the roots touched. */
export function mutateValue(ctx: AnalysisContext, id: string, callId: string, done?: Set<string>): void {
  const root = rootOf(ctx, id);
  for (const member of ctx.views.viewsOf(root)) {
    if (done) {
      if (done.has(member)) continue;
      done.add(member);
    }
    const source = latestOf(ctx, member);
    if (source === callId) continue;
    if (ctx.flat.has(member) && !keepsFlat(ctx, callId, member)) ctx.flat.delete(member);
    const memberNode = nodeById(ctx, member);
    const m = addMutate(ctx, source, callId);
    if (memberNode && memberNode.names.length > 0) m.names = [...memberNode.names];
    ctx.latest.set(member, m.id);
    ctx.versionRoot.set(m.id, member);
  }
}

/** Can the call `callId`, mutating `member`, have put a mutable value into it? No if all its other inputs are immutable. */
function keepsFlat(ctx: AnalysisContext, callId: string, member: string): boolean {
  const call = nodeById(ctx, callId);
  if (!call || call.kind !== 'Call' || call.blackBox !== undefined || ctx.functions.has(rootOf(ctx, call.functionId))) return false;
  for (const a of call.args) {
    const r = rootOf(ctx, a.id);
    if (r !== member && !isImmutableElement(ctx, r)) return false;
  }
  for (const k of call.kwargs) {
    const r = rootOf(ctx, k.id);
    if (r !== member && !isImmutableElement(ctx, r)) return false;
  }
  return true;
}

/** A value that is never changed in place, nor holds anything that is: literals, builtins, tuples of those. */
function isImmutableElement(ctx: AnalysisContext, root: string): boolean {
  const node = nodeById(ctx, root);
  if (!node) return false;
  if (node.kind === 'Literal' || node.kind === 'Lookup') return true;
  return ctx.flat.has(root) && ctx.types.get(root) === 'tuple';
}

/** Can an element taken out of `root` be mutable (and so shared with the container)? */
export function mayHoldMutable(ctx: AnalysisContext, root: string): boolean {
  if (ctx.flat.has(root)) return false;
  const node = nodeById(ctx, root);
  if (node && (node.kind === 'Literal' || node.kind === 'Import')) return false;
  const t = ctx.types.get(root);
  return t === undefined || !ELEMENT_KEEPS_TYPE.has(t);
}

/** A value known to be immutable: a literal, or a tuple/str-typed value. */
export function isImmutable(ctx: AnalysisContext, root: string): boolean {
  const node = nodeById(ctx, root);
  if (node && (node.kind === 'Literal' || node.kind === 'Import')) return true;
  const t = ctx.types.get(root);
  return t === 'tuple' || t === 'str';
}

/** Containment (conservative): a display is in the view set of each element that may be mutable. */
export function contain(ctx: AnalysisContext, displayId: string, items: ReadonlyArray<{ id: string; starred: boolean }>): void {
  let pending: string[] | undefined;
  for (const item of items) {
    const r = rootOf(ctx, item.id);
    // `*xs` / `**m` spread the elements: fine when xs holds only immutable values.
    if (isImmutableElement(ctx, r) || (item.starred && ctx.flat.has(r))) continue;
    (pending ??= []).push(r);
  }
  if (pending) ctx.pendingContain.set(displayId, pending);
  else ctx.flat.add(displayId);
}

/** `container` now holds `value` (or its elements): one view set, unless nothing there can change. */
export function hold(ctx: AnalysisContext, container: string, value: string, elementsOnly: boolean): void {
  if (container === value || isImmutableElement(ctx, value)) return;
  const t = ctx.types.get(container);
  if (t !== undefined && ELEMENT_KEEPS_TYPE.has(t)) return;
  settle(ctx, value);
  if (elementsOnly && !mayHoldMutable(ctx, value)) return;
  ctx.views.union(container, value);
}

/** The display `root` is used as a value: tie it to its (nested) mutable elements. */
export function settle(ctx: AnalysisContext, root: string): void {
  const pending = ctx.pendingContain.get(root);
  if (pending === undefined) return;
  ctx.pendingContain.delete(root);
  for (const r of pending) {
    ctx.views.union(r, root);
    settle(ctx, r);
  }
}

export function pseudoValue(ctx: AnalysisContext, which: PseudoValue): string {
  let id = ctx.pseudo.get(which);
  if (id === undefined) {
    // Pseudo-values have no location: they stand for the outside world, not a line.
    id = addNode(ctx, { kind: 'Lookup', name: which }, false).id;
    ctx.pseudo.set(which, id);
  }
  return id;
}

/** Qualified name of a value; a mutated module (a block called into it) keeps its name. */
export function qualOf(ctx: AnalysisContext, id: string): string | undefined {
  return ctx.quals.get(id) ?? ctx.quals.get(rootOf(ctx, id));
}

export function typeOf(ctx: AnalysisContext, id: string): string | undefined {
  return ctx.types.get(rootOf(ctx, id));
}

/** Mutate a value and, when it was reached through `a.b[c]…`, the base variable too. */
export function mutateChain(ctx: AnalysisContext, objId: string, objNode: SyntaxNode, callId: string): void {
  const done = new Set<string>();
  mutateValue(ctx, objId, callId, done);
  let n: SyntaxNode | null = objNode;
  while (n && n.name === 'MemberExpression') n = n.firstChild;
  if (n && n.name === 'VariableName' && n !== objNode) {
    const root = ctx.scope.get(sourceText(ctx, n));
    if (root !== undefined) mutateValue(ctx, root, callId, done);
  }
}
