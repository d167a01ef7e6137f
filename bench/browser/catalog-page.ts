/**
 * Runs in Chromium. Times one catalog page (50 rows) over 5,000 stored artifacts: the store's
 * `catalogPage` per view/sort/filter, the whole-list reads the catalog used before (every
 * matching artifact, name stats from index keys, sorted and sliced in memory), and a raw
 * IndexedDB `getAll` of the artifacts store as the baseline, all on the same database.
 */
import { catalogRows, pageRows, sortCatalogRows, type CatalogSort, type CatalogView } from '../../src/core/catalog';
import { artifactNameStats, listArtifacts, type ArtifactQuery } from '../../src/store/artifacts';
import { catalogPage } from '../../src/store/catalog';
import { generatedArtifacts } from '../../src/store/catalog-fixtures';
import { openThreadlineDb } from '../../src/store/db';

const db = openThreadlineDb('bench-catalog');

async function setup(n: number): Promise<void> {
  await db.open();
  await db.artifacts.clear();
  await db.artifacts.bulkAdd(generatedArtifacts(n, { seed: 11, names: Math.round(n / 5), clocks: n }));
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function rawGetAll(): Promise<number> {
  const idb = db.backendDB();
  return time(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = idb.transaction('artifacts', 'readonly').objectStore('artifacts').getAll();
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      }),
  );
}

interface Case {
  view: CatalogView;
  sort: CatalogSort;
  query: ArtifactQuery;
}

function storePage(c: Case): Promise<number> {
  return time(() => catalogPage(db, c, 2));
}

/** What the catalog did before: every matching row to the page, plus the name stats, sorted there. */
function wholeList(c: Case): Promise<number> {
  return time(async () => {
    const [matching, stats] = await Promise.all([listArtifacts(db, c.query), artifactNameStats(db)]);
    pageRows(sortCatalogRows(catalogRows(matching, stats, c.view), c.sort), 2);
  });
}

/** The name stats two ways: `[name+version]` index keys (a key cursor) vs every row read with getAll. */
function statsByKeys(): Promise<number> {
  return time(() => artifactNameStats(db));
}
function statsByRows(): Promise<number> {
  return time(async () => {
    const rows = await db.artifacts.toArray();
    const stats = new Map<string, number>();
    for (const a of rows) stats.set(a.name, Math.max(stats.get(a.name) ?? -1, a.version));
  });
}

Object.assign(globalThis, { __bench: { setup, rawGetAll, storePage, wholeList, statsByKeys, statsByRows }, __benchReady: true });
