/**
 * Simple statements: expressions, assignments (targets, unpacking, subscripts and
 * attributes), `del`, `+=`, and the dispatch of compound statements to opaque units.
 */
import type { SyntaxNode } from '@lezer/common';
import { analyseUnit } from './scopes';
import { type AnalysisContext, placeOf, sourceText } from './context';
import { addLiteral, callHelper } from './nodes';
import { ELEMENT_KEEPS_TYPE, bindName, hold, isImmutable, latestOf, mayHoldMutable, mutateChain, qualOf, rootOf, settle, typeOf } from './values';
import { readName } from './name-reads';
import { aliasOf, evaluate, expressionList, skipComments, subscriptKey } from './expressions';
import { opaqueExpr, opaqueUnit } from './opaque';
import { importStatement } from './imports';

const OPAQUE_STATEMENTS = new Set([
  'IfStatement', 'WhileStatement', 'ForStatement', 'TryStatement', 'WithStatement', 'FunctionDefinition', 'ClassDefinition',
  'DecoratedStatement', 'MatchStatement', 'UpdateStatement', 'PrintStatement', 'RaiseStatement', 'YieldStatement', 'TypeDefinition',
]);
/** Opaque statements that always bind what they write (no read of the previous binding). */
const DEFINITIONS = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement', 'TypeDefinition']);

function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'ParenthesizedExpression') {
    const inner = skipComments(n.firstChild?.nextSibling ?? null);
    if (!inner || inner.name === ')' || skipComments(inner.nextSibling)?.name !== ')') break;
    n = inner;
  }
  return n;
}

export function statement(ctx: AnalysisContext, stmt: SyntaxNode): void {
  switch (stmt.name) {
    case 'ExpressionStatement': {
      const id = expressionList(ctx, stmt.firstChild, null);
      if (id !== undefined) ctx.cell.result = id;
      return;
    }
    case 'AssignStatement':
      return assignStatement(ctx, stmt);
    case 'ImportStatement':
      return importStatement(ctx, stmt);
    case 'DeleteStatement':
      return deleteStatement(ctx, stmt);
    case 'AssertStatement': {
      const args: string[] = [];
      for (let c = stmt.firstChild?.nextSibling ?? null; c; c = c.nextSibling) if (c.name !== ',' && c.name !== 'Comment') args.push(evaluate(ctx, c));
      ctx.cell.result = undefined;
      callHelper(ctx, 'l_assert', args);
      return;
    }
    case 'ReturnStatement':
      ctx.diagnostics.push({
        severity: 'warning',
        code: 'top-level-return',
        message: `\`return\` outside a function at ${placeOf(ctx.cell.cellIndex, ctx.loc?.line ?? 1)}; it was ignored.`,
        cellIndex: ctx.cell.cellIndex,
        sourceCodeId: ctx.cell.sourceCodeId,
        line: ctx.loc?.line,
      });
      return;
    case 'PassStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ScopeStatement':
      return;
    default:
      if (stmt.name === 'UpdateStatement') return updateStatement(ctx, stmt);
      if (OPAQUE_STATEMENTS.has(stmt.name)) {
        ctx.cell.result = opaqueUnit(ctx, stmt, analyseUnit(stmt, ctx.cell.text), 'l_exec_statement', !DEFINITIONS.has(stmt.name));
        return;
      }
      // Anything else (unexpected node): treat as opaque so nothing is lost.
      ctx.cell.result = opaqueUnit(ctx, stmt, analyseUnit(stmt, ctx.cell.text), 'l_exec_statement', true);
  }
}

/**
 * `a += …` (opaque). On a value that may be mutable (list, dict, set, unknown) the
 * operator works in place: the new binding joins the old value's view set, so later
 * mutations of `a` still reach its aliases.
 */
function updateStatement(ctx: AnalysisContext, stmt: SyntaxNode): void {
  const target = stmt.firstChild;
  const name = target && target.name === 'VariableName' ? sourceText(ctx, target) : undefined;
  const before = name !== undefined ? ctx.scope.get(name) : undefined;
  ctx.cell.result = opaqueUnit(ctx, stmt, analyseUnit(stmt, ctx.cell.text), 'l_exec_statement', true);
  if (name === undefined || before === undefined) return;
  const after = ctx.scope.get(name);
  if (after === undefined || after === before || isImmutable(ctx, before)) return;
  ctx.views.union(before, after);
  const t = ctx.types.get(before);
  if (t !== undefined) ctx.types.set(after, t);
}

function assignStatement(ctx: AnalysisContext, stmt: SyntaxNode): void {
  const groups: SyntaxNode[][] = [[]];
  for (let c = stmt.firstChild; c; c = c.nextSibling) {
    if (c.name === 'AssignOp') groups.push([]);
    else if (c.name !== 'TypeDef') groups[groups.length - 1].push(c);
  }
  if (groups.length === 1) return; // `x: int` — an annotation binds nothing.
  const valueGroup = groups[groups.length - 1];
  let value: string;
  const single = valueGroup.length === 1 ? unparen(valueGroup[0]) : null;
  const bareTargets = groups.slice(0, -1).every((grp) => grp.length === 1 && unparen(grp[0]).name === 'VariableName');
  if (single && single.name === 'VariableName' && bareTargets) {
    // `x = y`: an alias call, so the two names stay distinct views of one object.
    value = aliasOf(ctx, readName(ctx, sourceText(ctx, single)));
  } else if (valueGroup.length === 1 && valueGroup[0].name === 'YieldExpression') {
    value = opaqueExpr(ctx, valueGroup[0]);
  } else {
    value = expressionList(ctx, valueGroup[0] ?? null, null) ?? addLiteral(ctx, null, 'NoneType');
  }
  for (let i = 0; i < groups.length - 1; i++) bindTargetList(ctx, groups[i], value);
  ctx.cell.result = latestOf(ctx, rootOf(ctx, value));
}

