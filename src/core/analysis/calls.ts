/**
 * Calls: arguments, `lineapy.save`/`get`, user functions and classes, and the library
 * mutation rules (`rules/`).
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallArg, CallKwarg, CallNode } from '../model';
import { functionRules, methodRules, normaliseQualname, type ArgRef, type CallRule } from './rules/index';
import { ITERATOR_TYPES } from './rules/builtins';
import { readLazySources, recordLazySources } from './iterators';
import { analyseComprehensionRange, type FunctionFacts } from './scopes';
import { collectEffects, emptyEffects, passedFunctionEffects, type Effects } from './summaries';
import { type AnalysisContext, sourceText } from './context';
import { NO_READS, addCall, addNode } from './nodes';
import { bindName, hold, mutateChain, mutateValue, pseudoValue, qualOf, rootOf, typeOf } from './values';
import { callRuleEffects, rangeEffects, userFunctionEffects } from './effects';
import { lineapyCall } from './lineapy';
import { resolveRead } from './name-reads';
import { before, evaluate, getattrCall, skipComments, walrusValue } from './expressions';
import { opaqueExpr, opaqueRange } from './opaque';
import { decodeString } from './strings';

export function callExpr(ctx: AnalysisContext, node: SyntaxNode): string {
  const callee = node.firstChild;
  const argList = node.lastChild && node.lastChild.name === 'ArgList' ? node.lastChild : null;
  if (!callee) return opaqueExpr(ctx, node);

  let receiverId: string | undefined;
  let receiverNode: SyntaxNode | null = null;
  let method: string | undefined;
  let fnId: string;
  if (callee.name === 'MemberExpression' && callee.firstChild?.nextSibling?.name === '.') {
    receiverNode = callee.firstChild;
    receiverId = evaluate(ctx, receiverNode);
    const prop = callee.lastChild;
    method = prop && prop.name === 'PropertyName' ? sourceText(ctx, prop) : '';
    fnId = getattrCall(ctx, receiverId, method);
  } else {
    fnId = evaluate(ctx, callee);
  }
  const { args, kwargs } = callArguments(ctx, argList);
  const callNode = addCall(ctx, fnId, args, kwargs);
  const callId = callNode.id;
  const rawQual = qualOf(ctx, fnId);
  const qual = rawQual !== undefined ? normaliseQualname(rawQual) : undefined;

  if (qual !== undefined && qual.startsWith('lineapy.') && lineapyCall(ctx, qual, callNode, args, kwargs, argList)) return callId;

  // User functions, lambdas and classes.
  const fnRoot = rootOf(ctx, fnId);
  const facts = ctx.functions.get(fnRoot);
  if (facts) {
    const init = ctx.classes.has(fnRoot) ? facts.methods?.get('__init__') : undefined;
    applyUserCall(ctx, callNode, facts, args, kwargs, undefined);
    // `__init__(self, …)`: its parameters take the arguments; `self` is the new object.
    if (init) applyUserCall(ctx, callNode, init, args, kwargs, callId);
    userFunctionEffects(ctx, callNode, fnRoot);
    if (ctx.classes.has(fnRoot)) ctx.instances.set(callId, facts);
    // A generator function's call, or an instance of a class with `__next__`, is an iterator.
    if (facts.generator || (ctx.classes.has(fnRoot) && facts.methods?.has('__next__'))) ctx.types.set(callId, 'iterator');
  } else if (receiverId !== undefined && method !== undefined && qual === undefined) {
    const inst = ctx.instances.get(rootOf(ctx, receiverId));
    if (inst) {
      // A method with known facts mutates its receiver only if its body does; otherwise conservative.
      const methodFacts = inst.methods?.get(method);
      const mutatesSelf = applyUserCall(ctx, callNode, methodFacts ?? inst, args, kwargs, methodFacts ? receiverId : undefined);
      if (!methodFacts || mutatesSelf) mutateChain(ctx, receiverId, receiverNode as SyntaxNode, callId);
    }
  }

  // User functions passed as arguments to anything else may be called by it.
  if (!facts && ctx.functions.size > 0) {
    let passed: string[] | undefined;
    for (const a of args) if (ctx.functions.has(rootOf(ctx, a.id))) (passed ??= []).push(a.id);
    for (const k of kwargs) if (ctx.functions.has(rootOf(ctx, k.id))) (passed ??= []).push(k.id);
    if (passed) {
      const effects = emptyEffects();
      passedFunctionEffects(ctx, passed, effects);
      applyEffects(ctx, callId, effects);
    }
  }

  // Library rules.
  let rules: CallRule[] = [];
  if (qual !== undefined) rules = functionRules(qual);
  else if (method !== undefined && receiverId !== undefined) rules = methodRules(method, typeOf(ctx, receiverId));
  if (rules.length > 0) applyRules(ctx, rules, callNode, args, kwargs, receiverId, receiverNode, argList);
  consumeIterators(ctx, callId, args, kwargs);
  return callId;
}

/**
 * Any call given an iterator may advance it (`next(it)`, `list(it)`, `sum(it)`, a user
 * function's loop): each iterator argument is mutated by the call, and the call reads the latest
 * versions of what that iterator draws on (iterators.ts). An iterator made from another
 * (`map(f, it)`, `zip(it, ys)`) becomes a view of it (consuming the new one advances the old) and
 * records its arguments as lazy sources.
 */
