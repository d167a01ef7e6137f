/**
 * Node construction: every lineage node is made here, with the current location and the
 * next `seq`. The frequent kinds are built as whole literals (one object shape each).
 */
import type { CallArg, CallKwarg, CallNode, LineageNode, LiteralNode, LiteralValue, LookupNode, MutateNode } from '../model';
import type { AnalysisContext, NodeInit } from './context';
import { nodeBudgetError } from './limits';

/**
 * Shared empty values for node fields (most nodes have no names, reads, deps or kwargs):
 * fewer allocations on a hot path. Frozen; the analyser replaces them before adding.
 */
export const NO_NAMES = Object.freeze([]) as unknown as string[];
const NO_IDS = Object.freeze([]) as unknown as string[];
const NO_KWARGS = Object.freeze([]) as unknown as CallKwarg[];
export const NO_READS = Object.freeze({}) as Record<string, string>;

/** Past this many names, a node's names are also kept in a set (`ctx.nameSets`). */
const NAME_SET_AFTER = 16;

export function addName(ctx: AnalysisContext, node: LineageNode, name: string): void {
  if (node.names === NO_NAMES) {
    node.names = [name];
    return;
  }
  if (node.names.length < NAME_SET_AFTER) {
    if (!node.names.includes(name)) node.names.push(name);
    return;
  }
  let set = ctx.nameSets.get(node);
  if (set === undefined) {
    set = new Set(node.names);
    ctx.nameSets.set(node, set);
  }
  if (set.has(name)) return;
  set.add(name);
  node.names.push(name);
}

/** Called before each node is made: the node budget (an InputError, so nothing is stored). */
function checkBudget(ctx: AnalysisContext): void {
  if (ctx.nodes.length >= ctx.maxNodes) throw nodeBudgetError(ctx.fileName, ctx.maxNodes);
}

/** Completes `node` in place (callers pass a fresh literal): no per-node copy. */
export function addNode<T extends NodeInit>(ctx: AnalysisContext, node: T, withLocation = true): Extract<LineageNode, { kind: T['kind'] }> {
  checkBudget(ctx);
  const full = node as unknown as Extract<LineageNode, { kind: T['kind'] }>;
  full.id = ctx.newId();
  full.sessionId = ctx.sessionId;
  full.seq = ctx.seq++;
  full.names = NO_NAMES;
  if (withLocation && ctx.loc) full.location = ctx.loc;
  ctx.nodes.push(full);
  return full;
}

function pushNode<N extends LineageNode>(ctx: AnalysisContext, node: N): N {
  checkBudget(ctx);
  ctx.nodes.push(node);
  return node;
}

/** The node with this id (see `byId`). */
export function nodeById(ctx: AnalysisContext, id: string): LineageNode | undefined {
  const found = ctx.byId.get(id);
  if (found !== undefined) return found;
  const nodes = ctx.nodes;
  // Usually the node asked for was made in the current statement: look back a little.
  const stop = Math.max(ctx.indexed, nodes.length - 64);
  for (let i = nodes.length - 1; i >= stop; i--) {
    if (nodes[i].id === id) {
      ctx.byId.set(id, nodes[i]);
      return nodes[i];
    }
  }
  if (stop === ctx.indexed) return undefined;
  for (let i = ctx.indexed; i < nodes.length; i++) ctx.byId.set(nodes[i].id, nodes[i]);
  ctx.indexed = nodes.length;
  return ctx.byId.get(id);
}

export function addLiteral(ctx: AnalysisContext, value: LiteralValue, valueType: string): string {
  const id = ctx.newId();
  const location = ctx.loc;
  const seq = ctx.seq++;
  const sessionId = ctx.sessionId;
  pushNode<LiteralNode>(
    ctx,
    location
      ? { id, sessionId, kind: 'Literal', seq, location, names: NO_NAMES, value, valueType }
      : { id, sessionId, kind: 'Literal', seq, names: NO_NAMES, value, valueType },
  );
  return id;
}

export function addLookup(ctx: AnalysisContext, name: string): string {
  const id = ctx.newId();
  const location = ctx.loc;
  const seq = ctx.seq++;
  const sessionId = ctx.sessionId;
  pushNode<LookupNode>(ctx, location ? { id, sessionId, kind: 'Lookup', seq, location, names: NO_NAMES, name } : { id, sessionId, kind: 'Lookup', seq, names: NO_NAMES, name });
  return id;
}

export function addMutate(ctx: AnalysisContext, sourceId: string, callId: string): MutateNode {
  const id = ctx.newId();
  const location = ctx.loc;
  const seq = ctx.seq++;
  const sessionId = ctx.sessionId;
  return pushNode<MutateNode>(
    ctx,
    location ? { id, sessionId, kind: 'Mutate', seq, location, names: NO_NAMES, sourceId, callId } : { id, sessionId, kind: 'Mutate', seq, names: NO_NAMES, sourceId, callId },
  );
}

export function addCall(ctx: AnalysisContext, functionId: string, args: CallArg[], kwargs: CallKwarg[] = NO_KWARGS, extra: Partial<Pick<CallNode, 'globalReads' | 'implicitDeps' | 'blackBox'>> = {}): CallNode {
  const id = ctx.newId();
  const location = ctx.loc;
  const seq = ctx.seq++;
  const sessionId = ctx.sessionId;
  const globalReads = extra.globalReads ?? NO_READS;
  const implicitDeps = extra.implicitDeps ?? NO_IDS;
  const node: CallNode = location
    ? { id, sessionId, kind: 'Call', seq, location, names: NO_NAMES, functionId, args, kwargs, globalReads, implicitDeps }
    : { id, sessionId, kind: 'Call', seq, names: NO_NAMES, functionId, args, kwargs, globalReads, implicitDeps };
  if (extra.blackBox !== undefined) node.blackBox = extra.blackBox;
  return pushNode(ctx, node);
}

export function callHelper(ctx: AnalysisContext, name: string, args: string[]): string {
  return addCall(ctx, addLookup(ctx, name), args.map((id) => ({ id, starred: false }))).id;
}
