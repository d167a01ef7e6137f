import type { Page } from '@playwright/test';

export type RowCounts = Record<'sessions' | 'sourceCodes' | 'nodes' | 'executions' | 'nodeValues' | 'artifacts', number>;

/** Row counts per table, from the app's test hook (the app's own store API). */
export async function rowCounts(page: Page): Promise<RowCounts> {
  await page.waitForFunction(() => window.__threadline !== undefined);
  return page.evaluate(() => window.__threadline!.countRows()) as Promise<RowCounts>;
}

/** Every row of every table of the app's IndexedDB, as JSON text keyed by the row's key (read in the page). */
export type StoreSnapshot = Record<string, Record<string, string>>;

export async function storeSnapshot(page: Page): Promise<StoreSnapshot> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('threadline');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, Record<string, string>> = {};
    try {
      for (const name of [...db.objectStoreNames]) {
        const store = db.transaction(name, 'readonly').objectStore(name);
        const [keys, rows] = await Promise.all(
          [store.getAllKeys(), store.getAll()].map((req) => new Promise<unknown[]>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result as unknown[]);
            req.onerror = () => reject(req.error);
          })),
        );
        out[name] = Object.fromEntries(keys.map((k, i) => [JSON.stringify(k), JSON.stringify(rows[i])]));
      }
    } finally {
      db.close();
    }
    return out;
  });
}
