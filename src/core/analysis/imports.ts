/**
 * `import` and `from … import`: Import nodes, `l_import` calls and qualified names.
 */
import type { SyntaxNode } from '@lezer/common';
import { type AnalysisContext, sourceText } from './context';
import { addCall, addLiteral, addLookup, addNode, callHelper } from './nodes';
import { bindName, latestOf, mutateValue } from './values';

export function importStatement(ctx: AnalysisContext, stmt: SyntaxNode): void {
  const first = stmt.firstChild;
  if (!first) return;
  if (first.name === 'import') {
    // import a.b.c [as d], e
    let parts: string[] = [];
    let alias: string | undefined;
    const flush = (): void => {
      if (parts.length > 0) importModule(ctx, parts.join('.'), alias);
      parts = [];
      alias = undefined;
    };
    for (let c = first.nextSibling; c; c = c.nextSibling) {
      if (c.name === 'VariableName') {
        if (c.prevSibling?.name === 'as') alias = sourceText(ctx, c);
        else parts.push(sourceText(ctx, c));
      } else if (c.name === ',') flush();
    }
    flush();
    return;
  }
  // from [.]*m import names | *
  let level = 0;
  const parts: string[] = [];
  let c = first.nextSibling;
  for (; c && c.name !== 'import'; c = c.nextSibling) {
    // Only dots before the first name are relative levels; later ones join a dotted name.
    if (c.name === '.') {
      if (parts.length === 0) level++;
    } else if (c.name === 'Ellipsis') {
      if (parts.length === 0) level += 3;
    }
    else if (c.name === 'VariableName') parts.push(sourceText(ctx, c));
  }
  const module = '.'.repeat(level) + parts.join('.');
  const names: Array<{ name: string; alias?: string }> = [];
  let star = false;
  for (c = c?.nextSibling ?? null; c; c = c.nextSibling) {
    if (c.name === '*') star = true;
    else if (c.name === 'VariableName') {
      if (c.prevSibling?.name === 'as') names[names.length - 1].alias = sourceText(ctx, c);
      else names.push({ name: sourceText(ctx, c) });
    }
  }
  const callId = importCall(ctx, module);
  if (star) {
    ctx.stars.push({ callId, module });
    return;
  }
  for (const { name, alias } of names) {
    const id = callHelper(ctx, 'getattr', [callId, addLiteral(ctx, name, 'str')]);
    ctx.quals.set(id, `${module}.${name}`);
    bindName(ctx, alias ?? name, id);
  }
}

/** The Import node and the `l_import` call for one module; returns the call id. */
function importCall(ctx: AnalysisContext, module: string, extraArgs: string[] = []): string {
  const packageName = module.replace(/^\.+/, '').split('.')[0] || module;
  const imp = addNode(ctx, { kind: 'Import', name: module, packageName });
  const callId = addCall(
    ctx,
    addLookup(ctx, 'l_import'),
    [addLiteral(ctx, module, 'str'), ...extraArgs].map((id) => ({ id, starred: false })),
    [],
    { implicitDeps: [imp.id] },
  ).id;
  ctx.quals.set(callId, module);
  return callId;
}

function importModule(ctx: AnalysisContext, module: string, alias: string | undefined): void {
  if (alias !== undefined) {
    bindName(ctx, alias, importCall(ctx, module));
    return;
  }
  const top = module.split('.')[0];
  const existing = ctx.scope.get(top);
  if (module.includes('.') && existing !== undefined && ctx.quals.get(existing) === top) {
    // `import a.b` after `import a`: loads a submodule into `a` (a mutation of a).
    const callId = importCall(ctx, module, [latestOf(ctx, existing)]);
    ctx.quals.set(callId, top);
    mutateValue(ctx, existing, callId);
    return;
  }
  const callId = importCall(ctx, module);
  ctx.quals.set(callId, top);
  bindName(ctx, top, callId);
}
