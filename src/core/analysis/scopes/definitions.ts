/**
 * The scopes a unit opens: function bodies (two passes: collect the locals and `global`
 * declarations, then walk for reads and mutations), class bodies (the union of their
 * methods' facts), lambdas, and comprehensions (the first iterable runs in the enclosing
 * scope, the clauses before the element).
 */
import type { SyntaxNode, TreeCursor } from '@lezer/common';
import type { FunctionFacts } from './facts';
import { NameEvents } from './names';
import { before, collectTargetNames, newScope, type Scope } from './scope';

export abstract class DefinitionWalker extends NameEvents {
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
      ...(body && (isExpr ? makesIterator(body, this.text) : hasOwnYield(body) || returnsIterator(body, this.text)) ? { generator: true } : {}),
    };
  }

  protected functionDef(node: SyntaxNode): void {
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

  protected classDef(node: SyntaxNode): void {
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

  protected lambdaExpr(node: SyntaxNode): void {
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
}

/** Builtins whose call makes an iterator (as rules/builtins.ts types them). */
const ITERATOR_MAKERS = new Set(['iter', 'map', 'filter', 'zip', 'enumerate', 'reversed']);

/**
 * Does this expression make an iterator: a generator expression, or a call of an iterator
 * builtin or of `itertools`? Read syntactically, so a shadowed `map` counts too: taking a
 * value for an iterator only adds dependencies (a longer slice), never drops one.
 */
function makesIterator(expr: SyntaxNode, text: string): boolean {
  if (expr.name === 'ComprehensionExpression') return true;
  if (expr.name === 'ParenthesizedExpression') {
    const inner = expr.firstChild?.nextSibling;
    return inner ? makesIterator(inner, text) : false;
  }
  if (expr.name !== 'CallExpression') return false;
  const callee = expr.firstChild;
  if (!callee) return false;
  const name = text.slice(callee.from, callee.to);
  if (callee.name === 'VariableName') return ITERATOR_MAKERS.has(name);
  return callee.name === 'MemberExpression' && name.startsWith('itertools.');
}

/** Does some node of this function body (not of a function, lambda or class nested in it) satisfy `test` (given the cursor on it)? */
function someOwnNode(body: SyntaxNode, test: (at: TreeCursor) => boolean): boolean {
  const cursor = body.cursor();
  const end = body.to;
  if (!cursor.firstChild()) return false;
  for (;;) {
    if (cursor.from >= end) return false;
    if (test(cursor)) return true;
    const nested = cursor.name === 'FunctionDefinition' || cursor.name === 'LambdaExpression' || cursor.name === 'ClassDefinition';
    if (!nested && cursor.firstChild()) continue;
    while (!cursor.nextSibling()) {
      if (!cursor.parent() || cursor.to >= end) return false;
    }
  }
}

/** Does a `return` of this function body (not of a function nested in it) give an iterator? */
function returnsIterator(body: SyntaxNode, text: string): boolean {
  return someOwnNode(body, (at) => {
    if (at.name !== 'ReturnStatement') return false;
    const value = at.node.firstChild?.nextSibling;
    return value ? makesIterator(value, text) : false;
  });
}

/** Does this function body yield (not counting functions, lambdas and classes nested in it)? Then a call returns a generator. */
function hasOwnYield(body: SyntaxNode): boolean {
  return someOwnNode(body, (at) => at.name === 'yield');
}
