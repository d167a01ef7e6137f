/**
 * Free-variable analysis for opaque units (blocks, defs, classes, lambdas,
 * comprehensions …): which module-level names a unit reads before it writes them,
 * which it binds, and which it mutates in place. Also the facts about each function
 * defined at the unit's level: its free globals, the globals it mutates or rebinds,
 * and which of its parameters it mutates.
 */
import type { SyntaxNode } from '@lezer/common';

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

/** Method names that never mutate their receiver (used for unknown receivers inside opaque code). */
export const PURE_METHODS = new Set([
  'copy', 'get', 'keys', 'values', 'items', 'index', 'count', 'format', 'join', 'split', 'rsplit', 'splitlines', 'strip',
  'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'replace', 'startswith', 'endswith', 'find', 'rfind',
  'encode', 'decode', 'isdigit', 'isalpha', 'isnumeric', 'zfill', 'head', 'tail', 'describe', 'info', 'mean', 'sum',
  'min', 'max', 'std', 'var', 'median', 'mode', 'abs', 'round', 'any', 'all', 'unique', 'nunique', 'value_counts',
  'groupby', 'agg', 'aggregate', 'apply', 'map', 'applymap', 'transform', 'predict', 'predict_proba', 'score',
  'decision_function', 'get_params', 'isnull', 'isna', 'notnull', 'notna', 'astype', 'to_numpy', 'tolist', 'to_list',
  'to_dict', 'reshape', 'ravel', 'flatten', 'dot', 'sample', 'corr', 'cov', 'cumsum', 'shift', 'diff', 'rolling', 'merge',
  'drop', 'dropna', 'fillna', 'rename', 'sort_values', 'sort_index', 'reset_index', 'set_index', 'query', 'filter',
  'select_dtypes', 'nlargest', 'nsmallest', 'idxmax', 'idxmin', 'argmax', 'argmin', 'item', 'numpy', 'evaluate',
  'summary', 'get_config', 'get_weights', 'read', 'readline', 'readlines', 'exists', 'is_file', 'is_dir', 'glob', 'iterdir',
  'resolve', 'with_suffix', 'joinpath', 'stat', 'group', 'groups', 'match', 'search', 'fullmatch', 'findall', 'finditer',
  'sub', 'issubset', 'issuperset', 'union', 'intersection', 'difference', 'symmetric_difference', 'isoformat', 'strftime',
  'total_seconds', 'shape', 'size', 'print', 'len', 'str', 'repr', 'between', 'isin', 'where', 'mask', 'clip', 'pivot',
  'pivot_table', 'melt', 'stack', 'unstack', 'explode', 'nunique', 'duplicated', 'drop_duplicates', 'first', 'last',
  'resample', 'iterrows', 'itertuples', 'equals', 'memory_usage', 'transpose', 'squeeze', 'swapaxes', 'concat',
]);

/** Methods whose argument at this index the receiver holds afterwards (rules/builtins.ts). */
const HOLDS_ARG: Record<string, number> = { append: 0, appendleft: 0, add: 0, insert: 1, setdefault: 1 };
const HOLDS_ELEMENTS = new Set(['extend', 'extendleft', 'update']);
const DISPLAYS = new Set(['ArrayExpression', 'TupleExpression', 'DictionaryExpression', 'SetExpression', 'ParenthesizedExpression']);

type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

interface Scope {
  kind: ScopeKind;
  parent?: Scope;
  /** function/comprehension: names bound anywhere in the scope. class: names bound so far. */
  locals: Set<string>;
  globals: Set<string>;
  params: string[];
  free: Set<string>;
  freeOrder: string[];
  mutatedGlobals: Set<string>;
  globalWrites: Set<string>;
  mutatedParams: Set<string>;
  effects: CallEffect[];
  defaults?: Record<string, string>;
  /** function: local → the parameters/globals it was bound from (`q = p`, `for q in p`). */
  aliases?: Map<string, string[]>;
  /** module (unit) scope: flow-sensitive set of names written so far. */
  written: Set<string>;
  /** comprehension: loop target → the names its iterable reads, and the scope they are read in. */
  sources?: Map<string, { names: string[]; from: Scope }>;
  /** comprehension: variables mutated before their `for` clause was walked (the element comes first). */
  deferred?: string[];
}

function newScope(kind: ScopeKind, parent?: Scope): Scope {
  return {
    kind,
    parent,
    locals: new Set(),
    globals: new Set(),
    params: [],
    free: new Set(),
    freeOrder: [],
    mutatedGlobals: new Set(),
    globalWrites: new Set(),
    mutatedParams: new Set(),
    effects: [],
    written: new Set(),
  };
}

// `FormatSpec` is walked: `f"{x:{width}}"` reads `width`.
const SKIP = new Set(['String', 'Number', 'Comment', 'Boolean', 'None', 'Ellipsis', 'PropertyName', 'TypeParamList', 'Escape']);
const COMPREHENSIONS = new Set(['ArrayComprehensionExpression', 'ComprehensionExpression', 'SetComprehensionExpression', 'DictionaryComprehensionExpression']);

