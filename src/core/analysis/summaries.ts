/**
 * Function effect summaries: what a call to a user function (or an opaque unit) mutates,
 * resolved at call time from the facts `scopes/` recorded for the body. A body's calls
 * go through the same rule tables as top-level calls (`rules/`): `np.sqrt(v)` mutates
 * nothing, `lst.append(x)` mutates `lst`, `df.drop(..., inplace=True)` mutates `df`, and a
 * call of another user function inherits its effects (recursion is cut at the repeat).
 * Unknown methods on values of unknown type stay conservative: they mutate their receiver
 * (the argument or global), never every global the body reads.
 */
import { functionRules, methodRules, normaliseQualname, type ArgRef, type CallRule, type PseudoValue } from './rules/index';
import { PURE_METHODS, type CallEffect, type EffectName, type FunctionFacts } from './scopes';
import type { AnalysisContext } from './context';
import { mayHoldMutable, qualOf, rootOf, typeOf } from './values';

export interface Effects {
  /** Root values mutated in place. */
  mutate: Set<string>;
  /** Globals rebound (`global x`). */
  writes: string[];
  /** The outside world written (`file_system`, `db`). */
  pseudo: Set<PseudoValue>;
  /** container root → values it now holds (`lst.append(x)` in a body). */
  holds: Array<[string, string]>;
  /** Summaries expanded with no arguments (their result does not depend on the call): once each. */
  expanded: Set<FunctionFacts>;
  /** Expansions left for this call (a diamond of helpers must not expand exponentially). */
  budget: number;
}

/**
 * User functions passed to another call (`sorted(xs, key=f)`, `map(f, xs)`): they may be
 * called with anything, so their effects on globals count (their parameters map to nothing).
 */
export function passedFunctionEffects(ctx: AnalysisContext, ids: readonly string[], out: Effects): void {
  for (const id of ids) {
    const fn = ctx.functions.get(rootOf(ctx, id));
    if (fn) collectEffects(ctx, fn, new Map(), out);
  }
}

export function emptyEffects(): Effects {
  return { mutate: new Set(), writes: [], pseudo: new Set(), holds: [], expanded: new Set(), budget: MAX_EXPANSIONS };
}

/** Parameter name → the argument's value id, for a call with these arguments. */
export type ArgMap = ReadonlyMap<string, string>;

const MAX_DEPTH = 24;
const MAX_EXPANSIONS = 500;

/**
 * Add to `out` the effects of running a body with `facts`, its parameters bound by
 * `argFor`. `stack` holds the summaries being expanded (recursion stops there: a recursive
 * call's effects are the function's own, already being collected).
 */
export function collectEffects(ctx: AnalysisContext, facts: FunctionFacts, argFor: ArgMap, out: Effects, stack: FunctionFacts[] = []): void {
  if (stack.includes(facts) || stack.length > MAX_DEPTH) return;
  if (argFor.size === 0) {
    if (out.expanded.has(facts)) return;
    out.expanded.add(facts);
  }
  if (--out.budget < 0) {
    // Out of budget: conservative, everything this body was given may have changed.
    for (const id of argFor.values()) out.mutate.add(rootOf(ctx, id));
    for (const g of facts.free) {
      const id = ctx.scope.get(g);
      if (id !== undefined && qualOf(ctx, id) === undefined && !ctx.functions.has(rootOf(ctx, id))) out.mutate.add(rootOf(ctx, id));
    }
    return;
  }
  stack.push(facts);
  const params = new Set(facts.params);
  const param = (name: string): string | undefined => {
    const id = argFor.get(name);
    if (id !== undefined) return id;
    // Not passed: the default, when it is a module-level name (`def f(v=base)`).
    const d = facts.defaults?.[name];
    return d !== undefined ? ctx.scope.get(d) : undefined;
  };
  const valueOf = (name: string): string | undefined => (params.has(name) ? param(name) : ctx.scope.get(name));
  const mutateName = (n: EffectName | null): void => {
    if (!n) return;
    const id = valueOf(n.name);
    if (id === undefined) return;
    const root = rootOf(ctx, id);
    if (n.element && !mayHoldMutable(ctx, root)) return;
    out.mutate.add(root);
  };
  for (const g of facts.mutatedGlobals) {
    const id = ctx.scope.get(g);
    if (id !== undefined) out.mutate.add(rootOf(ctx, id));
  }
  for (const p of facts.mutatedParams) {
    const id = param(p);
    if (id !== undefined) out.mutate.add(rootOf(ctx, id));
  }
  for (const w of facts.globalWrites) if (!out.writes.includes(w)) out.writes.push(w);
  const called = new Set<string>();
  for (const e of facts.effects) {
    if (e.method === undefined) called.add(e.base);
    callEffect(ctx, e, valueOf, mutateName, out, stack);
  }
  // A user function the body only refers to (`map(helper, xs)`, `key=helper`) may be
  // called with anything: its effects on globals count, its parameters map to nothing.
  for (const name of facts.free) {
    if (called.has(name) || params.has(name)) continue;
    const id = ctx.scope.get(name);
    const inner = id !== undefined ? ctx.functions.get(rootOf(ctx, id)) : undefined;
    if (inner) collectEffects(ctx, inner, new Map(), out, stack);
  }
  stack.pop();
}

