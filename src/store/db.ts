/**
 * The Threadline IndexedDB schema (DESIGN.md §2), via Dexie 4.
 *
 * Version 1: the six tables of the data model.
 * Version 2: adds `settings` (a tiny key-value table) and backfills `tagKeys` on
 * artifacts written before it, so data from version 1 survives unchanged otherwise.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Artifact, Execution, LineageNode, NodeValue, Session, SourceCode } from '../core/model';

/** One row of the `settings` table. */
export interface SettingRow {
  key: string;
  value: unknown;
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

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx
          .table('artifacts')
          .toCollection()
          .modify((a: Partial<Artifact>) => {
            const tags = Array.isArray(a.tags) ? a.tags : [];
            a.tags = tags;
            a.tagKeys = tagKeysOf(tags);
            if (typeof a.description !== 'string') a.description = '';
          });
      });
  }
}

/** Opens (lazily, on first use) the Threadline database of the given name. */
export function openThreadlineDb(name: string = DEFAULT_DB_NAME): ThreadlineDB {
  return new ThreadlineDB(name);
}

/** Row count of every data table (tests use it to prove atomicity). */
export async function countRows(db: ThreadlineDB): Promise<Record<TableName, number>> {
  const counts = await Promise.all(DATA_TABLES.map((t) => db.table(t).count()));
  return Object.fromEntries(DATA_TABLES.map((t, i) => [t, counts[i]])) as Record<TableName, number>;
}
