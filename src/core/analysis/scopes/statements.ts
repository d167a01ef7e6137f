/**
 * The walk over a unit, one rule per statement kind: assignment (targets, containment,
 * shared values), augmented assignment, loops, if/elif/else (a name written in every
 * branch is definite), try/with/match (writes that may not happen), imports, `global`,
 * `del`, decorators and match patterns.
 */
import type { SyntaxNode } from '@lezer/common';
import { CallWalker } from './calls';
import { importParts } from './imports';
import { chainBase, COMPREHENSIONS, SKIP } from './scope';

export class UnitWalker extends CallWalker {
  override walk(node: SyntaxNode): void {
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