/** Bind a target group (may be `a, b` or `a, *b`). */
function bindTargetList(ctx: AnalysisContext, group: SyntaxNode[], value: string): void {
  const targets = group.filter((n) => n.name !== ',');
  const hasComma = group.some((n) => n.name === ',');
  if (targets.length === 1 && !hasComma && targets[0].name !== '*') {
    bindTarget(ctx, targets[0], value);
    return;
  }
  unpack(ctx, group, value);
}

export function unpack(ctx: AnalysisContext, items: SyntaxNode[], value: string): void {
  const targets: Array<{ node: SyntaxNode; starred: boolean }> = [];
  for (let i = 0; i < items.length; i++) {
    const c = items[i];
    if (c.name === ',' || c.name === '(' || c.name === ')' || c.name === '[' || c.name === ']') continue;
    if (c.name === '*') {
      const next = items[i + 1];
      if (next) targets.push({ node: next, starred: true });
      i++;
      continue;
    }
    targets.push({ node: c, starred: false });
  }
  const starAt = targets.findIndex((t) => t.starred);
  const n = targets.length;
  const unpacked =
    starAt >= 0
      ? callHelper(ctx, 'l_unpack_ex', [value, addLiteral(ctx, starAt, 'int'), addLiteral(ctx, n - starAt - 1, 'int')])
      : callHelper(ctx, 'l_unpack_sequence', [value, addLiteral(ctx, n, 'int')]);
  const t = typeOf(ctx, value);
  settle(ctx, rootOf(ctx, value));
  const shared = mayHoldMutable(ctx, rootOf(ctx, value));
  targets.forEach((target, i) => {
    const el = callHelper(ctx, 'getitem', [unpacked, addLiteral(ctx, i, 'int')]);
    if (t && ELEMENT_KEEPS_TYPE.has(t)) ctx.types.set(el, t);
    else if (shared) ctx.views.union(rootOf(ctx, value), el);
    bindTarget(ctx, target.node, el);
  });
}

export function bindTarget(ctx: AnalysisContext, target: SyntaxNode, value: string): void {
  switch (target.name) {
    case 'VariableName':
      bindName(ctx, sourceText(ctx, target), value);
      return;
    case 'ParenthesizedExpression': {
      const inner = skipComments(target.firstChild?.nextSibling ?? null);
      if (inner && inner.name !== ')') bindTarget(ctx, inner, value);
      return;
    }
    case 'TupleExpression':
    case 'ArrayExpression': {
      const items: SyntaxNode[] = [];
      for (let c = target.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') items.push(c);
      unpack(ctx, items, value);
      return;
    }
    case 'MemberExpression': {
      const obj = target.firstChild;
      if (!obj) return;
      const objId = evaluate(ctx, obj);
      const second = obj.nextSibling;
      let callId: string;
      if (second && second.name === '.') {
        const prop = target.lastChild;
        callId = callHelper(ctx, 'setattr', [objId, addLiteral(ctx, prop ? sourceText(ctx, prop) : '', 'str'), value]);
      } else {
        const key = subscriptKey(ctx, second, target.lastChild);
        callId = callHelper(ctx, 'setitem', [objId, key, value]);
      }
      mutateChain(ctx, objId, obj, callId);
      // After the mutation: the container holds the value from now on.
      // `obj.attr = inner` too: obj holds inner (a later `inner.append` changes obj.attr).
      if (qualOf(ctx, objId) === undefined) hold(ctx, rootOf(ctx, objId), rootOf(ctx, value), false);
      return;
    }
    default:
      // Not a valid target (e.g. a call); evaluate for its reads.
      evaluate(ctx, target);
  }
}

export function deleteStatement(ctx: AnalysisContext, stmt: SyntaxNode): void {
  for (let c = stmt.firstChild?.nextSibling ?? null; c; c = c.nextSibling) deleteTarget(ctx, c);
}

function deleteTarget(ctx: AnalysisContext, c: SyntaxNode): void {
  if (c.name === 'VariableName') {
    ctx.scope.delete(sourceText(ctx, c));
  } else if (c.name === 'MemberExpression') {
    const obj = c.firstChild;
    if (!obj) return;
    const objId = evaluate(ctx, obj);
    const second = obj.nextSibling;
    let callId: string;
    if (second && second.name === '.') {
      const prop = c.lastChild;
      callId = callHelper(ctx, 'delattr', [objId, addLiteral(ctx, prop ? sourceText(ctx, prop) : '', 'str')]);
    } else {
      callId = callHelper(ctx, 'delitem', [objId, subscriptKey(ctx, second, c.lastChild)]);
    }
    mutateChain(ctx, objId, obj, callId);
  } else if (c.name === 'TupleExpression' || c.name === 'ArrayExpression' || c.name === 'ParenthesizedExpression') {
    for (let d = c.firstChild; d; d = d.nextSibling) deleteTarget(ctx, d);
  }
}