function consumeIterators(ctx: AnalysisContext, callId: string, args: CallArg[], kwargs: CallKwarg[]): void {
  let done: Set<string> | undefined;
  const makesIterator = ITERATOR_TYPES.has(ctx.types.get(callId) ?? '');
  const all = [...args, ...kwargs];
  for (const a of all) {
    if (!ITERATOR_TYPES.has(typeOf(ctx, a.id) ?? '')) continue;
    readLazySources(ctx, callId, a.id);
    mutateValue(ctx, a.id, callId, (done ??= new Set()));
    if (makesIterator) ctx.views.union(rootOf(ctx, a.id), callId);
  }
  if (makesIterator) recordLazySources(ctx, callId, all.map((a) => a.id));
}

function callArguments(ctx: AnalysisContext, argList: SyntaxNode | null): { args: CallArg[]; kwargs: CallKwarg[]; firstLiteral?: string } {
  const args: CallArg[] = [];
  const kwargs: CallKwarg[] = [];
  if (!argList) return { args, kwargs };
  let start: SyntaxNode | null = skipComments(argList.firstChild?.nextSibling ?? null);
  for (let c = start; c; c = c.nextSibling) {
    if (c.name !== ',' && c.name !== ')') continue;
    const end = c;
    const first = start;
    start = skipComments(c.nextSibling);
    if (!first || !before(first, end)) continue;
    let isGenerator = false;
    for (let d: SyntaxNode | null = first; d && before(d, end); d = d.nextSibling) if (d.name === 'for') isGenerator = true;
    if (isGenerator) {
      const facts = analyseComprehensionRange(first, end, ctx.cell.text);
      const blackBox = ctx.sourceCodes[ctx.sourceCodes.length - 1].code.slice(first.from + ctx.cell.base, end.from + ctx.cell.base).trim();
      const genId = opaqueRange(ctx, facts, blackBox);
      rangeEffects(ctx, genId, first, end);
      args.push({ id: genId, starred: false });
      continue;
    }
    if (first.name === '*' || first.name === '**') {
      const v = skipComments(first.nextSibling);
      if (!v || !before(v, end)) continue;
      if (first.name === '*') args.push({ id: evaluate(ctx, v), starred: true });
      else kwargs.push({ key: '**', id: evaluate(ctx, v), starred: true });
      continue;
    }
    const op = skipComments(first.nextSibling);
    if (first.name === 'VariableName' && op && before(op, end) && op.name === 'AssignOp') {
      const v = skipComments(op.nextSibling);
      if (!v || !before(v, end)) continue;
      if (sourceText(ctx, op) === ':=') {
        const value = walrusValue(ctx, v);
        bindName(ctx, sourceText(ctx, first), value);
        args.push({ id: value, starred: false });
      } else {
        kwargs.push({ key: sourceText(ctx, first), id: evaluate(ctx, v), starred: false });
      }
      continue;
    }
    args.push({ id: evaluate(ctx, first), starred: false });
  }
  return { args, kwargs };
}

export function isLineapy(ctx: AnalysisContext, node: SyntaxNode | null, attr: string): boolean {
  if (!node || node.name !== 'MemberExpression') return false;
  const obj = node.firstChild;
  const prop = node.lastChild;
  if (!obj || !prop || prop.name !== 'PropertyName' || sourceText(ctx, prop) !== attr) return false;
  if (obj.name !== 'VariableName') return false;
  const root = ctx.scope.get(sourceText(ctx, obj));
  return root !== undefined && qualOf(ctx, root) === 'lineapy';
}

export function stringArg(ctx: AnalysisContext, argList: SyntaxNode | null, index: number, keyword: string): string | undefined {
  if (!argList) return undefined;
  let i = 0;
  for (let c = argList.firstChild?.nextSibling ?? null; c && c.name !== ')'; c = c.nextSibling) {
    if (c.name === ',') {
      i++;
      continue;
    }
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
      if (sourceText(ctx, c) === keyword) {
        const v = c.nextSibling.nextSibling;
        if (v && v.name === 'String') return String(decodeString(sourceText(ctx, v))[0]);
      }
      c = c.nextSibling;
      continue;
    }
    if (i === index && c.name === 'String') return String(decodeString(sourceText(ctx, c))[0]);
  }
  return undefined;
}

