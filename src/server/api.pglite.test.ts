/** The HTTP API against PGlite in a temporary data folder (one PGlite for the file), plus migrations and token storage. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSuite } from './api-suite';
import { openPglite, type Database } from './db';
import { migrate, SERVER_MIGRATIONS } from './migrations';
import { startTestServer, type TestServer } from './testing';
import { sha256 } from './tokens';

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
    expect(await migrate(db)).toBe(1);
    expect(await db.query('SELECT version FROM threadline_migrations')).toEqual([{ version: 1 }]);
    const next = [...SERVER_MIGRATIONS, { version: 2, sql: ['CREATE TABLE later (x int)'] }];
    expect(await migrate(db, next)).toBe(2);
    await expect(migrate(db)).rejects.toThrow(/schema version 2, newer than this server's 1/);
    await expect(migrate(db, [...next, { version: 4, sql: [] }])).rejects.toThrow(/versions must be 1, 2, 3/);
    // A failing migration leaves nothing behind (one transaction).
    await expect(migrate(db, [...next, { version: 3, sql: ['CREATE TABLE half (x int)', 'SELECT nonsense('] }])).rejects.toThrow();
    expect(await db.query("SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    expect(await db.query('SELECT max(version) AS v FROM threadline_migrations')).toEqual([{ v: 2 }]);
  });
});
