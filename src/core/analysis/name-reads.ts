/**
 * Reading a name: its binding, a star-imported module attribute, or a builtin Lookup.
 */
import type { AnalysisContext } from './context';
import { addLiteral, addLookup, callHelper } from './nodes';
import { latestOf } from './values';

const BUILTIN_NAMES = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile',
  'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'filter', 'float', 'format', 'frozenset',
  'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter', 'len',
  'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property',
  'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple',
  'type', 'vars', 'zip', 'Exception', 'ValueError', 'TypeError', 'KeyError', 'IndexError', 'display', 'get_ipython',
]);

export function readName(ctx: AnalysisContext, name: string): string {
  const root = ctx.scope.get(name);
  if (root !== undefined) return latestOf(ctx, root);
  if (ctx.stars.length > 0 && !BUILTIN_NAMES.has(name)) {
    const star = ctx.stars[ctx.stars.length - 1];
    const id = callHelper(ctx, 'getattr', [latestOf(ctx, star.callId), addLiteral(ctx, name, 'str')]);
    ctx.quals.set(id, `${star.module}.${name}`);
    return id;
  }
  const id = addLookup(ctx, name);
  ctx.quals.set(id, `builtins.${name}`);
  return id;
}

/**
 * Resolve a name for an opaque unit's globalReads: names the program bound, else (after
 * `from m import *`, for a non-builtin) the star-imported module, as plain reads do.
 */
export function boundRead(ctx: AnalysisContext, name: string): string | undefined {
  const root = ctx.scope.get(name);
  return root !== undefined ? latestOf(ctx, root) : undefined;
}

export function resolveRead(ctx: AnalysisContext, name: string): string | undefined {
  const root = ctx.scope.get(name);
  if (root !== undefined) return latestOf(ctx, root);
  if (ctx.stars.length > 0 && !BUILTIN_NAMES.has(name)) return latestOf(ctx, ctx.stars[ctx.stars.length - 1].callId);
  return undefined;
}
