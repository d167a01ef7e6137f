/**
 * What the free-variable analysis reports: the facts of a unit (UnitFacts), of each
 * function, class or lambda it defines (FunctionFacts), and the calls whose effect depends
 * on their receiver or callee at call time (CallEffect).
 */

export interface FunctionFacts {
  /** Free names of the body (globals it reads when called), in first-use order. */
  free: string[];
  /** Globals the body mutates in place (method call, subscript/attribute store). */
  mutatedGlobals: string[];
  /** Globals the body rebinds through a `global` declaration. */
  globalWrites: string[];
  /** Parameter names, in order. */
  params: string[];
  /** Parameters the body mutates in place (subscript/attribute store, augmented assignment). */
  mutatedParams: string[];
  /**
   * Calls in the body on a parameter or a global (`np.sqrt(v)`, `df.drop(..., inplace=True)`,
   * `helper(a)`): resolved with the rule tables when the function is called (calls.ts).
   */
  effects: CallEffect[];
  /** Classes: the facts of each method, by name. */
  methods?: Map<string, FunctionFacts>;
  /** Parameters whose default is a module-level name (`def f(v=base)`): param → name. */
  defaults?: Record<string, string>;
  /** The body yields: a call returns a generator (an iterator). */
  generator?: boolean;
}

/** A name passed to a call: a parameter or global, or (in a unit) an element of one. */
export interface EffectName {
  name: string;
  /** The value is an element of `name` (a loop variable over it, `x = name[i]`). */
  element: boolean;
}

/** A call whose effect depends on what its receiver or callee is at call time. */
export interface CallEffect {
  /** The name at the root of the callee (`np` in `np.random.seed(0)`, `helper` in `helper(a)`). */
  base: string;
  /** Attributes between the base and the method (`['random']`). */
  path: string[];
  /** The method name; undefined for a call of the bare name. */
  method?: string;
  /** Positional arguments that are names (else null). */
  args: Array<EffectName | null>;
  /** Keyword arguments: the name passed (or null) and the literal text. */
  kwargs: Array<{ key: string; name: EffectName | null; literal: string }>;
}

export interface UnitFacts {
  /** Module-level names read before being written, in first-use order. */
  reads: string[];
  /** Module-level names bound by the unit, in first-binding order. */
  writes: string[];
  /** Module-level names mutated in place by the unit (and not rebound by it before). */
  mutated: string[];
  /**
   * Module-level names whose elements the unit may mutate (through a loop variable or
   * `x = a[i]` inside the unit): mutated too unless their elements are known immutable.
   */
  mutatedElements: string[];
  /** Facts of functions/classes/lambdas bound at the unit's level, by name. */
  functions: Map<string, FunctionFacts>;
  /**
   * Module-level names the unit binds on every path that completes normally (every
   * branch of an if/elif/else); the previous binding of these is not read.
   */
  definite: ReadonlySet<string>;
  /** Facts of the unit itself when it is a lambda. */
  lambda?: FunctionFacts;
  /** Calls on module-level names the unit did not bind before (resolved like a body's effects). */
  effects: CallEffect[];
  /**
   * Containment made by the unit at module level: `container` (a module-level name) now
   * holds the value of `held` (or its elements) as it was before the unit ran.
   */
  holds: Array<{ container: string; held: EffectName; elements: boolean }>;
  // ---- Free names in Python's terms (the slice self-check and the exporter use these) ----
  /**
   * Module-level names read by code that runs when the unit runs (not function or lambda
   * bodies; class bodies, decorators, defaults and first comprehension iterables do run),
   * before the unit binds them, in first-use order. `del x` reads `x`.
   */
  immediate: string[];
  /** Every module-level name read by code that runs when the unit runs, bound by the unit or not. */
  immediateAll: string[];
  /** Free names of the unit's function and lambda bodies that resolve at module level (read when called). */
  deferred: string[];
  /** Module-level names the unit binds and leaves bound (`except … as n` and `del` unbind). */
  binds: string[];
  /** Module-level names the unit leaves unbound (`del x` not followed by a new binding). */
  unbound: string[];
  /** Modules star-imported by the unit (`from m import *`): they bind names nobody can list. */
  starImports: string[];
  /** Names declared `global` in the unit's function bodies. */
  globalDecls: string[];
}