class UnitWalker {
  readonly reads: string[] = [];
  private readonly readSet = new Set<string>();
  readonly writes: string[] = [];
  private readonly writeSet = new Set<string>();
  readonly mutated: string[] = [];
  private readonly mutatedSet = new Set<string>();
  readonly functions = new Map<string, FunctionFacts>();
  /** Module-level names written where a write may not happen (try, with, match, elif conditions). */
  private readonly maybe = new Set<string>();
  readonly mutatedElements: string[] = [];
  readonly holds: Array<{ container: string; held: EffectName; elements: boolean }> = [];
  private readonly mutatedElementSet = new Set<string>();
  /**
   * Module-level names the unit bound to a value shared with other module-level names:
   * the same object (`b = a`) or an element of them (loop targets, `x = a[i]`, `a.get(k)`).
   */
  private readonly derived = new Map<string, { sources: string[]; element: boolean }>();
  /** While walking a loop's iterable: every name read. */
  private captured: string[] | null = null;
  lambda?: FunctionFacts;
  /** When collecting a function's locals: write() records here and nothing else happens. */
  private collect: Set<string> | null = null;
  private collectGlobals: Set<string> | null = null;
  private scope: Scope = newScope('module');
  private readonly root: Scope = this.scope;
  // Free names in Python's terms (see UnitFacts.immediate …).
  private readonly immediateSet = new Set<string>();
  readonly immediate: string[] = [];
  private readonly immediateAllSet = new Set<string>();
  private readonly deferredSet = new Set<string>();
  /** Module-level names bound other than by `except … as`, and those whose last event is a `del`. */
  private readonly boundSet = new Set<string>();
  private readonly deletedSet = new Set<string>();
  readonly starImports: string[] = [];
  readonly globalDecls = new Set<string>();
  /** Set while binding an `except … as n` name. */
  private handlerName = false;

  constructor(private readonly text: string) {}

  /** Calls on module-level names the unit had not bound (UnitFacts.effects). */
  effects(): CallEffect[] {
    return this.root.effects;
  }

