/**
 * Opaque units: a compound statement, comprehension, lambda … becomes one Call holding
 * its source text, reading the names it uses and binding a Global per name it writes.
 */
import type { SyntaxNode } from '@lezer/common';
import { analyseUnit, type FunctionFacts, type UnitFacts } from './scopes';
import { type AnalysisContext, originalText, placeOf, sourceText } from './context';
import { addCall, addLookup, addNode } from './nodes';
import { bindName, hold, mayHoldMutable, mutateValue, pseudoValue, qualOf, rootOf, typeOf } from './values';
import { ITERATOR_TYPES } from './rules/builtins';
import { readLazySources, recordLazySources } from './iterators';
import { collectEffects, emptyEffects } from './summaries';
import { boundRead, resolveRead } from './name-reads';
import { isLineapy } from './calls';
import { keepDefinitionEffects, opaqueEffects } from './effects';

/**
 * One Call node for an opaque unit: reads its free names, mutates what it mutates,
 * and binds a Global node per name it writes.
 */
export function opaqueUnit(ctx: AnalysisContext, node: SyntaxNode, facts: UnitFacts, helper: string, readsPrevious: boolean, resultFacts?: FunctionFacts): string {
  const globalReads: Record<string, string> = {};
  const mutated = new Set<string>(facts.mutated);
  for (const name of facts.mutatedElements) {
    const root = ctx.scope.get(name);
    if (root !== undefined && mayHoldMutable(ctx, root)) mutated.add(name);
  }
  // A unit that runs (not a definition) may advance any iterator it reads: a loop over it, `next(it)`.
  const iterators = DEFINES.has(node.name) ? [] : iteratorReads(ctx, facts.reads);
  for (const name of iterators) mutated.add(name);
  const expand = (name: string, seen: Set<string>, bound = false): void => {
    if (seen.has(name)) return;
    seen.add(name);
    // A written name's previous value counts only if the program bound it.
    const id = bound ? boundRead(ctx, name) : resolveRead(ctx, name);
    if (id === undefined) return;
    globalReads[name] = id;
    const fn = ctx.functions.get(rootOf(ctx, id));
    if (!fn) return;
    for (const f of fn.free) expand(f, seen);
  };
  const seen = new Set<string>();
  for (const name of facts.reads) expand(name, seen);
  for (const name of mutated) expand(name, seen);
  if (readsPrevious) for (const name of facts.writes) if (!facts.definite.has(name)) expand(name, seen, true);
  // The unit's calls on names it did not bind: the same summaries as a function body's.
  const effects = emptyEffects();
  collectEffects(ctx, { free: facts.reads, mutatedGlobals: [], globalWrites: [], params: [], mutatedParams: [], effects: facts.effects }, new Map(), effects);
  const callNode = addCall(ctx, addLookup(ctx, helper), [], [], { globalReads, blackBox: originalText(ctx, node) });
  const callId = callNode.id;
  for (const name of iterators) readLazySources(ctx, callId, ctx.scope.get(name)!);
  for (const name in globalReads) {
    const q = qualOf(ctx, globalReads[name]);
    if (q === 'lineapy' || q === 'lineapy.save') {
      reportBlockSaves(ctx, node);
      break;
    }
  }
  const done = new Set<string>();
  for (const name of mutated) {
    const root = ctx.scope.get(name);
    if (root !== undefined) mutateValue(ctx, root, callId, done);
  }
  for (const root of effects.mutate) mutateValue(ctx, root, callId, done);
  for (const which of effects.pseudo) mutateValue(ctx, pseudoValue(ctx, which), callId, done);
  for (const [container, value] of effects.holds) hold(ctx, container, value, false);
  // A generator expression is an iterator that reads the iterators it loops over lazily.
  if (node.name === 'ComprehensionExpression') lazyIterator(ctx, callId, facts.reads);
  // Files and databases the block reads and writes, before its names are rebound.
  const definitionEffects = opaqueEffects(ctx, node, callNode, done);
  // Containment made in the block: the values held, as they were before it ran.
  const held = facts.holds.map((h) => ({ ...h, id: ctx.scope.get(h.held.name) }));
  for (const name of [...facts.writes, ...effects.writes.filter((w) => !facts.writes.includes(w))]) {
    const g = addNode(ctx, { kind: 'Global', name, callId });
    const fn = facts.functions.get(name);
    if (fn) {
      ctx.functions.set(g.id, fn);
      if (isClassDef(ctx, node, name)) ctx.classes.add(g.id);
    }
    bindName(ctx, name, g.id);
  }
  if (definitionEffects) keepDefinitionEffects(ctx, node, definitionEffects);
  for (const h of held) {
    const container = ctx.scope.get(h.container);
    if (container === undefined || h.id === undefined) continue;
    const value = rootOf(ctx, h.id);
    if (qualOf(ctx, container) !== undefined || (h.held.element && !mayHoldMutable(ctx, value))) continue;
    hold(ctx, rootOf(ctx, container), value, h.elements || h.held.element);
  }
  if (resultFacts) ctx.functions.set(callId, resultFacts);
  return callId;
}

