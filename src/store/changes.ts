/** Change notifications, for the UI to invalidate its caches (also across tabs). */
import Dexie from 'dexie';
import { type TableName, type ThreadlineDB } from './db';

export type ChangedTable = TableName | 'settings' | 'outbox';

/**
 * Calls `callback` with the tables that changed, after every committed write to `db`
 * — from this tab or, via Dexie's cross-tab propagation (BroadcastChannel), another one.
 * Returns an unsubscribe function.
 */
export function subscribeToChanges(db: ThreadlineDB, callback: (tables: ChangedTable[]) => void): () => void {
  const prefix = `idb://${db.name}/`;
  const listener = (parts: Record<string, unknown>) => {
    const tables = new Set<ChangedTable>();
    for (const part of Object.keys(parts)) {
      if (!part.startsWith(prefix)) continue;
      const table = part.slice(prefix.length).split('/')[0];
      if (table) tables.add(table as ChangedTable);
    }
    if (tables.size > 0) callback([...tables]);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