  private name(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  // ---- name events -----------------------------------------------------------------

  private read(name: string, scope: Scope = this.scope): void {
    if (this.collect) return;
    if (this.captured) this.captured.push(name);
    let s: Scope | undefined = scope;
    let viaFunction = false;
    while (s) {
      switch (s.kind) {
        case 'module':
          if (viaFunction) this.deferredSet.add(name);
          else this.readNow(name);
          if (!s.written.has(name) && !this.readSet.has(name)) {
            this.readSet.add(name);
            this.reads.push(name);
          }
          return;
        case 'function':
          if (s.locals.has(name) && !s.globals.has(name)) return;
          if (!s.free.has(name)) {
            s.free.add(name);
            s.freeOrder.push(name);
          }
          // Free in this function: it is resolved when the function is called, but it
          // still counts as a read of the unit that defines it (LineaPy's contract).
          viaFunction = true;
          s = nextNonClass(s.parent);
          continue;
        case 'class':
          if (s.locals.has(name)) return;
          s = s.parent;
          continue;
        case 'comprehension':
          if (s.locals.has(name)) return;
          // A class body does not enclose the comprehensions in it (only their first iterable).
          s = nextNonClass(s.parent);
          continue;
      }
    }
  }

  /** A module-level read by code that runs now (for UnitFacts.immediate). */
  private readNow(name: string): void {
    this.immediateAllSet.add(name);
    if (!this.root.written.has(name) && !this.immediateSet.has(name)) {
      this.immediateSet.add(name);
      this.immediate.push(name);
    }
  }

  private write(name: string): void {
    if (this.collect) {
      this.collect.add(name);
      return;
    }
    const s = this.scope;
    switch (s.kind) {
      case 'module':
        if (!this.handlerName) this.boundSet.add(name);
        this.deletedSet.delete(name);
        this.derived.delete(name);
        s.written.add(name);
        if (!this.writeSet.has(name)) {
          this.writeSet.add(name);
          this.writes.push(name);
        }
        return;
      case 'function':
        if (s.globals.has(name)) s.globalWrites.add(name);
        return;
      case 'class':
        s.locals.add(name);
        return;
      case 'comprehension':
        return;
    }
  }

  /** A walrus target: binds in the nearest non-comprehension scope. */
  private writeWalrus(name: string): void {
    if (this.collect) {
      this.collect.add(name);
      return;
    }
    const saved = this.scope;
    let s = this.scope;
    while (s.kind === 'comprehension' && s.parent) s = s.parent;
    this.scope = s;
    this.write(name);
    this.scope = saved;
  }

  private mutate(name: string, from: Scope = this.scope, element = false, depth = 0): void {
    if (this.collect || depth > 8) return;
    let s: Scope | undefined = from;
    while (s) {
      switch (s.kind) {
        case 'module':
          this.mutateModule(name, element, depth);
          return;
        case 'function':
          if (s.locals.has(name) && !s.globals.has(name)) {
            if (s.params.includes(name)) s.mutatedParams.add(name);
            // `q = p; q.append(1)`: the local shares its value with what it was bound from.
            else for (const src of s.aliases?.get(name) ?? []) if (src !== name) this.mutate(src, s, true, depth + 1);
            return;
          }
          s.mutatedGlobals.add(name);
          return; // executes only when called
        case 'comprehension': {
          if (!s.locals.has(name)) {
            s = s.parent;
            continue;
          }
          // A comprehension variable is an element of what its iterable reads.
          const src = s.sources?.get(name);
          if (src) for (const n of src.names) this.mutate(n, src.from, true, depth + 1);
          else (s.deferred ??= []).push(name);
          return;
        }
        case 'class':
          if (s.locals.has(name)) return;
          s = s.parent;
          continue;
      }
    }
  }

  /** Mutate a module-level name; one the unit bound to a shared value mutates its sources. */
  private mutateModule(name: string, element: boolean, depth: number): void {
    if (!this.root.written.has(name)) {
      if (!element) {
        if (!this.mutatedSet.has(name)) {
          this.mutatedSet.add(name);
          this.mutated.push(name);
        }
      } else if (!this.mutatedElementSet.has(name)) {
        this.mutatedElementSet.add(name);
        this.mutatedElements.push(name);
      }
      return;
    }
    const d = this.derived.get(name);
    if (!d || depth > 8) return;
    for (const src of d.sources) if (src !== name) this.mutateModule(src, element || d.element, depth + 1);
  }

  /** After binding module-level `targets` to a value shared with `sources`. */
  private derive(targets: SyntaxNode[], sources: string[], element: boolean): void {
    if (sources.length === 0 || this.collect) return;
    const fn = this.scope.kind === 'function' ? this.scope : undefined;
    if (!fn && this.scope.kind !== 'module') return;
    const names = new Set<string>();
    for (const t of targets) collectTargetNames(t, this.text, names);
    // In a body: a local bound to (an element of) a parameter or global (flow-insensitive).
    if (fn) {
      const aliases = (fn.aliases ??= new Map());
      for (const n of names) aliases.set(n, [...(aliases.get(n) ?? []), ...sources]);
    }
    else for (const n of names) this.derived.set(n, { sources, element });
  }

  // ---- walking -----------------------------------------------------------------------

  walkChildren(node: SyntaxNode): void {
    for (let c = node.firstChild; c; c = c.nextSibling) this.walk(c);
  }

  walk(node: SyntaxNode): void {
    const type = node.name;
    if (SKIP.has(type)) return;
    switch (type) {
      case 'VariableName':
        this.read(this.name(node));
        return;
      case 'AssignStatement':
        return this.assign(node);
      case 'UpdateStatement':
        return this.update(node);
      case 'ForStatement':
        return this.forStatement(node);
      case 'WhileStatement':
        return this.branching(node);
      case 'IfStatement':
        return this.ifStatement(node);
      case 'TryStatement':
        return this.tryStatement(node);
      case 'WithStatement':
        return this.withStatement(node);
      case 'FunctionDefinition':
        return this.functionDef(node);
      case 'ClassDefinition':
        return this.classDef(node);
      case 'DecoratedStatement':
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'Decorator') this.decorator(c);
          else this.walk(c);
        }
        return;
      case 'LambdaExpression':
        return this.lambdaExpr(node);
      case 'ImportStatement':
        return this.importStatement(node);
      case 'ScopeStatement':
        return this.scopeStatement(node);
      case 'DeleteStatement':
        return this.deleteStatement(node);
      case 'NamedExpression': {
        const target = node.firstChild;
        for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) this.walk(c);
        if (target?.name === 'VariableName') this.writeWalrus(this.name(target));
        return;
      }
      case 'CallExpression':
        return this.callExpr(node);
      case 'ArgList':
        return this.argList(node);
      case 'MatchStatement':
        return this.tracking(() => this.walkChildren(node));
      case 'MatchClause':
      case 'MatchBody':
        return this.walkChildren(node);
      case 'CapturePattern': {
        const v = node.firstChild;
        if (v) this.write(this.name(v));
        return;
      }
      case 'AsPattern': {
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'VariableName') this.write(this.name(c));
          else this.walk(c);
        }
        return;
      }
      case 'KeywordPattern': {
        for (let c = node.firstChild?.nextSibling ?? null; c; c = c.nextSibling) this.walk(c);
        return;
      }
      case 'AttributePattern': {
        const v = node.firstChild;
        if (v) this.read(this.name(v));
        return;
      }
      default:
        if (COMPREHENSIONS.has(type)) return this.comprehension(node, node.firstChild?.nextSibling ?? null, node.lastChild);
        this.walkChildren(node);
    }
  }

  private decorator(node: SyntaxNode): void {
    let first = true;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName') {
        if (first) this.read(this.name(c));
        first = false;
      } else if (c.name === 'ArgList') this.walk(c);
    }
  }

  /** Bind an assignment target (name, tuple/list, starred, attribute or subscript). */
  bindTarget(node: SyntaxNode): void {
    switch (node.name) {
      case 'VariableName':
        this.write(this.name(node));
        return;
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression':
        for (let c = node.firstChild; c; c = c.nextSibling) this.bindTarget(c);
        return;
      case 'MemberExpression':
        this.storeInto(node);
        return;
      default:
        return; // punctuation, "*"
    }
  }

  /** `a.b[c] = …`: reads the object chain and mutates its base name. */
  private storeInto(member: SyntaxNode): void {
    if (this.collect) return;
    this.walk(member);
    const base = chainBase(member);
    if (base) this.mutate(this.name(base));
  }

  private assign(node: SyntaxNode): void {
    // Targets are the groups before each AssignOp; the value is the last group.
    const groups: SyntaxNode[][] = [[]];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') groups.push([]);
      else if (c.name === 'TypeDef') {
        if (!this.collect) this.walkChildren(c);
      } else groups[groups.length - 1].push(c);
    }
    if (groups.length === 1) {
      // Annotation only (`x: int`): binds nothing.
      return;
    }
    const value = groups[groups.length - 1];
    for (const v of value) this.walk(v);
    // Containment, before the targets are bound: `y = [x]`, `t[k] = x`, `o.a = x` hold x.
    const moduleLevel = this.scope.kind === 'module' && !this.collect;
    const held = moduleLevel ? this.heldNames(value) : [];
    const bareHeld = moduleLevel && value.length === 1 && value[0].name === 'VariableName';
    for (let i = 0; i < groups.length - 1; i++) for (const t of groups[i]) this.bindTarget(t);
    if (held.length > 0 || bareHeld) {
      for (let i = 0; i < groups.length - 1; i++) {
        for (const t of groups[i]) {
          const c = t.name === 'VariableName' ? t : t.name === 'MemberExpression' ? chainBase(t) : null;
          if (!c) continue;
          for (const h of held) this.holds.push({ container: this.name(c), held: h, elements: false });
          const bare = t.name === 'MemberExpression' && value.length === 1 && value[0].name === 'VariableName' ? this.effectName(value[0]) : null;
          if (bare) this.holds.push({ container: this.name(c), held: bare, elements: false });
        }
      }
    }
    // `b = a`, `x = a[i]`, `x = a.b`, `v = a.get(k)`: the targets share a value with `a`.
    const single = value.length === 1 ? value[0] : null;
    if (!single || (this.scope.kind !== 'module' && this.scope.kind !== 'function') || this.collect) return;
    const base = single.name === 'VariableName' ? single : single.name === 'MemberExpression' || single.name === 'CallExpression' ? chainBase(single) : null;
    if (!base) return;
    const targets: SyntaxNode[] = [];
    for (let i = 0; i < groups.length - 1; i++) for (const t of groups[i]) targets.push(t);
    this.derive(targets, [this.name(base)], single.name !== 'VariableName');
  }

  private update(node: SyntaxNode): void {
    const target = node.firstChild;
    for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) this.walk(c);
    if (!target) return;
    if (target.name === 'VariableName') {
      const n = this.name(target);
      this.read(n);
      this.mutate(n);
      this.write(n);
    } else if (target.name === 'MemberExpression') this.storeInto(target);
  }

  private withSnapshot(fn: () => void): void {
    const s = this.scope;
    if (s.kind !== 'module' || this.collect) return fn();
    const saved = new Set(s.written);
    fn();
    s.written = saved;
  }

  private forStatement(node: SyntaxNode): void {
    let c = node.firstChild;
    const targets: SyntaxNode[] = [];
    while (c && c.name !== 'in') {
      if (c.name !== 'for' && c.name !== 'async') targets.push(c);
      c = c.nextSibling;
    }
    c = c?.nextSibling ?? null;
    const savedCapture = this.captured;
    const iterReads: string[] = [];
    this.captured = iterReads;
    // Over a display (`in [a, b]`, `in a, b`) the loop variable is each value itself.
    let display = false;
    while (c && c.name !== 'Body') {
      if (c.name === ',' || c.name === 'ArrayExpression' || c.name === 'TupleExpression' || c.name === 'SetExpression') display = true;
      this.walk(c);
      c = c.nextSibling;
    }
    this.captured = savedCapture;
    if (savedCapture) savedCapture.push(...iterReads);
    const body = c;
    this.withSnapshot(() => {
      for (const t of targets) this.bindTarget(t);
      // The loop variable is an element of what the iterable reads.
      this.derive(targets, iterReads, !display);
      if (body) this.walk(body);
    });
    for (c = body?.nextSibling ?? null; c; c = c.nextSibling) this.walk(c);
  }

  private branching(node: SyntaxNode): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Body') this.withSnapshot(() => this.walk(c as SyntaxNode));
      else this.walk(c);
    }
  }

  /** Module-level writes made by `fn` may not happen: they are never definite. */
  private tracking(fn: () => void): void {
    const s = this.scope;
    if (s.kind !== 'module' || this.collect) return fn();
    const before = new Set(s.written);
    fn();
    for (const n of s.written) if (!before.has(n)) this.maybe.add(n);
  }

  /**
   * Like `branching`, but with an `else` a name written in every branch counts as
   * written after the statement (for later reads, and as a definite write of the unit).
   */
  private ifStatement(node: SyntaxNode): void {
    const s = this.scope;
    if (s.kind !== 'module' || this.collect) return this.branching(node);
    const branches: Array<Set<string>> = [];
    let hasElse = false;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'else') hasElse = true;
      if (c.name === 'Body') {
        const before = s.written;
        s.written = new Set(before);
        this.walk(c);
        const added = new Set<string>();
        for (const n of s.written) if (!before.has(n)) added.add(n);
        s.written = before;
        branches.push(added);
      } else if (branches.length > 0) {
        // An elif condition runs only when the branches before it did not.
        const cond = c;
        this.tracking(() => this.walk(cond));
      } else this.walk(c);
    }
    if (!hasElse || branches.length === 0) return;
    for (const n of branches[0]) if (branches.every((b) => b.has(n))) s.written.add(n);
  }

  private tryStatement(node: SyntaxNode): void {
    let inExcept = false;
    let first = true;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'except') inExcept = true;
      else if (c.name === 'Body') {
        if (first) {
          const body = c;
          this.tracking(() => this.walk(body));
        } else this.withSnapshot(() => this.walk(c as SyntaxNode));
        first = false;
        inExcept = false;
      } else if (inExcept && c.name === 'VariableName' && c.prevSibling && (c.prevSibling.name === 'as' || c.prevSibling.name === ',')) {
        // Python deletes the name at the end of the handler: it does not stay bound.
        this.handlerName = true;
        this.write(this.name(c));
        this.handlerName = false;
      } else this.walk(c);
    }
  }

  private withStatement(node: SyntaxNode): void {
    // A context manager may suppress an exception from the body: its writes may not happen.
    this.tracking(() => {
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.prevSibling?.name === 'as') this.bindTarget(c);
        else this.walk(c);
      }
    });
  }

  /** The free-name fields of UnitFacts. */
  freeNames(): Pick<UnitFacts, 'immediate' | 'immediateAll' | 'deferred' | 'binds' | 'unbound' | 'starImports' | 'globalDecls'> {
    return {
      immediate: this.immediate,
      immediateAll: [...this.immediateAllSet],
      deferred: [...this.deferredSet],
      binds: this.writes.filter((n) => this.boundSet.has(n) && !this.deletedSet.has(n)),
      unbound: [...this.deletedSet],
      starImports: this.starImports,
      globalDecls: [...this.globalDecls],
    };
  }

  /** Names the unit binds on every normal path (see UnitFacts.definite). */
  definiteWrites(): Set<string> {
    const out = new Set<string>();
    const written = this.scope.written;
    for (const n of this.writes) if (written.has(n) && !this.maybe.has(n)) out.add(n);
    return out;
  }

  private paramList(node: SyntaxNode, fn: Scope): void {
    // Defaults and annotations are evaluated in the enclosing scope.
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName') {
        const n = this.name(c);
        fn.params.push(n);
        fn.locals.add(n);
      } else if (c.name === 'TypeDef') {
        if (!this.collect) this.walkChildren(c);
      } else if (c.name === 'AssignOp') {
        const v = c.nextSibling;
        if (v) {
          this.walk(v);
          const param = fn.params[fn.params.length - 1];
          if (v.name === 'VariableName' && param !== undefined && c.prevSibling?.name === 'VariableName') (fn.defaults ??= {})[param] = this.name(v);
          c = v;
        }
      }
    }
  }

  private enterFunction(kind: 'function', paramsNode: SyntaxNode | null, body: SyntaxNode | null, isExpr: boolean): FunctionFacts {
    const fn = newScope(kind, this.scope);
    if (paramsNode) this.paramList(paramsNode, fn);
    if (body) {
      // Pass 1: collect the names bound in the body (locals) and `global` declarations.
      const savedCollect = this.collect;
      const savedGlobals = this.collectGlobals;
      this.collect = fn.locals;
      this.collectGlobals = fn.globals;
      const savedScope = this.scope;
      this.scope = fn;
      if (isExpr) this.walk(body);
      else this.walk(body);
      this.collect = savedCollect;
      this.collectGlobals = savedGlobals;
      // Pass 2: reads, free names, mutations.
      if (!this.collect) this.walk(body);
      this.scope = savedScope;
    }
    return {
      free: fn.freeOrder.filter((n) => !fn.locals.has(n) || fn.globals.has(n)),
      mutatedGlobals: [...fn.mutatedGlobals],
      globalWrites: [...fn.globalWrites],
      params: fn.params,
      mutatedParams: [...fn.mutatedParams],
      effects: fn.effects,
      ...(fn.defaults ? { defaults: fn.defaults } : {}),
    };
  }

  private functionDef(node: SyntaxNode): void {
    let nameNode: SyntaxNode | null = null;
    let params: SyntaxNode | null = null;
    let body: SyntaxNode | null = null;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName' && !nameNode) nameNode = c;
      else if (c.name === 'ParamList') params = c;
      else if (c.name === 'Body') body = c;
      else if (c.name === 'TypeDef' && !this.collect) this.walkChildren(c);
    }
    const name = nameNode ? this.name(nameNode) : '';
    if (name) this.write(name);
    if (this.collect) return;
    const facts = this.enterFunction('function', params, body, false);
    if (name && this.scope.kind === 'module') this.functions.set(name, facts);
    else if (name && this.scope.kind === 'class' && this.methods) this.methods.set(name, facts);
  }

  /** The methods of the class body being walked (its own level only). */
  private methods: Map<string, FunctionFacts> | null = null;

  private classDef(node: SyntaxNode): void {
    let nameNode: SyntaxNode | null = null;
    let body: SyntaxNode | null = null;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName' && !nameNode) nameNode = c;
      else if (c.name === 'ArgList') this.walk(c);
      else if (c.name === 'Body') body = c;
    }
    const name = nameNode ? this.name(nameNode) : '';
    if (name) this.write(name);
    if (this.collect || !body) return;
    const cls = newScope('class', this.scope);
    const saved = this.scope;
    // Methods inside see the class scope as parent; read() skips class scopes for functions.
    this.scope = cls;
    const savedFunctions = new Map(this.functions);
    const savedMethods = this.methods;
    const methods = new Map<string, FunctionFacts>();
    this.methods = methods;
    this.walk(body);
    this.methods = savedMethods;
    this.scope = saved;
    // Facts for the class: the union of its methods' facts (calling the class or a method).
    const facts: FunctionFacts = { free: [], mutatedGlobals: [], globalWrites: [], params: [], mutatedParams: [], effects: [], methods: new Map() };
    for (const [k, f] of [...this.functions, ...methods]) {
      if (savedFunctions.get(k) === f) continue;
      facts.methods?.set(k, f);
      // Effects on the method's own parameters (`self` …) have no meaning for the class call.
      for (const e of f.effects) if (!f.params.includes(e.base)) facts.effects.push(e);
      facts.free.push(...f.free.filter((n) => !facts.free.includes(n)));
      facts.mutatedGlobals.push(...f.mutatedGlobals.filter((n) => !facts.mutatedGlobals.includes(n)));
      facts.globalWrites.push(...f.globalWrites.filter((n) => !facts.globalWrites.includes(n)));
    }
    // Restore functions map (methods are not module-level functions).
    this.functions.clear();
    for (const [k, f] of savedFunctions) this.functions.set(k, f);
    if (name && this.scope.kind === 'module') this.functions.set(name, facts);
  }

  private lambdaExpr(node: SyntaxNode): void {
    if (this.collect) return;
    let params: SyntaxNode | null = null;
    let body: SyntaxNode | null = null;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'ParamList') params = c;
      else if (c.name !== 'lambda' && c.name !== ':') body = c;
    }
    const facts = this.enterFunction('function', params, body, true);
    if (!this.lambda) this.lambda = facts;
  }

  /** Comprehension (or a generator argument): `from`..`to` siblings, exclusive of brackets. */
  comprehension(_node: SyntaxNode, first: SyntaxNode | null, end: SyntaxNode | null): void {
    // Pre-collect the loop targets as locals.
    const comp = newScope('comprehension', this.scope);
    const written: SyntaxNode[] = [];
    for (let c = first; c && before(c, end); c = c.nextSibling) written.push(c);
    // Python runs the clauses before the element: a walrus in a condition binds first.
    const firstFor = written.findIndex((c) => c.name === 'for');
    const items = firstFor > 0 ? [...written.slice(firstFor), ...written.slice(0, firstFor)] : written;
    let firstIter = true;
    for (let i = 0; i < items.length; i++) {
      if (items[i].name === 'for') {
        for (let j = i + 1; j < items.length && items[j].name !== 'in'; j++) collectTargetNames(items[j], this.text, comp.locals);
      }
    }
    const saved = this.scope;
    let targets = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const c = items[i];
      if (c.name === 'for') {
        // skip targets
        targets = new Set<string>();
        while (i + 1 < items.length && items[i + 1].name !== 'in') collectTargetNames(items[++i], this.text, targets);
        continue;
      }
      if (c.name === 'in') {
        // The first iterable is evaluated in the enclosing scope; record what each reads.
        const from = firstIter ? saved : comp;
        firstIter = false;
        this.scope = from;
        const savedCapture = this.captured;
        const names: string[] = [];
        this.captured = names;
        if (i + 1 < items.length) this.walk(items[++i]);
        this.captured = savedCapture;
        if (savedCapture) savedCapture.push(...names);
        if (names.length > 0) {
          comp.sources ??= new Map();
          for (const t of targets) comp.sources.set(t, { names, from });
        }
        continue;
      }
      this.scope = comp;
      this.walk(c);
    }
    this.scope = saved;
    for (const name of comp.deferred ?? []) {
      const src = comp.sources?.get(name);
      if (src) for (const n of src.names) this.mutate(n, src.from, true, 1);
    }
  }

  private callExpr(node: SyntaxNode): void {
    const callee = node.firstChild;
    if (callee && !this.collect) {
      const effect = this.callEffect(node, callee);
      const target = effect ? this.effectScope(effect.base) : undefined;
      if (effect && target) target.effects.push(effect);
      else if (callee.name === 'MemberExpression') {
        if (effect && effect.path.length === 0 && this.scope.kind === 'module') this.unitHolds(effect);
        // A local, loop variable or comprehension variable: the old conservative rule.
        const prop = callee.lastChild;
        if (prop && prop.name === 'PropertyName' && !PURE_METHODS.has(this.name(prop))) {
          const base = chainBase(callee);
          if (base) this.mutate(this.name(base));
        }
      }
    }
    this.walkChildren(node);
  }

  /** `base.a.b.m(args)` or `base(args)` with plain attribute steps; undefined otherwise. */
  private callEffect(node: SyntaxNode, callee: SyntaxNode): CallEffect | undefined {
    const path: string[] = [];
    let n: SyntaxNode | null = callee;
    while (n && n.name === 'MemberExpression') {
      const prop = n.lastChild;
      if (!prop || prop.name !== 'PropertyName' || n.firstChild?.nextSibling?.name !== '.') return undefined;
      path.unshift(this.name(prop));
      n = n.firstChild;
    }
    if (!n || n.name !== 'VariableName') return undefined;
    const method = callee.name === 'MemberExpression' ? path.pop() : undefined;
    const effect: CallEffect = { base: this.name(n), path, ...(method !== undefined ? { method } : {}), args: [], kwargs: [] };
    const argList = node.lastChild && node.lastChild.name === 'ArgList' ? node.lastChild : null;
    if (!argList) return effect;
    let start: SyntaxNode | null = argList.firstChild?.nextSibling ?? null;
    for (let c = start; c; c = c.nextSibling) {
      if (c.name !== ',' && c.name !== ')') continue;
      let first = start;
      while (first && first.name === 'Comment' && before(first, c)) first = first.nextSibling;
      start = c.nextSibling;
      if (!first || !before(first, c)) continue;
      if (first.name === '*' || first.name === '**') {
        // Unknown spread: every parameter may receive it (conservative: mapped to none).
        effect.args.push(null);
        continue;
      }
      const op = first.nextSibling;
      if (first.name === 'VariableName' && op && before(op, c) && op.name === 'AssignOp' && this.name(op) === '=') {
        const v = op.nextSibling;
        if (v && before(v, c)) effect.kwargs.push({ key: this.name(first), name: this.effectName(v), literal: this.name(v) });
        continue;
      }
      effect.args.push(this.effectName(first));
    }
    return effect;
  }

  /** `t.append(x)` on a name the unit bound: t holds x (the rules' containment, in a block). */
  private unitHolds(e: CallEffect): void {
    const m = e.method ?? '';
    const index = HOLDS_ARG[m];
    const elements = HOLDS_ELEMENTS.has(m);
    if (index === undefined && !elements) return;
    const arg = e.args[elements ? 0 : (index ?? 0)];
    if (arg) this.holds.push({ container: e.base, held: arg, elements });
  }

  /** Module-level values a right-hand side puts into its target: a name, or the names in a display. */
  private heldNames(value: SyntaxNode[]): EffectName[] {
    const out: EffectName[] = [];
    const visit = (n: SyntaxNode, inDisplay: boolean): void => {
      if (n.name === 'VariableName') {
        if (!inDisplay) return;
        const e = this.effectName(n);
        if (e) out.push(e);
      } else if (DISPLAYS.has(n.name)) {
        for (let c = n.firstChild; c; c = c.nextSibling) visit(c, true);
      }
    };
    for (const v of value) visit(v, false);
    return out;
  }

  /** The parameter or global an argument passes (a name, or the base of `a.b[c]`). */
  private effectName(node: SyntaxNode): EffectName | null {
    const base = node.name === 'VariableName' ? node : node.name === 'MemberExpression' ? chainBase(node) : null;
    if (!base) return null;
    const name = this.name(base);
    if (this.effectScope(name)) return { name, element: false };
    // A name the unit bound from a module-level value: an element of (or alias for) it.
    if (this.scope.kind === 'module') {
      const d = this.derived.get(name);
      if (d && d.sources.length === 1) return { name: d.sources[0], element: d.element };
    }
    return null;
  }

  /**
   * The scope whose effects a call on `name` belongs to: the function when `name` is its
   * parameter or a global there, the unit when it is a module-level name the unit has not
   * bound; undefined for locals, loop and comprehension variables, class names.
   */
  private effectScope(name: string): Scope | undefined {
    let s: Scope | undefined = this.scope;
    while (s && s.kind === 'class') {
      if (s.locals.has(name)) return undefined;
      s = s.parent;
    }
    if (!s) return undefined;
    if (s.kind === 'comprehension') return undefined;
    if (s.kind === 'function') {
      if (s.locals.has(name) && !s.globals.has(name)) return s.params.includes(name) ? s : undefined;
      // Free in this function: a global only if no enclosing function binds it.
      for (let p = nextNonClass(s.parent); p; p = nextNonClass(p.parent)) {
        if (p.kind === 'module') return s;
        if (p.locals.has(name)) return undefined;
      }
      return s;
    }
    return this.root.written.has(name) ? undefined : s;
  }

  private argList(node: SyntaxNode): void {
    // Keyword names are not reads; a generator argument is a comprehension (the only
    // argument: its `for a, b in …` commas do not separate arguments).
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'for') return this.comprehension(node, node.firstChild?.nextSibling ?? null, node.lastChild?.name === ')' ? node.lastChild : null);
    }
    let start: SyntaxNode | null = node.firstChild?.nextSibling ?? null;
    for (let c = start; c; c = c.nextSibling) {
      if (c.name === ',' || c.name === ')') {
        this.argument(start, c);
        start = c.nextSibling;
      }
    }
  }

  private argument(first: SyntaxNode | null, end: SyntaxNode): void {
    // A comment before the argument (`f(\n  # note\n  w=v)`) is not part of it.
    while (first && first.name === 'Comment' && before(first, end)) first = first.nextSibling;
    if (!first || !before(first, end)) return;
    for (let c: SyntaxNode | null = first; c && before(c, end); c = c.nextSibling) {
      if (c.name === 'for') return this.comprehension(first, first, end);
    }
    if (first.name === 'VariableName' && first.nextSibling?.name === 'AssignOp') {
      const op = first.nextSibling;
      const isWalrus = this.text.slice(op.from, op.to) === ':=';
      for (let c = op.nextSibling; c && before(c, end); c = c.nextSibling) this.walk(c);
      if (isWalrus) this.writeWalrus(this.name(first));
      return;
    }
    for (let c: SyntaxNode | null = first; c && before(c, end); c = c.nextSibling) this.walk(c);
  }

  private importStatement(node: SyntaxNode): void {
    const parts = importParts(node, this.text);
    for (const n of parts.binds) this.write(n);
    if (parts.star && !this.collect && this.scope.kind === 'module') this.starImports.push(parts.from ?? '');
  }

  private scopeStatement(node: SyntaxNode): void {
    const kw = node.firstChild;
    const isGlobal = kw?.name === 'global';
    for (let c = kw?.nextSibling ?? null; c; c = c.nextSibling) {
      if (c.name !== 'VariableName') continue;
      const n = this.name(c);
      if (isGlobal) {
        this.globalDecls.add(n);
        if (this.collectGlobals) this.collectGlobals.add(n);
        if (this.scope.kind === 'function') this.scope.globals.add(n);
      }
    }
  }

  private deleteStatement(node: SyntaxNode): void {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName') {
        // `del x` needs `x` bound and leaves it unbound (the analyser counts it as a write).
        const n = this.name(c);
        const moduleLevel = this.scope.kind === 'module' && !this.collect;
        if (moduleLevel) this.readNow(n);
        this.write(n);
        if (moduleLevel) this.deletedSet.add(n);
      }
      else if (c.name === 'MemberExpression') this.storeInto(c);
      else if (c.name === 'TupleExpression' || c.name === 'ArrayExpression') this.bindTarget(c);
    }
  }
}

