/**
 * Short-id lookups over the store (docs/DESIGN.md "Data model"): a typed prefix resolves to exactly one
 * record, or a NotFoundError / AmbiguousIdError listing the candidates. Never a guess.
 */
import { InputError } from '../core/errors';
import { resolvePrefix } from '../core/shortid';
import type { Artifact, LineageNode, Session } from '../core/model';
import type { ThreadlineDB } from './db';
import { toStorageError } from './storage-errors';

function needle(prefix: string): string {
  const p = prefix.trim().toLowerCase();
  if (!p) throw new InputError('Type at least one character of the id.', 'id');
  return p;
}

/** The session whose id starts with `prefix`. */
export async function resolveSession(db: ThreadlineDB, prefix: string): Promise<Session> {
  const p = needle(prefix);
  let rows: Session[];
  try {
    rows = await db.sessions.where(':id').startsWith(p).toArray();
  } catch (e) {
    throw toStorageError(e, 'look up the session');
  }
  return resolvePrefix(p, rows, (s) => s.id);
}

/** The artifact whose id — or, failing that, slice digest — starts with `prefix`. */
export async function resolveArtifact(db: ThreadlineDB, prefix: string): Promise<Artifact> {
  const p = needle(prefix);
  let rows: Artifact[];
  try {
    rows = await db.artifacts.where(':id').startsWith(p).toArray();
    if (rows.length === 0) rows = await db.artifacts.filter((a) => a.sliceDigest.toLowerCase().startsWith(p)).toArray();
  } catch (e) {
    throw toStorageError(e, 'look up the artifact');
  }
  const byId = rows.some((a) => a.id.toLowerCase().startsWith(p));
  return resolvePrefix(p, rows, (a) => (byId ? a.id : a.sliceDigest));
}

/** The node of `sessionId` whose id starts with `prefix`. */
export async function resolveNode(db: ThreadlineDB, sessionId: string, prefix: string): Promise<LineageNode> {
  const p = needle(prefix);
  let rows: LineageNode[];
  try {
    rows = await db.nodes.where(':id').startsWith(p).filter((n) => n.sessionId === sessionId).toArray();
  } catch (e) {
    throw toStorageError(e, 'look up the node');
  }
  return resolvePrefix(p, rows, (n) => n.id);
}