function applyUserCall(ctx: AnalysisContext, callNode: CallNode, facts: FunctionFacts, args: CallArg[], kwargs: CallKwarg[], receiverId: string | undefined): boolean {
  const seen = new Set<string>();
  const expand = (f: FunctionFacts): void => {
    for (const name of f.free) {
      if (seen.has(name)) continue;
      seen.add(name);
      const id = resolveRead(ctx, name);
      if (id === undefined) continue;
      if (callNode.globalReads === NO_READS) callNode.globalReads = {};
      callNode.globalReads[name] = id;
      const inner = ctx.functions.get(rootOf(ctx, id));
      if (inner) expand(inner);
    }
  };
  expand(facts);
  // Parameters take the arguments (positional, then keyword; `self` is the receiver).
  const offset = receiverId !== undefined ? 1 : 0;
  const argFor = new Map<string, string>();
  if (receiverId !== undefined && facts.params.length > 0) argFor.set(facts.params[0], receiverId);
  for (let i = offset; i < facts.params.length; i++) {
    const p = facts.params[i];
    const pos = i - offset;
    const arg = kwargs.find((k) => k.key === p) ?? (pos < args.length && !args[pos].starred ? args[pos] : undefined);
    if (arg) argFor.set(p, arg.id);
  }
  const effects = emptyEffects();
  collectEffects(ctx, facts, argFor, effects);
  applyEffects(ctx, callNode.id, effects);
  return receiverId !== undefined && effects.mutate.has(rootOf(ctx, receiverId));
}

/** Mutate, hold and rebind what a summary says, as the call `callId`. */
function applyEffects(ctx: AnalysisContext, callId: string, effects: Effects): void {
  const done = new Set<string>();
  for (const root of effects.mutate) mutateValue(ctx, root, callId, done);
  for (const which of effects.pseudo) mutateValue(ctx, pseudoValue(ctx, which), callId, done);
  for (const [container, value] of effects.holds) hold(ctx, container, value, false);
  for (const name of effects.writes) bindName(ctx, name, addNode(ctx, { kind: 'Global', name, callId }).id);
}

function argOf(ctx: AnalysisContext, ref: ArgRef, args: CallArg[], kwargs: CallKwarg[], receiverId: string | undefined): string | undefined {
  if (ref === 'self') return receiverId;
  if (typeof ref === 'number') return args[ref] && !args[ref].starred ? args[ref].id : undefined;
  const kw = kwargs.find((k) => k.key === ref.kw);
  if (kw) return kw.id;
  return ref.pos !== undefined && args[ref.pos] ? args[ref.pos].id : undefined;
}

function applyRules(ctx: AnalysisContext, 
  rules: CallRule[],
  callNode: CallNode,
  args: CallArg[],
  kwargs: CallKwarg[],
  receiverId: string | undefined,
  receiverNode: SyntaxNode | null,
  argList: SyntaxNode | null,
): void {
  const callId = callNode.id;
  const done = new Set<string>();
  let holding: CallRule[] | undefined;
  for (const rule of rules) {
    if (rule.when && !kwargIs(ctx, argList, rule.when.kw, rule.when.equals)) continue;
    // Files and databases read and written (effects.ts); an SQL query that only reads mutates nothing.
    const readOnly = callRuleEffects(ctx, rule, callNode, args, kwargs, receiverId, done);
    if (readOnly) continue;
    for (const ref of rule.mutates ?? []) {
      const id = argOf(ctx, ref, args, kwargs, receiverId);
      if (id === undefined) continue;
      if (ref === 'self' && receiverNode) mutateChain(ctx, id, receiverNode, callId);
      else mutateValue(ctx, id, callId, done);
    }
    if (receiverId !== undefined && (rule.holds || rule.holdsElementsOf)) (holding ??= []).push(rule);
    for (const ref of rule.viewOf ?? []) {
      const id = argOf(ctx, ref, args, kwargs, receiverId);
      if (id !== undefined) ctx.views.union(rootOf(ctx, id), callId);
    }
    if (rule.returns) ctx.types.set(callId, rule.returns);
  }
  // Containment after the mutations: the receiver holds its new contents from now on.
  if (holding && receiverId !== undefined) {
    const container = rootOf(ctx, receiverId);
    for (const rule of holding) {
      for (const ref of rule.holds ?? []) {
        const id = argOf(ctx, ref, args, kwargs, receiverId);
        if (id !== undefined) hold(ctx, container, rootOf(ctx, id), false);
      }
      for (const ref of rule.holdsElementsOf ?? []) {
        const id = argOf(ctx, ref, args, kwargs, receiverId);
        if (id !== undefined) hold(ctx, container, rootOf(ctx, id), true);
      }
    }
  }
}

/** Is keyword `kw` given as the literal `value` in this argument list? */
function kwargIs(ctx: AnalysisContext, argList: SyntaxNode | null, kw: string, value: boolean | string | number): boolean {
  if (!argList) return false;
  for (let c = argList.firstChild; c; c = c.nextSibling) {
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp' && sourceText(ctx, c) === kw) {
      const v = c.nextSibling.nextSibling;
      if (!v) return false;
      const text = sourceText(ctx, v);
      if (typeof value === 'boolean') return text === (value ? 'True' : 'False');
      if (typeof value === 'number') return Number(text) === value;
      return v.name === 'String' && decodeString(text)[0] === value;
    }
  }
  return false;
}
