/**
 * Bundle import (real Chromium, real IndexedDB): the app's `importBundle` of a generated
 * bundle against a raw IndexedDB write of the same rows into the same schema, and Dexie's
 * `bulkAdd` alone, all in one run so the machine's load cancels out (docs/RELIABILITY.md
 * "Bundle import integrity"). BENCH_IMPORT_NODES sets the size (default 100,000).
 */
import { generateBundle } from '../e2e/bundle-gen';
import type { BenchFigure } from './figure';
import { median, withBenchPage } from './browser/harness';

type Api = Record<'rawWrite' | 'dexieWrite' | 'appImport', (text: string) => Promise<number>>;

export async function benchImport(): Promise<BenchFigure[]> {
  const nodes = Number(process.env.BENCH_IMPORT_NODES ?? 100_000);
  const rounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
  const text = JSON.stringify(generateBundle({ nodes, prefix: 'bench' }).data);
  const figures: BenchFigure[] = [];
  await withBenchPage('bench/browser/import.html', async (page) => {
    await page.evaluate((t) => Object.assign(globalThis, { __text: t }), text);
    const run = (fn: keyof Api) =>
      page.evaluate((f) => {
        const g = globalThis as unknown as { __bench: Api; __text: string };
        return g.__bench[f](g.__text);
      }, fn);
    const raw: number[] = [];
    const dexie: number[] = [];
    const app: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Interleaved so all three see the same warm-up and background load.
      raw.push(await run('rawWrite'));
      dexie.push(await run('dexieWrite'));
      app.push(await run('appImport'));
      if (process.env.BENCH_VERBOSE) console.log(`round ${i}: raw ${raw[i].toFixed(0)} ms, dexie ${dexie[i].toFixed(0)} ms, app ${app[i].toFixed(0)} ms`);
    }
    const r = median(raw);
    const d = median(dexie);
    const a = median(app);
    const label = `${nodes.toLocaleString('en-US')}-node bundle`;
    const baseline = `raw IndexedDB puts of the same rows (${r.toFixed(0)} ms)`;
    figures.push({ name: `import: Dexie bulkAdd write (${label})`, value: d, unit: 'ms', ratio: d / r, baseline, goal: '≤ 2×' });
    figures.push({ name: `import: importBundle, validate + write (${label})`, value: a, unit: 'ms', ratio: a / r, baseline, goal: '≤ 3×' });
  });
  return figures;
}
