/**
 * Team shares: pushing one artifact's bundle (a new team version per name, serialised in the
 * transaction), listing with SQL filters, sorting and paging, reading, deleting. All SQL is
 * parameterised; the sort column comes from a whitelist.
 */
import { randomUUID } from 'node:crypto';
import type { BundleInput } from '../store/bundle-schema';
import type { Database } from './db';
import { sha256 } from './tokens';
import type { TeamArtifact } from '../core/team/api';

export type { TeamArtifact } from '../core/team/api';

interface ShareRow {
  id: string;
  name: string;
  version: number;
  shared_by: string;
  shared_at: number | string;
  author: string;
  description: string;
  tags: Array<{ key: string; value: string }> | string;
  slice_digest: string;
  session_name: string;
  notebook_key: string;
  local_version: number;
  nodes: number;
}

const COLUMNS = 'id, name, version, shared_by, shared_at, author, description, tags, slice_digest, session_name, notebook_key, local_version, nodes';

function toArtifact(r: ShareRow): TeamArtifact {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    sharedBy: r.shared_by,
    sharedAt: Number(r.shared_at),
    author: r.author,
    description: r.description,
    tags: typeof r.tags === 'string' ? (JSON.parse(r.tags) as TeamArtifact['tags']) : r.tags,
    sliceDigest: r.slice_digest,
    sessionName: r.session_name,
    notebookKey: r.notebook_key,
    localVersion: r.local_version,
    nodes: r.nodes,
  };
}

export type PushResult =
  | { kind: 'created'; share: TeamArtifact }
  | { kind: 'replayed'; share: TeamArtifact }
  /** The latest version of the name already holds this content: no new version. */
  | { kind: 'unchanged'; share: TeamArtifact }
  | { kind: 'conflict'; message: string };

/** The digest of what a bundle holds, leaving out when it was exported (every export differs there). */
export function contentDigest(bundle: BundleInput): string {
  const { exportedAt: _exportedAt, ...content } = bundle;
  return sha256(JSON.stringify(content));
}

/**
 * Stores a validated one-artifact bundle as the next team version of its name. One transaction:
 * the idempotency key's lock, then the name's lock (always in that order), so concurrent pushes of
 * one name get 0, 1, 2 … with no gap or repeat, and a retried key never makes a second version.
 * A bundle whose content the name's latest version already holds is that version (`unchanged`).
 */
export async function pushShare(db: Database, user: string, key: string, bodyDigest: string, bundle: BundleInput): Promise<PushResult> {
  const artifact = bundle.artifacts[0];
  const session = bundle.sessions[0];
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`key:${key}`]);
    const existing = await q.query<ShareRow & { shared_by: string; body_digest: string }>(`SELECT ${COLUMNS}, body_digest FROM shares WHERE idempotency_key = $1`, [key]);
    if (existing[0]) {
      if (existing[0].body_digest === bodyDigest && existing[0].shared_by === user) return { kind: 'replayed', share: toArtifact(existing[0]) };
      return { kind: 'conflict', message: 'This idempotency key was already used for a different share; make a new key for a new share.' };
    }
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`name:${artifact.name}`]);
    const content = contentDigest(bundle);
    const [latest] = await q.query<ShareRow & { content_digest: string | null }>(`SELECT ${COLUMNS}, content_digest FROM shares WHERE name = $1 ORDER BY version DESC LIMIT 1`, [artifact.name]);
    if (latest && latest.content_digest === content) return { kind: 'unchanged', share: toArtifact(latest) };
    const next = latest ? latest.version + 1 : 0;
    const tags = artifact.tags.map((t) => ({ key: t.key, value: t.value }));
    const rows = await q.query<ShareRow>(
      `INSERT INTO shares (id, name, version, shared_by, shared_at, author, description, tags, tag_text, slice_digest,
        session_name, notebook_key, local_version, nodes, idempotency_key, body_digest, bundle, content_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        artifact.name,
        next,
        user,
        Date.now(),
        artifact.author,
        artifact.description,
        JSON.stringify(tags),
        tags.map((t) => `${t.key}:${t.value}`).join('\n'),
        artifact.sliceDigest,
        session.name,
        session.notebookKey,
        artifact.version,
        bundle.nodes.length,
        key,
        bodyDigest,
        JSON.stringify(bundle),
        content,
      ],
    );
    return { kind: 'created', share: toArtifact(rows[0]) };
  });
}

export const bodyDigest = (bundle: unknown) => sha256(JSON.stringify(bundle));

export const SORTS = { sharedAt: 'shared_at', name: 'name', sharedBy: 'shared_by', version: 'version' } as const;

export interface ListQuery {
  q?: string;
  name?: string;
  sharedBy?: string;
  author?: string;
  tags: Array<{ key: string; value: string }>;
  latest: boolean;
  sort: keyof typeof SORTS;
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listShares(db: Database, query: ListQuery): Promise<{ total: number; items: TeamArtifact[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (query.q) {
    const p = param(`%${likeEscape(query.q)}%`);
    where.push(`(name ILIKE ${p} ESCAPE '\\' OR description ILIKE ${p} ESCAPE '\\' OR tag_text ILIKE ${p} ESCAPE '\\')`);
  }
  if (query.name !== undefined) where.push(`name = ${param(query.name)}`);
  if (query.sharedBy !== undefined) where.push(`shared_by = ${param(query.sharedBy)}`);
  if (query.author !== undefined) where.push(`author = ${param(query.author)}`);
  for (const t of query.tags) where.push(`tags @> ${param(JSON.stringify([t]))}::jsonb`);
  if (query.latest) where.push('version = (SELECT MAX(s2.version) FROM shares s2 WHERE s2.name = shares.name)');
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const column = SORTS[query.sort];
  const dir = query.dir === 'asc' ? 'ASC' : 'DESC';
  const [{ total }] = await db.query<{ total: number | string }>(`SELECT COUNT(*) AS total FROM shares ${clause}`, params);
  const rows = await db.query<ShareRow>(
    `SELECT ${COLUMNS} FROM shares ${clause} ORDER BY ${column} ${dir}, name ASC, version DESC, id ASC LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
    params,
  );
  return { total: Number(total), items: rows.map(toArtifact) };
}

export async function getShare(db: Database, id: string): Promise<TeamArtifact | undefined> {
  const rows = await db.query<ShareRow>(`SELECT ${COLUMNS} FROM shares WHERE id = $1`, [id]);
  return rows[0] ? toArtifact(rows[0]) : undefined;
}

export async function getShareBundle(db: Database, id: string): Promise<string | undefined> {
  const rows = await db.query<{ bundle: string }>('SELECT bundle FROM shares WHERE id = $1', [id]);
  return rows[0]?.bundle;
}

export async function deleteShare(db: Database, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>('DELETE FROM shares WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}
