/**
 * Browser benchmarks (real Chromium, real IndexedDB):
 *  - persisting an ingest with the store vs a raw IndexedDB bulk write of the same records
 *    (docs/DESIGN.md "Quality targets": the store should run at no less than half the raw speed, i.e. ratio ≤ 2×).
 */
import { buildIngestPlan } from '../src/core/ingest';
import type { IngestPlan } from '../src/core/model';
import type { BenchFigure } from './figure';
import { median, withBenchPage } from './browser/harness';

/** A realistic generated notebook: `cells` cells of pandas-style code. */
export function generatedNotebook(cells: number): string {
  const nbCells = [];
  for (let i = 0; i < cells; i++) {
    const src = [
      `df${i} = pd.read_csv("data_${i}.csv")`,
      `df${i} = df${i}.dropna()`,
      `df${i}["total"] = df${i}["a"] + df${i}["b"] * ${i}`,
      `summary${i} = df${i}.groupby("k").agg({"total": "sum"})`,
      `values${i} = [x * 2 for x in range(${i})]`,
      `print(summary${i}.head())`,
    ];
    nbCells.push({ cell_type: 'code', execution_count: i + 1, metadata: {}, outputs: [], source: src.map((l) => `${l}\n`) });
  }
  nbCells.unshift({ cell_type: 'code', execution_count: 0, metadata: {}, outputs: [], source: ['import pandas as pd\n'] });
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: nbCells });
}

export async function benchBrowser(): Promise<BenchFigure[]> {
  const text = generatedNotebook(400);
  const plan: IngestPlan = await buildIngestPlan('bench.ipynb', new TextEncoder().encode(text));
  const figures: BenchFigure[] = [];
  await withBenchPage('bench/browser/ingest.html', async (page) => {
    const raw: number[] = [];
    const store: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Alternate so both see the same warm-up and background conditions.
      raw.push(await page.evaluate((p) => (globalThis as unknown as { __bench: { rawWrite(p: unknown): Promise<number> } }).__bench.rawWrite(p), plan));
      store.push(await page.evaluate((p) => (globalThis as unknown as { __bench: { storeWrite(p: unknown): Promise<number> } }).__bench.storeWrite(p), plan));
    }
    const r = median(raw.slice(1));
    const s = median(store.slice(1));
    figures.push({ name: `ingest persist (${plan.nodes.length} nodes, Chromium IndexedDB)`, value: s, unit: 'ms', ratio: s / r, baseline: `raw IndexedDB bulk write (${r.toFixed(1)} ms)`, goal: '≤ 2×' });
  });
  return figures;
}
