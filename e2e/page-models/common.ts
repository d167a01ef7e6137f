import type { Page } from '@playwright/test';

export type RowCounts = Record<'sessions' | 'sourceCodes' | 'nodes' | 'executions' | 'nodeValues' | 'artifacts', number>;

/** The six data tables, as the store names them (src/store/db.ts `DATA_TABLES`). */
const DATA_TABLES = ['sessions', 'sourceCodes', 'nodes', 'executions', 'nodeValues', 'artifacts'] as const;

/**
 * Row counts per data table, read straight from the app's IndexedDB in the page (a raw
 * `indexedDB.open` at its current version, one `count()` per object store). A database the app
 * has not created yet counts as empty: the open is aborted in `upgradeneeded`, creating nothing.
 */
export async function rowCounts(page: Page): Promise<RowCounts> {
  return page.evaluate(async (tables) => {
    const db = await new Promise<IDBDatabase | undefined>((resolve, reject) => {
      const req = indexedDB.open('threadline');
      let created = false;
      req.onupgradeneeded = () => {
        created = true;
        req.transaction!.abort();
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = (e) => {
        e.preventDefault();
        if (created) resolve(undefined);
        else reject(req.error);
      };
    });
    const counts: Record<string, number> = {};
    try {
      for (const name of tables) {
        counts[name] =
          db && db.objectStoreNames.contains(name)
            ? await new Promise<number>((resolve, reject) => {
                const req = db.transaction(name, 'readonly').objectStore(name).count();
                req.onsuccess = () => resolve(req.result);
                req.onerror = () => reject(req.error);
              })
            : 0;
      }
    } finally {
      db?.close();
    }
    return counts;
  }, [...DATA_TABLES]) as Promise<RowCounts>;
}

/**
 * Serve a stand-in for the analysis worker's script (Playwright routes a dedicated worker's
 * request like any other), so the production bundle needs no test hook: `crash` throws an
 * uncaught error as soon as a call arrives, as a worker bug would; `hang` never answers.
 * It applies to the next analysis worker the page starts, so (re)load the page after calling
 * it. `served` settles once the stand-in was fetched; `restore` serves the real script again,
 * for the fresh worker the app starts after a crash or stall.
 */
export async function breakAnalysisWorker(page: Page, how: 'crash' | 'hang'): Promise<{ served: Promise<void>; restore: () => Promise<void> }> {
  const pattern = /\/assets\/analysis\.worker-[\w-]+\.js(\?.*)?$/;
  const body =
    how === 'crash'
      ? "self.onmessage = () => setTimeout(() => { throw new Error('simulated analysis worker crash'); });"
      : 'self.onmessage = () => {};';
  let served!: () => void;
  const servedPromise = new Promise<void>((resolve) => (served = resolve));
  await page.route(pattern, async (route) => {
    // The real response's status and headers (a bare fulfil does not load as a worker in Chromium).
    const real = await route.fetch();
    await route.fulfill({ response: real, body });
    served();
  });
  return { served: servedPromise, restore: () => page.unroute(pattern) };
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