function callEffect(
  ctx: AnalysisContext,
  e: CallEffect,
  valueOf: (name: string) => string | undefined,
  mutateName: (n: EffectName | null) => void,
  out: Effects,
  stack: FunctionFacts[],
): void {
  const baseId = valueOf(e.base);
  if (baseId === undefined) {
    // Not bound yet (or a builtin): only an unknown method on it could matter, and a
    // builtin has no state of its own.
    return;
  }
  const base = rootOf(ctx, baseId);
  const argRef = (ref: ArgRef): EffectName | null | 'self' => {
    if (ref === 'self') return 'self';
    if (typeof ref === 'number') return e.args[ref] ?? null;
    const kw = e.kwargs.find((k) => k.key === ref.kw);
    if (kw) return kw.name;
    return ref.pos !== undefined ? (e.args[ref.pos] ?? null) : null;
  };
  const applyRules = (rules: CallRule[]): void => {
    for (const rule of rules) {
      if (rule.when && !literalIs(e.kwargs.find((k) => k.key === rule.when?.kw)?.literal, rule.when.equals)) continue;
      for (const ref of rule.mutates ?? []) {
        const n = argRef(ref);
        if (n === 'self') out.mutate.add(base);
        else mutateName(n);
      }
      if (rule.writes) out.pseudo.add(rule.writes);
      for (const ref of rule.holds ?? []) {
        const n = argRef(ref);
        const id = n && n !== 'self' ? valueOf(n.name) : undefined;
        if (id !== undefined && e.path.length === 0) out.holds.push([base, rootOf(ctx, id)]);
      }
    }
  };
  const fn = ctx.functions.get(base);
  if (e.method === undefined) {
    if (fn) {
      // A user function or class: its parameters take these arguments.
      collectEffects(ctx, fn, argMap(fn, e, valueOf, 0, undefined), out, stack);
      return;
    }
    const q = qualOf(ctx, baseId);
    if (q !== undefined && e.path.length === 0) applyRules(functionRules(normaliseQualname(q)));
    return;
  }
  const q = qualOf(ctx, baseId);
  if (q !== undefined) {
    // A module (or something imported): reading it is not mutating it; its rules say what is.
    applyRules(functionRules(normaliseQualname([q, ...e.path, e.method].join('.'))));
    return;
  }
  if (e.path.length === 0) {
    const inst = ctx.instances.get(base);
    const method = inst?.methods?.get(e.method);
    if (method) {
      collectEffects(ctx, method, argMap(method, e, valueOf, 1, base), out, stack);
      return;
    }
    if (inst) {
      out.mutate.add(base);
      collectEffects(ctx, inst, new Map(), out, stack);
      return;
    }
  }
  const type = e.path.length === 0 ? typeOf(ctx, base) : undefined;
  const rules = methodRules(e.method, type);
  if (rules.length > 0) applyRules(rules);
  else if (type === undefined && (!PURE_METHODS.has(e.method) || e.kwargs.some((k) => k.key === 'inplace' && k.literal === 'True'))) {
    // Unknown receiver and method: it may change its receiver (and only that).
    out.mutate.add(base);
  }
}

/** Parameter → value for a call effect of `fn` (`offset` 1 for a method: `self` is the receiver). */
function argMap(fn: FunctionFacts, e: CallEffect, valueOf: (name: string) => string | undefined, offset: number, receiver: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (offset === 1 && receiver !== undefined && fn.params.length > 0) map.set(fn.params[0], receiver);
  for (let i = offset; i < fn.params.length; i++) {
    const p = fn.params[i];
    const kw = e.kwargs.find((k) => k.key === p);
    const n = kw ? kw.name : (e.args[i - offset] ?? null);
    const id = n ? valueOf(n.name) : undefined;
    if (id !== undefined) map.set(p, id);
  }
  return map;
}

/** Is the literal text `text` the rule's value? */
export function literalIs(text: string | undefined, value: boolean | string | number): boolean {
  if (text === undefined) return false;
  if (typeof value === 'boolean') return text === (value ? 'True' : 'False');
  if (typeof value === 'number') return Number(text) === value;
  const m = /^[rRuU]?(['"])(.*)\1$/s.exec(text);
  return m !== null && m[2] === value;
}
