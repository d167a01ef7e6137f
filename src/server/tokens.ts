/** API tokens: printed once at creation, stored only as sha256 (hex). */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';

export const ROLES = ['read', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  user: string;
  role: Role;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** A user name: 1–100 printable characters, no control characters. */
export function validUserName(name: string): boolean {
  return name.length >= 1 && name.length <= 100 && !/[\p{Cc}\p{Cf}]/u.test(name) && name.trim() === name;
}

/** How much of a token is kept in the clear, to tell tokens apart in `token list` (`tl_` + 8 of 43 random characters). */
export const PREFIX_LENGTH = 11;

/** Makes a token for `user` with `role`; returns the token text (shown once; only its sha256 and first characters are stored). */
export async function createToken(db: Queryable, user: string, role: Role): Promise<string> {
  const token = `tl_${randomBytes(32).toString('base64url')}`;
  await db.query('INSERT INTO tokens (id, hash, user_name, role, created_at, prefix) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    sha256(token),
    user,
    role,
    Date.now(),
    token.slice(0, PREFIX_LENGTH),
  ]);
  return token;
}

/** The caller a bearer token belongs to, or undefined for an unknown or revoked token. */
export async function findCaller(db: Queryable, token: string): Promise<Caller | undefined> {
  const rows = await db.query<{ user_name: string; role: Role }>('SELECT user_name, role FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [sha256(token)]);
  return rows[0] ? { user: rows[0].user_name, role: rows[0].role } : undefined;
}

export interface TokenInfo {
  id: string;
  user: string;
  role: Role;
  createdAt: number;
  /** The token's first characters ('' for tokens made before schema version 2). */
  prefix: string;
  revokedAt?: number;
}

/** Every token, oldest first (never the token itself). */
export async function listTokens(db: Queryable): Promise<TokenInfo[]> {
  const rows = await db.query<{ id: string; user_name: string; role: Role; created_at: string | number; prefix: string; revoked_at: string | number | null }>(
    'SELECT id, user_name, role, created_at, prefix, revoked_at FROM tokens ORDER BY created_at, id',
  );
  return rows.map((r) => ({
    id: r.id,
    user: r.user_name,
    role: r.role,
    createdAt: Number(r.created_at),
    prefix: r.prefix,
    ...(r.revoked_at === null ? {} : { revokedAt: Number(r.revoked_at) }),
  }));
}

export type RevokeResult = { kind: 'revoked'; token: TokenInfo } | { kind: 'none' } | { kind: 'ambiguous'; count: number };

/**
 * Revokes one token, named by its id, the start of its id (at least 4 characters), or its
 * printed prefix (`tl_…`). A name matching several tokens revokes none. Revoking twice is fine.
 */
export async function revokeToken(db: Queryable, which: string, now: number = Date.now()): Promise<RevokeResult> {
  const w = which.trim();
  if (w.length < 4) return { kind: 'none' };
  // The whole token pasted is found by its hash; a shorter `tl_…` is a printed prefix; anything else is an id or its start.
  const all = await listTokens(db);
  let hits: TokenInfo[];
  if (w.startsWith('tl_') && w.length > PREFIX_LENGTH) {
    const rows = await db.query<{ id: string }>('SELECT id FROM tokens WHERE hash = $1', [sha256(w)]);
    hits = all.filter((t) => rows.some((r) => r.id === t.id));
  } else if (w.startsWith('tl_')) hits = all.filter((t) => t.prefix !== '' && t.prefix.startsWith(w));
  else hits = all.filter((t) => t.id.startsWith(w));
  if (hits.length === 0) return { kind: 'none' };
  if (hits.length > 1) return { kind: 'ambiguous', count: hits.length };
  const [t] = hits;
  await db.query('UPDATE tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1', [t.id, now]);
  return { kind: 'revoked', token: { ...t, revokedAt: t.revokedAt ?? now } };
}
