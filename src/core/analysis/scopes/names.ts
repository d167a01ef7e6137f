/**
 * The walker's state and its name events, the binding rules every statement kind is
 * built from: a read resolves through the scope chain (a module-level read by code that
 * runs now, or deferred until a function is called), a write binds in the current scope,
 * a mutation finds the value's owner (a module name, a parameter, an alias's source, a
 * comprehension variable's iterable). The walk itself is in the subclasses.
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallEffect, EffectName, FunctionFacts, UnitFacts } from './facts';
import { collectTargetNames, newScope, nextNonClass, chainBase, type Scope } from './scope';

export abstract class NameEvents {
  readonly reads: string[] = [];
  private readonly readSet = new Set<string>();
  readonly writes: string[] = [];
  private readonly writeSet = new Set<string>();
  readonly mutated: string[] = [];
  private readonly mutatedSet = new Set<string>();
  readonly functions = new Map<string, FunctionFacts>();
  /** Module-level names written where a write may not happen (try, with, match, elif conditions). */
  protected readonly maybe = new Set<string>();
  readonly mutatedElements: string[] = [];
  readonly holds: Array<{ container: string; held: EffectName; elements: boolean }> = [];
  private readonly mutatedElementSet = new Set<string>();
  /**
   * Module-level names the unit bound to a value shared with other module-level names:
   * the same object (`b = a`) or an element of them (loop targets, `x = a[i]`, `a.get(k)`).
   */
  private readonly derived = new Map<string, { sources: string[]; element: boolean }>();
  /** While walking a loop's iterable: every name read. */
  protected captured: string[] | null = null;
  lambda?: FunctionFacts;
  /** When collecting a function's locals: write() records here and nothing else happens. */
  protected collect: Set<string> | null = null;
  protected collectGlobals: Set<string> | null = null;
  protected scope: Scope = newScope('module');
  private readonly root: Scope = this.scope;
  // Free names in Python's terms (see UnitFacts.immediate …).
  private readonly immediateSet = new Set<string>();
  readonly immediate: string[] = [];
  private readonly immediateAllSet = new Set<string>();
  private readonly deferredSet = new Set<string>();
  /** Module-level names bound other than by `except … as`, and those whose last event is a `del`. */
  private readonly boundSet = new Set<string>();
  protected readonly deletedSet = new Set<string>();
  readonly starImports: string[] = [];
  readonly globalDecls = new Set<string>();
  /** Set while binding an `except … as n` name. */
  protected handlerName = false;

  constructor(protected readonly text: string) {}

  /** Calls on module-level names the unit had not bound (UnitFacts.effects). */
  effects(): CallEffect[] {
    return this.root.effects;
  }

  protected name(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  // ---- name events -----------------------------------------------------------------

  protected read(name: string, scope: Scope = this.scope): void {
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
  protected readNow(name: string): void {
    this.immediateAllSet.add(name);
    if (!this.root.written.has(name) && !this.immediateSet.has(name)) {
      this.immediateSet.add(name);
      this.immediate.push(name);
    }
  }

  protected write(name: string): void {
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
  protected writeWalrus(name: string): void {
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

  protected mutate(name: string, from: Scope = this.scope, element = false, depth = 0): void {
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
  protected derive(targets: SyntaxNode[], sources: string[], element: boolean): void {
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

  // ---- walking (the dispatch is UnitWalker.walk) ---------------------------------------

  abstract walk(node: SyntaxNode): void;

  walkChildren(node: SyntaxNode): void {
    for (let c = node.firstChild; c; c = c.nextSibling) this.walk(c);
  }

  /** The parameter or global an argument passes (a name, or the base of `a.b[c]`). */
  protected effectName(node: SyntaxNode): EffectName | null {
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
  protected effectScope(name: string): Scope | undefined {
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
}
