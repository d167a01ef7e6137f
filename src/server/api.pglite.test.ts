/** The HTTP API against PGlite in a temporary data folder (one PGlite for the file), plus migrations and token storage. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSuite } from './api-suite';
import { openPglite, type Database } from './db';
import { migrate, SCHEMA_VERSION, SERVER_MIGRATIONS } from './migrations';
import { startTestServer, type TestServer } from './testing';
import { findCaller, listTokens, revokeToken, sha256 } from './tokens';

describe('team API on PGlite', () => {
  let t: TestServer;
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), 'threadline-pglite-'));
  beforeAll(async () => {
    db = await openPglite(dir);
    t = await startTestServer(db, { maxBodyBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await t?.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  apiSuite(() => t);

  it('stores only the sha256 of each token', async () => {
    const rows = await db.query<Record<string, unknown>>('SELECT * FROM tokens');
    const stored = JSON.stringify(rows);
    for (const token of Object.values(t.tokens)) {
      expect(stored).not.toContain(token);
      expect(rows.some((r) => r.hash === sha256(token))).toBe(true);
    }
  });

  it('applies migrations once, and refuses a database newer than the server', async () => {
    const V = SCHEMA_VERSION;
    expect(await migrate(db)).toBe(V);
    expect(await db.query('SELECT version FROM threadline_migrations ORDER BY version')).toEqual(SERVER_MIGRATIONS.map((m) => ({ version: m.version })));
    const next = [...SERVER_MIGRATIONS, { version: V + 1, sql: ['CREATE TABLE later (x int)'] }];
    expect(await migrate(db, next)).toBe(V + 1);
    await expect(migrate(db)).rejects.toThrow(new RegExp(`schema version ${V + 1}, newer than this server's ${V}`));
    await expect(migrate(db, [...next, { version: V + 3, sql: [] }])).rejects.toThrow(/versions must be 1, 2, 3/);
    // A failing migration leaves nothing behind (one transaction).
    await expect(migrate(db, [...next, { version: V + 2, sql: ['CREATE TABLE half (x int)', 'SELECT nonsense('] }])).rejects.toThrow();
    expect(await db.query("SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    expect(await db.query('SELECT max(version) AS v FROM threadline_migrations')).toEqual([{ v: V + 1 }]);
  });

  it('a version-1 catalog upgrades in place: its tokens keep working and list with no prefix', async () => {
    const old = mkdtempSync(join(tmpdir(), 'threadline-pglite-v1-'));
    const v1 = await openPglite(old);
    try {
      await migrate(v1, SERVER_MIGRATIONS.slice(0, 1));
      await v1.query('INSERT INTO tokens (id, hash, user_name, role, created_at) VALUES ($1, $2, $3, $4, $5)', ['old-id-1', sha256('tl_old-token'), 'olga', 'write', 5]);
      expect(await migrate(v1)).toBe(SCHEMA_VERSION);
      expect(await findCaller(v1, 'tl_old-token')).toEqual({ user: 'olga', role: 'write' });
      expect(await listTokens(v1)).toEqual([{ id: 'old-id-1', user: 'olga', role: 'write', createdAt: 5, prefix: '' }]);
      expect(await revokeToken(v1, 'old-id')).toMatchObject({ kind: 'revoked' });
      expect(await findCaller(v1, 'tl_old-token')).toBeUndefined();
    } finally {
      await v1.close();
      rmSync(old, { recursive: true, force: true });
    }
  });
});
