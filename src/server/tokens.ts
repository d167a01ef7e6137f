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

/** Makes a token for `user` with `role`; returns the token text (shown once, never stored). */
export async function createToken(db: Queryable, user: string, role: Role): Promise<string> {
  const token = `tl_${randomBytes(32).toString('base64url')}`;
  await db.query('INSERT INTO tokens (id, hash, user_name, role, created_at) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), sha256(token), user, role, Date.now()]);
  return token;
}

/** The caller a bearer token belongs to, or undefined for an unknown token. */
export async function findCaller(db: Queryable, token: string): Promise<Caller | undefined> {
  const rows = await db.query<{ user_name: string; role: Role }>('SELECT user_name, role FROM tokens WHERE hash = $1', [sha256(token)]);
  return rows[0] ? { user: rows[0].user_name, role: rows[0].role } : undefined;
}
