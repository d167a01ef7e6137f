/**
 * Static self-check of a slice (issue 14): does the slice read a name it never binds?
 *
 * Each top-level statement unit is analysed once with the shared free-variable analysis
 * (`../analysis/scopes/`, Python's scoping rules). The units of a slice are then walked
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
  // Builtins are dropped here once, so each check walks only names that can be missing.
  const user = (names: readonly string[]): readonly string[] => (unknown ? [] : names.filter((n) => !isPredefinedName(n)));
  return {
    immediate: user(facts.immediate),
    immediateAll: unknown ? [] : facts.immediateAll,
    deferred: user(facts.deferred),
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
  /** Names bound after the last unit (with the provided ones); read it before the checker's next check. */
  readonly bound: ReadonlySet<string>;
}

/** A unit's names as ids of a NameChecker's table (so a check is a typed-array walk). */
export interface CompiledUnit {
  immediate: Int32Array;
  immediateAll: Int32Array;
  deferred: Int32Array;
  binds: Int32Array;
  unbound: Int32Array;
  star: boolean;
  functions: ReadonlyMap<number, { free: Int32Array; globalWrites: Int32Array }>;
}

/**
 * Checks sequences of units (the rule at the top of this file). Names are interned once
 * per checker, so a slicer compiles each unit once and every later check of a slice is a
 * walk over integer arrays with epoch marks (no sets, no allocation in the common case).
 */
export class NameChecker {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private boundMark = new Uint32Array(64);
  private everMark = new Uint32Array(64);
  private neededAt = new Int32Array(64);
  private neededMark = new Uint32Array(64);
  private epoch = 0;

  private id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.ids.set(name, i);
      this.names.push(name);
    }
    return i;
  }

  /** The id of `name` (interned if new). */
  idOf(name: string): number {
    return this.id(name);
  }

  private ints(names: readonly string[]): Int32Array {
    const out = new Int32Array(names.length);
    for (let k = 0; k < names.length; k++) out[k] = this.id(names[k]);
    return out;
  }

  compile(u: UnitNames): CompiledUnit {
    const functions = new Map<number, { free: Int32Array; globalWrites: Int32Array }>();
    for (const [name, f] of u.functions) functions.set(this.id(name), { free: this.ints(f.free.filter((n) => !isPredefinedName(n))), globalWrites: this.ints(f.globalWrites) });
    return {
      immediate: this.ints(u.immediate),
      immediateAll: this.ints(u.immediateAll),
      deferred: this.ints(u.deferred),
      binds: this.ints(u.binds),
      unbound: this.ints(u.unbound),
      star: u.starImports.length > 0,
      functions,
    };
  }

  private grow(): void {
    const n = this.names.length;
    if (this.boundMark.length >= n) return;
    const size = Math.max(n, this.boundMark.length * 2);
    const grow32 = (a: Uint32Array): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array(size);
      b.set(a);
      return b;
    };
    this.boundMark = grow32(this.boundMark);
    this.everMark = grow32(this.everMark);
    this.neededMark = grow32(this.neededMark);
    const at = new Int32Array(size);
    at.set(this.neededAt);
    this.neededAt = at;
  }

  check(units: readonly CompiledUnit[], provided: ReadonlySet<string> = new Set()): NameCheck {
    this.grow();
    if (++this.epoch === 0xffffffff) {
      this.boundMark.fill(0);
      this.everMark.fill(0);
      this.neededMark.fill(0);
      this.epoch = 1;
    }
    const e = this.epoch;
    const { boundMark, everMark, neededAt, neededMark, names } = this;
    // "Bound now" is boundMark === e (a `del` sets it to 0); "bound anywhere" is everMark === e.
    for (const p of provided) {
      const i = this.ids.get(p);
      if (i !== undefined) boundMark[i] = everMark[i] = e;
    }
    const end = units.length;
    let functions: Map<number, { free: Int32Array; globalWrites: Int32Array }> | undefined;
    let starSeen = false;
    const fromStar = new Set<number>();
    const missing = new Set<number>();
    const unbound: UnboundRead[] = [];
    const needLater: number[] = [];
    const needLaterAt = (n: number, at: number): void => {
      if (neededMark[n] !== e) {
        neededMark[n] = e;
        neededAt[n] = at;
        needLater.push(n);
      } else if (neededAt[n] === end && at < end) neededAt[n] = at;
    };
    for (let i = 0; i < end; i++) {
      const u = units[i];
      const imm = u.immediate;
      for (let k = 0; k < imm.length; k++) {
        const n = imm[k];
        if (boundMark[n] === e) continue;
        if (starSeen) fromStar.add(n);
        else if (!missing.has(n)) {
          missing.add(n);
          unbound.push({ name: names[n], at: i });
        }
      }
      const binds = u.binds;
      for (let k = 0; k < binds.length; k++) {
        boundMark[binds[k]] = e;
        everMark[binds[k]] = e;
        functions?.delete(binds[k]);
      }
      for (let k = 0; k < u.unbound.length; k++) boundMark[u.unbound[k]] = 0;
      if (u.functions.size > 0) {
        functions ??= new Map();
        for (const [n, f] of u.functions) functions.set(n, f);
      }
      if (u.star) starSeen = true;
      for (let k = 0; k < u.deferred.length; k++) if (boundMark[u.deferred[k]] !== e) needLaterAt(u.deferred[k], end);
      if (!functions) continue;
      // Functions read at module level: their free names are needed from here.
      let stack: number[] | undefined;
      for (let k = 0; k < u.immediateAll.length; k++) if (functions.has(u.immediateAll[k])) (stack ??= []).push(u.immediateAll[k]);
      if (!stack) continue;
      const seen = new Set<number>();
      while (stack.length > 0) {
        const fn = stack.pop() ?? -1;
        if (seen.has(fn)) continue;
        seen.add(fn);
        const f = functions.get(fn);
        if (!f) continue;
        for (let k = 0; k < f.globalWrites.length; k++) boundMark[f.globalWrites[k]] = everMark[f.globalWrites[k]] = e;
        for (let k = 0; k < f.free.length; k++) {
          const n = f.free[k];
          if (functions.has(n)) stack.push(n);
          else if (boundMark[n] !== e) needLaterAt(n, i);
        }
      }
    }
    // Names read by function bodies: bound anywhere in the slice (or by a function's `global`).
    if (functions) for (const f of functions.values()) for (let k = 0; k < f.globalWrites.length; k++) everMark[f.globalWrites[k]] = e;
    for (const n of needLater) {
      if (everMark[n] === e || missing.has(n)) continue;
      if (starSeen) fromStar.add(n);
      else {
        missing.add(n);
        unbound.push({ name: names[n], at: neededAt[n] });
      }
    }
    // The bound set is built only when asked for (tests): read it before the next check.
    let bound: Set<string> | undefined;
    return {
      unbound,
      fromStarImport: [...fromStar].map((n) => names[n]),
      get bound(): ReadonlySet<string> {
        if (!bound) {
          bound = new Set<string>();
          for (let i = 0; i < names.length; i++) if (boundMark[i] === e) bound.add(names[i]);
        }
        return bound;
      },
    };
  }
}

/** Checks units in execution order (see the rule at the top of this file). */
export function checkNames(units: readonly UnitNames[], provided: ReadonlySet<string> = new Set()): NameCheck {
  const checker = new NameChecker();
  return checker.check(units.map((u) => checker.compile(u)), provided);
}
