/**
 * Iterators (types in rules/builtins.ts ITERATOR_TYPES; also the call of a user function that
 * yields or returns one, scopes/definitions.ts). Consuming one advances it, so every
 * consumer mutates it (calls.ts, opaque.ts). An iterator also reads what it was made from lazily:
 * `it = iter(xs); xs.append(3); list(it)` sees the 3, so a consumer depends on the latest version
 * of each source at the time it runs. That is a one-way dependency (an implicit input of the
 * consumer), not a view: consuming `map(f, xs)` does not change `xs`.
 */
import type { CallNode } from '../model';
import type { AnalysisContext } from './context';
import { nodeById } from './nodes';
import { latestOf, rootOf } from './values';

/** Records that the iterator `iterId` draws lazily on `sourceIds` (and on what they draw on). */
export function recordLazySources(ctx: AnalysisContext, iterId: string, sourceIds: Iterable<string>): void {
  const roots = new Set<string>(ctx.lazySources.get(iterId) ?? []);
  for (const id of sourceIds) {
    const root = rootOf(ctx, id);
    if (root === iterId) continue;
    roots.add(root);
    for (const inner of ctx.lazySources.get(root) ?? []) roots.add(inner);
  }
  if (roots.size > 0) ctx.lazySources.set(iterId, [...roots]);
}

/** The consumer `callId` of the iterator `iterId` reads the latest versions of its lazy sources. */
export function readLazySources(ctx: AnalysisContext, callId: string, iterId: string): void {
  const sources = ctx.lazySources.get(rootOf(ctx, iterId));
  if (!sources) return;
  const call = nodeById(ctx, callId) as CallNode | undefined;
  if (!call || call.kind !== 'Call') return;
  const deps = sources.map((s) => latestOf(ctx, s)).filter((d) => d !== callId && !call.implicitDeps.includes(d));
  if (deps.length > 0) call.implicitDeps = [...call.implicitDeps, ...deps];
}
