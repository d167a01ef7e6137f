/**
 * Catalog page query in real Chromium IndexedDB, 5,000 artifacts: the store's `catalogPage`
 * (page 2 of 50 rows) for the default view, every version, a session filter, a text filter and
 * a name sort, each as a ratio to a raw IndexedDB `getAll` of the artifacts store in the same
 * run; the whole-list reads the catalog did before are printed beside them.
 */
import type { BenchFigure } from './figure';
import { median, withBenchPage } from './browser/harness';

const N = 5000;

type Case = { label: string; view: 'latest' | 'versions'; sort: { key: string; direction: 'asc' | 'desc' }; query: Record<string, unknown> };
const CASES: Case[] = [
  { label: 'latest per name, newest first', view: 'latest', sort: { key: 'created', direction: 'desc' }, query: {} },
  { label: 'every version, newest first', view: 'versions', sort: { key: 'created', direction: 'desc' }, query: {} },
  { label: 'one session, every version, newest first', view: 'versions', sort: { key: 'created', direction: 'desc' }, query: { sessionId: 's1' } },
  { label: 'text filter, latest per name', view: 'latest', sort: { key: 'created', direction: 'desc' }, query: { text: 'model' } },
  { label: 'latest per name, by name', view: 'latest', sort: { key: 'name', direction: 'asc' }, query: {} },
];

type Bench = {
  setup(n: number): Promise<void>;
  rawGetAll(): Promise<number>;
  storePage(c: Case): Promise<number>;
  wholeList(c: Case): Promise<number>;
  statsByKeys(): Promise<number>;
  statsByRows(): Promise<number>;
};

export async function benchCatalog(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  await withBenchPage('bench/browser/catalog.html', async (page) => {
    await page.evaluate((n) => (globalThis as unknown as { __bench: Bench }).__bench.setup(n), N);
    for (const c of CASES) {
      const raw: number[] = [];
      const store: number[] = [];
      const whole: number[] = [];
      for (let i = 0; i < 9; i++) {
        // Interleaved, so all three see the same warm-up and background conditions.
        raw.push(await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.rawGetAll()));
        store.push(await page.evaluate((x) => (globalThis as unknown as { __bench: Bench }).__bench.storePage(x), c));
        whole.push(await page.evaluate((x) => (globalThis as unknown as { __bench: Bench }).__bench.wholeList(x), c));
      }
      const r = median(raw.slice(1));
      const s = median(store.slice(1));
      const w = median(whole.slice(1));
      const baseline = `raw IndexedDB getAll of ${N} artifacts (${r.toFixed(1)} ms)`;
      figures.push({ name: `catalog page: ${c.label} (${N} artifacts, Chromium IndexedDB)`, value: s, unit: 'ms', ratio: s / r, baseline });
      figures.push({ name: `  before (whole list in the page): ${c.label}`, value: w, unit: 'ms', ratio: w / r, baseline });
    }
    const keys: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < 9; i++) {
      keys.push(await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.statsByKeys()));
      rows.push(await page.evaluate(() => (globalThis as unknown as { __bench: Bench }).__bench.statsByRows()));
    }
    const k = median(keys.slice(1));
    const r = median(rows.slice(1));
    figures.push({ name: `name stats from [name+version] keys (${N} artifacts)`, value: k, unit: 'ms', ratio: k / r, baseline: `every row read with getAll (${r.toFixed(1)} ms)` });
  });
  return figures;
}
