/**
 * What a statement writes to the outside world (files, databases), read back from the graph
 * (see analysis/effects.ts for how writes are modelled): for "Name what this writes".
 */
import type { LineageNode, SessionGraph } from './model';

export interface WriteTarget {
  /**
   * The node an artifact of this write points at: for one literal path, that path's version
   * after the write (its slice: this write, the earlier writes of the path, their ancestors);
   * otherwise the writing call itself (its slice: the write and its ancestors).
   */
  nodeId: string;
  /** What is written, for people: `notes.txt`, `2 files`, `the database`. */
  label: string;
  suggestedName: string;
}

const OUTSIDE = /^(?:file:.+|file_system|file_system \(unknown path\)|db)$/;

/** The outside-world pseudo value a Mutate chain starts from, if it does. */
function outsideRoot(byId: ReadonlyMap<string, LineageNode>, id: string): string | undefined {
  let n = byId.get(id);
  for (let guard = 0; n && n.kind === 'Mutate' && guard < 1_000_000; guard++) n = byId.get(n.sourceId);
  return n && n.kind === 'Lookup' && !n.location && OUTSIDE.test(n.name) ? n.name : undefined;
}

/** What the statement made of `memberIds` writes, or undefined when it writes nothing outside. */
export function writeTargetOf(graph: SessionGraph, byId: ReadonlyMap<string, LineageNode>, memberIds: readonly string[]): WriteTarget | undefined {
  const members = new Set(memberIds);
  const writes: Array<{ mutateId: string; callId: string; seq: number; root: string }> = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'Mutate' || !members.has(n.callId)) continue;
    const root = outsideRoot(byId, n.sourceId);
    if (root !== undefined) writes.push({ mutateId: n.id, callId: n.callId, seq: n.seq, root });
  }
  if (writes.length === 0) return undefined;
  writes.sort((a, b) => a.seq - b.seq);
  const paths = new Map<string, string>();
  for (const w of writes) if (w.root.startsWith('file:')) paths.set(w.root.slice(5), w.mutateId);
  const unknown = writes.some((w) => w.root === 'file_system (unknown path)');
  if (paths.size === 1 && !unknown) {
    const [path, mutateId] = [...paths][0];
    return { nodeId: mutateId, label: path, suggestedName: path.split('/').pop() || path };
  }
  const last = writes[writes.length - 1];
  const db = writes.every((w) => w.root === 'db');
  const label = db ? 'the database' : paths.size > 1 ? `${paths.size} files` : 'files';
  return { nodeId: last.callId, label, suggestedName: db ? 'database' : 'files' };
}
