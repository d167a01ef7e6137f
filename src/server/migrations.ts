/**
 * The server's schema, as numbered migrations applied at start in one transaction (an advisory
 * lock keeps two servers starting at once from racing). Versions follow checkMigrationList.
 */
import { checkMigrationList } from '../store/migrations/check';
import type { Database } from './db';

export interface ServerMigration {
  version: number;
  sql: string[];
}

export const SERVER_MIGRATIONS: ServerMigration[] = [
  {
    version: 1,
    sql: [
      `CREATE TABLE tokens (
        id text PRIMARY KEY,
        hash text NOT NULL UNIQUE,
        user_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('read', 'write', 'admin')),
        created_at bigint NOT NULL
      )`,
      `CREATE TABLE shares (
        id text PRIMARY KEY,
        name text NOT NULL,
        version integer NOT NULL CHECK (version >= 0),
        shared_by text NOT NULL,
        shared_at bigint NOT NULL,
        author text NOT NULL,
        description text NOT NULL,
        tags jsonb NOT NULL,
        tag_text text NOT NULL,
        slice_digest text NOT NULL,
        session_name text NOT NULL,
        notebook_key text NOT NULL,
        local_version integer NOT NULL,
        nodes integer NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        body_digest text NOT NULL,
        bundle text NOT NULL,
        UNIQUE (name, version)
      )`,
      'CREATE INDEX shares_shared_at ON shares (shared_at)',
      'CREATE INDEX shares_shared_by ON shares (shared_by)',
    ],
  },
  {
    // Tokens can be listed (by id and the first characters of the token, never the rest) and revoked.
    version: 2,
    sql: ["ALTER TABLE tokens ADD COLUMN prefix text NOT NULL DEFAULT ''", 'ALTER TABLE tokens ADD COLUMN revoked_at bigint'],
  },
  {
    // What a share holds, whenever it was exported: sharing again what the latest version of
    // a name already holds makes no new version. Null on rows from before (never equal).
    version: 3,
    sql: ['ALTER TABLE shares ADD COLUMN content_digest text'],
  },
];

checkMigrationList(SERVER_MIGRATIONS, 'server migrations');

export const SCHEMA_VERSION = SERVER_MIGRATIONS[SERVER_MIGRATIONS.length - 1].version;

/** Applies the migrations not applied yet; returns the schema version. Refuses a database newer than this server. */
export async function migrate(db: Database, list: ServerMigration[] = SERVER_MIGRATIONS): Promise<number> {
  checkMigrationList(list, 'server migrations');
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['threadline:migrations']);
    await q.query('CREATE TABLE IF NOT EXISTS threadline_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)');
    const [{ v }] = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM threadline_migrations');
    const current = v ?? 0;
    const latest = list[list.length - 1].version;
    if (current > latest) throw new Error(`the database has schema version ${current}, newer than this server's ${latest}; upgrade threadline.`);
    for (const m of list.slice(current)) {
      for (const sql of m.sql) await q.query(sql);
      await q.query('INSERT INTO threadline_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
    }
    return latest;
  });
}

export async function schemaVersion(db: Database): Promise<number> {
  const [{ v }] = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM threadline_migrations');
  return v ?? 0;
}
