/**
 * Static self-check of a slice (issue 14): does the slice read a name it never binds?
 *
 * Each top-level statement unit is analysed once with the shared free-variable analysis
 * (`../analysis/scopes.ts`, Python's scoping rules). The units of a slice are then walked
 * in order with this rule:
 *
 * - A name read by code that runs when its unit runs (module level, class bodies,
 *   decorators, default values, comprehensions, `del x`) must be bound by an earlier unit
 *   of the slice, or earlier in its own unit.
 * - A name read inside a function or lambda body resolves when the function is called: it
 *   must be bound somewhere in the slice (by the end). When a unit reads a function's name
 *   at module level (a call, or passing it on), that is where its free names are looked
 *   for first (the net then adds the definition that reaches that point); functions it
 *   reads are followed, and the globals it rebinds (`global x; x = …`) count as bound from
 *   there on. A function called before a later rebinding in the slice is not flagged.
 * - Builtins (Python 3.14 as Pyodide ships it), `__name__`/`__file__`…, and IPython's
 *   names are always bound. After a `from m import *` in the slice, any other name may be
 *   bound: it is not counted as missing but listed as coming possibly from the star import.
 * - `except E as n` does not leave `n` bound; `del x` unbinds `x`. A unit that does not
 *   parse (or nests too deep) binds what it can and is not checked.
 */
import { analyseUnit, type UnitFacts } from '../analysis/scopes';
import { isPredefinedName } from '../python/builtins';
import { findSyntaxErrors, findTooDeepNesting } from '../python/parse';
import { parsePython3 } from '../python/print-mask';

export interface FunctionNames {
  /** Names its body reads from module level when it is called. */
  free: readonly string[];
  /** Globals it rebinds (`global x; x = …`). */
  globalWrites: readonly string[];
}

export interface UnitNames {
  immediate: readonly string[];
  immediateAll: readonly string[];
  deferred: readonly string[];
  binds: readonly string[];
  unbound: readonly string[];
  starImports: readonly string[];
  /** Functions and classes the unit defines: names read when called, globals rebound. */
  functions: ReadonlyMap<string, FunctionNames>;
  /** The unit did not parse: its reads are not checked. */
  unknown: boolean;
}

export const NO_UNIT_NAMES: UnitNames = {
  immediate: [],
  immediateAll: [],
  deferred: [],
  binds: [],
  unbound: [],
  starImports: [],
  functions: new Map(),
  unknown: false,
};

/** Free-name facts of one unit's text (IPython syntax already blanked). */
export function unitNames(text: string): UnitNames {
  if (text.trim() === '') return NO_UNIT_NAMES;
  if (findTooDeepNesting(text) !== undefined) return { ...NO_UNIT_NAMES, unknown: true };
  let facts: UnitFacts;
  let unknown: boolean;
  try {
    const tree = parsePython3(text);
    unknown = findSyntaxErrors(tree).length > 0;
    facts = analyseUnit(tree.topNode, text);
  } catch {
    // A tree too deep to walk: nothing is known.
    return { ...NO_UNIT_NAMES, unknown: true };
  }
  const functions = new Map<string, FunctionNames>();
  for (const [name, f] of facts.functions) functions.set(name, { free: f.free, globalWrites: f.globalWrites });
  return {
    immediate: unknown ? [] : facts.immediate,
    immediateAll: unknown ? [] : facts.immediateAll,
    deferred: unknown ? [] : facts.deferred,
    binds: facts.binds,
    unbound: facts.unbound,
    starImports: facts.starImports,
    functions,
    unknown,
  };
}

export interface UnboundRead {
  name: string;
  /** Index (in the checked list) of the unit where the name is first needed; the list's length for "by the end". */
  at: number;
}

export interface NameCheck {
  /** Names read but never bound, in the order found. */
  unbound: UnboundRead[];
  /** Names that are bound only if a star import in the slice provides them. */
  fromStarImport: string[];
  /** Names bound after the last unit, in first-binding order. */
  bound: string[];
}

/** Checks units in execution order (see the rule at the top of this file). */
export function checkNames(units: readonly UnitNames[], provided: ReadonlySet<string> = new Set()): NameCheck {
  const bound = new Set<string>(provided);
  const everBound = new Set<string>(provided);
  const functions = new Map<string, FunctionNames>();
  const firstNeeded = new Map<string, number>();
  let starSeen = false;
  const fromStar = new Set<string>();
  const unbound: UnboundRead[] = [];
  const missing = new Set<string>();

  const need = (name: string, at: number, later: boolean): void => {
    if (isPredefinedName(name) || bound.has(name)) return;
    if (later) {
      // The first call site wins over "by the end".
      const was = firstNeeded.get(name);
      if (was === undefined || (was === units.length && at < was)) firstNeeded.set(name, at);
      return;
    }
    if (starSeen) fromStar.add(name);
    else if (!missing.has(name)) {
      missing.add(name);
      unbound.push({ name, at });
    }
  };
  const bind = (name: string): void => {
    bound.add(name);
    everBound.add(name);
  };

  units.forEach((u, i) => {
    for (const r of u.immediate) need(r, i, false);
    for (const b of u.binds) {
      bind(b);
      functions.delete(b);
    }
    for (const n of u.unbound) bound.delete(n);
    for (const [name, f] of u.functions) functions.set(name, f);
    if (u.starImports.length > 0) starSeen = true;
    // Functions read at module level: their free names are needed from here.
    const seen = new Set<string>();
    const stack = u.immediateAll.filter((n) => functions.has(n));
    while (stack.length > 0) {
      const name = stack.pop() ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      const f = functions.get(name);
      if (!f) continue;
      for (const g of f.globalWrites) bind(g);
      for (const n of f.free) {
        if (functions.has(n)) stack.push(n);
        else need(n, i, true);
      }
    }
    for (const n of u.deferred) need(n, units.length, true);
  });
  // Names read by function bodies: bound anywhere in the slice (or by a function's `global`).
  for (const f of functions.values()) for (const g of f.globalWrites) everBound.add(g);
  for (const [name, at] of firstNeeded) {
    if (everBound.has(name) || isPredefinedName(name) || missing.has(name)) continue;
    if (starSeen) fromStar.add(name);
    else {
      missing.add(name);
      unbound.push({ name, at });
    }
  }
  return { unbound, fromStarImport: [...fromStar], bound: [...bound].filter((n) => !provided.has(n)) };
}
