/**
 * The team API's shapes, shared by the server (src/server) and the app's client (src/ui/lib/team.ts);
 * the contract itself is docs/notes/team-api.md.
 */

/** One shared artifact version in the team catalog. */
export interface TeamArtifact {
  /** The server's own id. */
  id: string;
  name: string;
  /** The team version (per name, 0, 1, 2 … assigned by the server). */
  version: number;
  sharedBy: string;
  sharedAt: number;
  author: string;
  description: string;
  tags: Array<{ key: string; value: string }>;
  sliceDigest: string;
  sessionName: string;
  notebookKey: string;
  /** The version the artifact had in the sharer's workspace. */
  localVersion: number;
  nodes: number;
}

export type TeamRole = 'read' | 'write' | 'admin';

export type TeamSort = 'sharedAt' | 'name' | 'sharedBy' | 'version';

/** The list filters of `GET /api/artifacts` (all optional; the server's defaults apply). */
export interface TeamListQuery {
  q?: string;
  name?: string;
  sharedBy?: string;
  author?: string;
  /** `KEY:VALUE` pairs. */
  tags?: Array<{ key: string; value: string }>;
  latest?: boolean;
  sort?: TeamSort;
  dir?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** The query string of a list request: only what is set, in a stable order. */
export function teamListParams(query: TeamListQuery): URLSearchParams {
  const p = new URLSearchParams();
  const text = (k: string, v: string | undefined) => {
    if (v !== undefined && v.trim() !== '') p.set(k, v.trim());
  };
  text('q', query.q);
  text('name', query.name);
  text('sharedBy', query.sharedBy);
  text('author', query.author);
  for (const t of query.tags ?? []) p.append('tag', `${t.key}:${t.value}`);
  if (query.latest) p.set('latest', '1');
  if (query.sort) p.set('sort', query.sort);
  if (query.dir) p.set('dir', query.dir);
  if (query.offset) p.set('offset', String(query.offset));
  if (query.limit !== undefined) p.set('limit', String(query.limit));
  return p;
}
