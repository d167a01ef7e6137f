/**
 * Runs in Chromium. Writes the same bundle three ways into fresh databases of the app's schema:
 * raw IndexedDB puts in one transaction (the baseline), Dexie `bulkAdd`s of 5,000 rows in one
 * transaction (no app code), and the app's `importBundle` (validation, dedupe, the same chunks).
 * Each returns its milliseconds: the write alone for raw and Dexie, the whole import for the app.
 */
import { DATA_TABLES, importBundle, openThreadlineDb } from '../../src/store/index';
import { rawPutAll } from './raw-idb';

let counter = 0;

type Rows = Record<(typeof DATA_TABLES)[number], Array<Record<string, unknown>>>;

function rowsOf(text: string): Rows {
  const b = JSON.parse(text) as Rows;
  const artifacts = b.artifacts.map((a) => ({ ...a, tagKeys: [...new Set(((a.tags ?? []) as Array<{ key: string }>).map((t) => t.key))] }));
  return { sessions: b.sessions, sourceCodes: b.sourceCodes, nodes: b.nodes, executions: b.executions, nodeValues: b.nodeValues, artifacts };
}

function rawWrite(text: string): Promise<number> {
  return rawPutAll(`bench-import-raw-${counter++}`, rowsOf(text));
}

async function dexieWrite(text: string): Promise<number> {
  const db = openThreadlineDb(`bench-import-dexie-${counter++}`);
  await db.open();
  const rows = rowsOf(text);
  const t0 = performance.now();
  await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
    for (const table of DATA_TABLES) {
      const all = rows[table];
      for (let i = 0; i < all.length; i += 5000) await db.table(table).bulkAdd(all.slice(i, i + 5000));
    }
  });
  const elapsed = performance.now() - t0;
  await db.delete();
  return elapsed;
}

async function appImport(text: string): Promise<number> {
  const db = openThreadlineDb(`bench-import-app-${counter++}`);
  await db.open();
  const t0 = performance.now();
  await importBundle(db, text);
  const elapsed = performance.now() - t0;
  await db.delete();
  return elapsed;
}

Object.assign(globalThis, { __bench: { rawWrite, dexieWrite, appImport }, __benchReady: true });