export function opaqueExpr(ctx: AnalysisContext, node: SyntaxNode): string {
  const facts = analyseUnit(node, ctx.cell.text);
  return opaqueUnit(ctx, node, facts, 'l_exec_expr', false, facts.lambda);
}

export function opaqueRange(ctx: AnalysisContext, facts: UnitFacts, blackBox: string): string {
  const globalReads: Record<string, string> = {};
  for (const name of facts.reads) {
    const id = resolveRead(ctx, name);
    if (id !== undefined) globalReads[name] = id;
  }
  const callId = addCall(ctx, addLookup(ctx, 'l_exec_expr'), [], [], { globalReads, blackBox }).id;
  const done = new Set<string>();
  const iterators = iteratorReads(ctx, facts.reads);
  for (const name of iterators) readLazySources(ctx, callId, ctx.scope.get(name)!);
  for (const name of new Set([...facts.mutated, ...iterators])) {
    const root = ctx.scope.get(name);
    if (root !== undefined) mutateValue(ctx, root, callId, done);
  }
  // A generator argument (`f(x for x in it)`) is an iterator over what it reads, passed to the call.
  lazyIterator(ctx, callId, facts.reads);
  const effects = emptyEffects();
  collectEffects(ctx, { free: facts.reads, mutatedGlobals: [], globalWrites: [], params: [], mutatedParams: [], effects: facts.effects }, new Map(), effects);
  for (const root of effects.mutate) mutateValue(ctx, root, callId, done);
  for (const which of effects.pseudo) mutateValue(ctx, pseudoValue(ctx, which), callId, done);
  for (const name of facts.writes) bindName(ctx, name, addNode(ctx, { kind: 'Global', name, callId }).id);
  return callId;
}

/** Units that only define something: reading an iterator there does not advance it. */
const DEFINES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression', 'DecoratedStatement']);

/** The names among `reads` bound to an iterator (rules/builtins.ts ITERATOR_TYPES). */
function iteratorReads(ctx: AnalysisContext, reads: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of reads) {
    const root = ctx.scope.get(name);
    if (root !== undefined && ITERATOR_TYPES.has(typeOf(ctx, root) ?? '')) out.push(name);
  }
  return out;
}

/**
 * `id` is a new iterator drawing lazily on what it reads: one view set with the iterators among
 * them (consuming it advances them), and lazy sources for all (a consumer reads their latest versions).
 */
function lazyIterator(ctx: AnalysisContext, id: string, reads: Iterable<string>): void {
  ctx.types.set(id, 'iterator');
  const names = [...reads];
  for (const name of iteratorReads(ctx, names)) ctx.views.union(rootOf(ctx, ctx.scope.get(name)!), id);
  recordLazySources(ctx, id, names.map((n) => ctx.scope.get(n)).filter((r): r is string => r !== undefined));
}

/** `lineapy.save(...)` inside an opaque unit cannot be pinned statically: say so. */
function reportBlockSaves(ctx: AnalysisContext, unit: SyntaxNode): void {
  const cursor = unit.cursor();
  const end = unit.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name !== 'CallExpression') continue;
    const callee = cursor.node.firstChild;
    let isSave = false;
    if (callee?.name === 'VariableName') {
      const root = ctx.scope.get(sourceText(ctx, callee));
      isSave = root !== undefined && qualOf(ctx, root) === 'lineapy.save';
    } else if (callee?.name === 'MemberExpression') isSave = isLineapy(ctx, callee, 'save');
    if (!isSave) continue;
    const line = ctx.cell.lines.lineOf(cursor.from + ctx.cell.base);
    ctx.diagnostics.push({
      severity: 'info',
      code: 'lineapy-save-in-block',
      message: `The lineapy save at ${placeOf(ctx.cell.cellIndex, line)} is inside a block; a lineapy save inside a block is not tracked as an artifact.`,
      cellIndex: ctx.cell.cellIndex,
      sourceCodeId: ctx.cell.sourceCodeId,
      line,
    });
  } while (cursor.next());
}

function isClassDef(ctx: AnalysisContext, node: SyntaxNode, name: string): boolean {
  let n: SyntaxNode | null = node;
  if (n.name === 'DecoratedStatement') n = n.lastChild;
  if (!n || n.name !== 'ClassDefinition') return false;
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === 'VariableName') return sourceText(ctx, c) === name;
  return false;
}
