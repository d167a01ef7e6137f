/**
 * The Threadline IndexedDB schema (docs/DESIGN.md "Data model"), via Dexie 4. The versions and their upgrades
 * are data, in `migrations/db.ts` (version 1: the six tables of the data model; version 2:
 * `settings` and the `tagKeys` backfill; version 3: the `[sessionId+createdAt]` artifact index; version 4: `follows`; version 5: `outbox`); this class declares them in a loop and guards against
 * a newer schema opened by another tab.
 */
import Dexie, { type DBCore, type EntityTable, type Middleware, type Table } from 'dexie';
import { StorageError } from '../core/errors';
import type { Artifact, Execution, LineageNode, NodeValue, Session, SourceCode } from '../core/model';
import { DB_MIGRATIONS } from './migrations/db';
import type { FollowRecord } from './follows';
import type { OutboxEntry } from './outbox';

export { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, DB_MIGRATIONS, DB_VERSION } from './migrations/db';

/** One row of the `settings` table. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** The six data tables (the ones that bundles and `countRows` cover). */
export const DATA_TABLES = ['sessions', 'sourceCodes', 'nodes', 'executions', 'nodeValues', 'artifacts'] as const;
export type TableName = (typeof DATA_TABLES)[number];

export const DEFAULT_DB_NAME = 'threadline';

/** Distinct tag keys of a tag list, in first-seen order. */
export function tagKeysOf(tags: ReadonlyArray<{ key: string }>): string[] {
  return [...new Set(tags.map((t) => t.key))];
}

export class ThreadlineDB extends Dexie {
  sessions!: EntityTable<Session, 'id'>;
  sourceCodes!: EntityTable<SourceCode, 'id'>;
  nodes!: EntityTable<LineageNode, 'id'>;
  executions!: EntityTable<Execution, 'id'>;
  nodeValues!: Table<NodeValue, [string, string]>;
  artifacts!: EntityTable<Artifact, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  follows!: EntityTable<FollowRecord, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;

  /**
   * Set when another tab opens a newer schema (or deletes the database). This connection is
   * closed at once so the other tab's upgrade goes ahead, and from then on every read or
   * write fails fast with a StorageError asking to reload — never touching data whose
   * schema this code does not know.
   */
  outdated = false;
  private readonly outdatedListeners = new Set<(newVersion: number | null) => void>();

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.use(this.outdatedGuard());
    this.on('versionchange', (ev: IDBVersionChangeEvent) => {
      this.outdated = true;
      this.close({ disableAutoOpen: false });
      for (const listener of this.outdatedListeners) listener(ev.newVersion);
      return false; // handled: skip Dexie's default handler (it only warns and closes)
    });
    // Opened after another tab upgraded: Dexie 4 would happily use the newer schema; refuse.
    this.on(
      'ready',
      () => {
        if (this.backendDB().version > this.declaredVersion * 10 && !this.outdated) {
          this.outdated = true;
          for (const listener of this.outdatedListeners) listener(this.backendDB().version / 10);
        }
      },
      true,
    );
    for (const m of DB_MIGRATIONS) {
      const declared = this.version(m.version).stores(m.stores);
      if (m.upgrade) declared.upgrade(m.upgrade);
    }
  }

  private declaredVersion = 0;

  override version(versionNumber: number): ReturnType<Dexie['version']> {
    this.declaredVersion = Math.max(this.declaredVersion ?? 0, versionNumber);
    return super.version(versionNumber);
  }

  /** Calls `listener` when another tab opens a newer schema; returns an unsubscribe function. */
  onOutdated(listener: (newVersion: number | null) => void): () => void {
    this.outdatedListeners.add(listener);
    return () => void this.outdatedListeners.delete(listener);
  }

  private outdatedGuard(): Middleware<DBCore> {
    return {
      stack: 'dbcore',
      name: 'threadline-outdated-guard',
      create: (down) => ({
        ...down,
        transaction: (...args: Parameters<DBCore['transaction']>) => {
          if (this.outdated) throw new StorageError(OUTDATED_MESSAGE, 'version');
          return down.transaction(...args);
        },
      }),
    };
  }
}

export const OUTDATED_MESSAGE =
  'Threadline was updated in another tab, so this tab stopped using its storage to keep your data safe. Reload the page to update.';

/** Opens (lazily, on first use) the Threadline database of the given name. */
export function openThreadlineDb(name: string = DEFAULT_DB_NAME): ThreadlineDB {
  return new ThreadlineDB(name);
}

/** Row count of every data table (tests use it to prove atomicity). */
export async function countRows(db: ThreadlineDB): Promise<Record<TableName, number>> {
  const counts = await Promise.all(DATA_TABLES.map((t) => db.table(t).count()));
  return Object.fromEntries(DATA_TABLES.map((t, i) => [t, counts[i]])) as Record<TableName, number>;
}