function nextNonClass(s: Scope | undefined): Scope | undefined {
  while (s && s.kind === 'class') s = s.parent;
  return s;
}

/** The bare name at the root of `a.b[c].d`, if any. */
export function chainBase(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n && (n.name === 'MemberExpression' || n.name === 'CallExpression' || n.name === 'ParenthesizedExpression')) {
    n = n.name === 'ParenthesizedExpression' ? (n.firstChild?.nextSibling ?? null) : n.firstChild;
  }
  return n && n.name === 'VariableName' ? n : null;
}

function collectTargetNames(node: SyntaxNode, text: string, into: Set<string>): void {
  if (node.name === 'VariableName') into.add(text.slice(node.from, node.to));
  else if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression') {
    for (let c = node.firstChild; c; c = c.nextSibling) collectTargetNames(c, text, into);
  }
}

/** What an import statement binds and imports. */
export interface ImportParts {
  /** Names bound: `import a.b` → a; `import a as b` → b; `from m import x as y` → y. */
  binds: string[];
  /** Top-level modules imported (`a` for `import a.b` and `from a.b import c`); none for relative imports. */
  modules: string[];
  /** `from m import *`. */
  star: boolean;
  /** The `from` module as written (`a.b`, `..pkg`), for from-imports. */
  from?: string;
}

