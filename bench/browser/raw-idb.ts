/**
 * The baseline of the browser write benches: rows put with raw IndexedDB, one transaction over
 * every data table, into a fresh database of the app's schema (deleted afterwards). Returns the
 * milliseconds of the write alone.
 */
import { DATA_TABLES, openThreadlineDb } from '../../src/store/index';

export async function rawPutAll(dbName: string, rows: Readonly<Record<(typeof DATA_TABLES)[number], readonly unknown[]>>): Promise<number> {
  const db = openThreadlineDb(dbName);
  await db.open();
  const idb = db.backendDB();
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction([...DATA_TABLES], 'readwrite');
    for (const table of DATA_TABLES) {
      const store = tx.objectStore(table);
      for (const r of rows[table]) store.put(r);
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const elapsed = performance.now() - t0;
  await db.delete();
  return elapsed;
}
