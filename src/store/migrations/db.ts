/**
 * The IndexedDB schema as data: one entry per Dexie version, in order, each with the stores it
 * adds or changes and an optional upgrade of the records already there. `ThreadlineDB` declares
 * its versions by looping over this list. Entries are history: never edit or remove one, only
 * append (see docs/DECISIONS.md "Migrations as data"). An upgrade must not call today's helpers,
 * whose behaviour may change later: it carries its own copy of what it needs.
 */
import type { Transaction } from 'dexie';
import { checkMigrationList } from './check';

/** One Dexie version. */
export interface DbMigration {
  /** The Dexie version number (1, 2, 3 … without gaps). */
  version: number;
  /** What this version changes, in one line (for readers of the list). */
  note: string;
  /** Dexie `stores()` strings of the tables this version adds or changes (`null` deletes a table; `{}` when only records change). */
  stores: Readonly<Record<string, string | null>>;
  /** Brings the records written by the previous version up to this one (inside Dexie's upgrade transaction). */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_V1 = {
  sessions: 'id, createdAt, notebookKey, sourceDigest',
  sourceCodes: 'id, sessionId',
  nodes: 'id, sessionId, [sessionId+kind], *names',
  executions: 'id, sessionId',
  nodeValues: '[nodeId+executionId], executionId, nodeId',
  artifacts: 'id, name, &[name+version], sessionId, createdAt, *tagKeys, nodeId',
} as const;

export const SCHEMA_V2 = {
  settings: 'key',
} as const;

/** Version 3: the catalog pages one session's artifacts, newest first, over `[sessionId+createdAt]`. */
export const SCHEMA_V3 = {
  artifacts: 'id, name, &[name+version], sessionId, createdAt, *tagKeys, nodeId, [sessionId+createdAt]',
} as const;

export const SCHEMA_V4 = {
  follows: 'id, createdAt',
} as const;

/** Version 5: shares to the team server waiting to be sent (or refused), oldest first. */
export const SCHEMA_V5 = {
  outbox: 'id, createdAt, state, artifactId',
} as const;

/** Version 2's backfill of an artifact written by version 1 (its own copy of the tag-key rule, frozen). */
function artifactV1toV2(a: Record<string, unknown>): void {
  const tags = Array.isArray(a.tags) ? (a.tags as Array<{ key?: unknown }>) : [];
  a.tags = tags;
  a.tagKeys = [...new Set(tags.map((t) => t.key))];
  if (typeof a.description !== 'string') a.description = '';
}

export const DB_MIGRATIONS: readonly DbMigration[] = [
  { version: 1, note: 'the six tables of the data model', stores: SCHEMA_V1 },
  {
    version: 2,
    note: 'adds `settings` (key-value); backfills `tagKeys` (and `tags`, `description`) on artifacts',
    stores: SCHEMA_V2,
    upgrade: async (tx) => {
      await tx.table('artifacts').toCollection().modify(artifactV1toV2);
    },
  },
  {
    version: 3,
    note: 'adds the artifact index `[sessionId+createdAt]` (catalog pages of one session); records unchanged',
    stores: SCHEMA_V3,
  },
  { version: 4, note: 'adds `follows`: the files and folders on disk that the app follows, with their handles', stores: SCHEMA_V4 },
  { version: 5, note: 'adds `outbox`: shares to the team server queued while it is unreachable, and refused ones', stores: SCHEMA_V5 },
];

/**
 * Checks the database list: numbering, and no upgrade on version 1 (there is nothing before it
 * to upgrade). A later version may declare no stores (`{}`) when it only changes records.
 */
export function checkDbMigrations(list: readonly DbMigration[]): void {
  checkMigrationList(list, 'Database migrations');
  if (list[0].upgrade) throw new Error('Database migrations: version 1 has an upgrade, but there is no earlier version to upgrade from.');
}

checkDbMigrations(DB_MIGRATIONS);

/** The newest database version this code knows. */
export const DB_VERSION = DB_MIGRATIONS[DB_MIGRATIONS.length - 1].version;