export function importParts(node: SyntaxNode, text: string): ImportParts {
  const binds: string[] = [];
  const modules: string[] = [];
  let star = false;
  let from: string | undefined;
  const isFrom = node.firstChild?.name === 'from';
  let afterImport = !isFrom;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === 'import') {
      if (isFrom) from = text.slice(node.firstChild?.to ?? c.from, c.from).trim();
      afterImport = true;
      continue;
    }
    if (!afterImport) {
      // The `from` part: its first name is the module, unless the import is relative.
      if (c.name === 'VariableName' && c.prevSibling?.name === 'from') modules.push(text.slice(c.from, c.to));
      continue;
    }
    if (c.name === '*') star = true;
    if (c.name !== 'VariableName') continue;
    const prev = c.prevSibling;
    const n = text.slice(c.from, c.to);
    if (prev && prev.name === 'as') binds[binds.length - 1] = n;
    else if (prev && prev.name === '.') {
      // part of a dotted name: `import a.b` binds a
    } else {
      binds.push(n);
      if (!isFrom) modules.push(n);
    }
  }
  return { binds, modules, star, ...(from !== undefined ? { from } : {}) };
}

/** Names an import statement binds: `import a.b` → a; `import a as b` → b; `from m import x as y` → y. */
export function importedNames(node: SyntaxNode, text: string): string[] {
  return importParts(node, text).binds;
}

export function analyseUnit(node: SyntaxNode, text: string): UnitFacts {
  const w = new UnitWalker(text);
  w.walk(node);
  return { reads: w.reads, writes: w.writes, mutated: w.mutated, mutatedElements: w.mutatedElements, functions: w.functions, lambda: w.lambda, effects: w.effects(), holds: w.holds, definite: w.definiteWrites(), ...w.freeNames() };
}

/** Free-variable analysis of the elements between `first` and `end` (a generator argument). */
export function analyseComprehensionRange(first: SyntaxNode, end: SyntaxNode, text: string): UnitFacts {
  const w = new UnitWalker(text);
  w.comprehension(first, first, end);
  return { reads: w.reads, writes: w.writes, mutated: w.mutated, mutatedElements: w.mutatedElements, functions: w.functions, effects: w.effects(), holds: w.holds, definite: NO_NAMES, ...w.freeNames() };
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Is sibling `c` before `end` (lezer creates fresh node objects: compare positions)? */
function before(c: SyntaxNode, end: SyntaxNode | null): boolean {
  return end === null || c.from < end.from;
}
