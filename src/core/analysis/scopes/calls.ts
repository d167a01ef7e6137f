/**
 * Calls and arguments: a call on a parameter or global is kept as a CallEffect for the rule
 * tables (resolved when the function is called, or by the unit); a method call on a local
 * is a mutation unless the method is known pure; a container method records containment;
 * a generator argument is a comprehension and a keyword argument's name is not a read.
 */
import type { SyntaxNode } from '@lezer/common';
import type { CallEffect, EffectName } from './facts';
import { DefinitionWalker } from './definitions';
import { before, chainBase, DISPLAYS, HOLDS_ARG, HOLDS_ELEMENTS, PURE_METHODS } from './scope';

export abstract class CallWalker extends DefinitionWalker {
  protected callExpr(node: SyntaxNode): void {
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
  protected heldNames(value: SyntaxNode[]): EffectName[] {
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

  protected argList(node: SyntaxNode): void {
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
}
