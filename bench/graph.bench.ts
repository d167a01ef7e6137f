/**
 * Graph benchmarks (real Chromium, real Worker, real IndexedDB, the real app):
 *  - layout time in the layout worker for 200, 1,000 and 5,000-node lineage-like DAGs
 *    (round trip through src/ui/lib/workers.ts, so it includes structured cloning);
 *  - route change → first painted graph for a 1,000-node session (statement view), the
 *    session read from IndexedDB by the app as a user would, cold query cache each time;
 *  - rAF frame times (p50, p95) while panning a 500-node view, one pan step per frame.
 * Baseline, same run: a bare React Flow canvas with the same nodes pre-positioned, default
 * node components, the same canvas size and (for panning) the same viewport.
 */
import type { Page } from '@playwright/test';
import { buildIngestPlan } from '../src/core/ingest';
import type { IngestPlan } from '../src/core/model';
import { statementView } from '../src/core/graph/view';
import type { BenchFigure } from './figure';
import { generatedNotebook } from './browser.bench';
import { lineageDag, type BenchDag } from './browser/dag';
import { median, percentile, servesProduction, withBenchPage } from './browser/harness';
import { openApp, settle } from './browser/app-page';

type Viewport = { x: number; y: number; zoom: number };
interface BenchApi {
  layout(dag: BenchDag): Promise<number>;
  ingest(plan: IngestPlan): Promise<string>;
  mount(sessionId: string, size: { width: number; height: number }, viewport?: Viewport): Promise<number>;
  unmount(): void;
  pan(frames: number): Promise<number[]>;
}
/** Headless Chromium runs animation frames only in the front tab: every call brings its tab to the front. */
async function front<T>(page: Page, fn: () => Promise<T>): Promise<T> {
  await page.bringToFront();
  return fn();
}
const api = (page: Page) => ({
  layout: (dag: BenchDag) => front(page, () => page.evaluate((d) => (globalThis as unknown as { __bench: BenchApi }).__bench.layout(d), dag)),
  ingest: (plan: IngestPlan) => front(page, () => page.evaluate((p) => (globalThis as unknown as { __bench: BenchApi }).__bench.ingest(p), plan)),
  mount: (id: string, size: { width: number; height: number }, viewport?: Viewport) =>
    front(page, () => page.evaluate(([i, s, v]) => (globalThis as unknown as { __bench: BenchApi }).__bench.mount(i, s, v), [id, size, viewport] as const)),
  unmount: () => front(page, () => page.evaluate(() => (globalThis as unknown as { __bench: BenchApi }).__bench.unmount())),
  pan: (frames: number) => front(page, () => page.evaluate((f) => (globalThis as unknown as { __bench: BenchApi }).__bench.pan(f), frames)),
});

/** A generated notebook whose statement view has about `target` nodes (never more). */
async function sessionPlan(target: number, copy: number): Promise<{ plan: IngestPlan; viewNodes: number }> {
  let cells = Math.max(1, Math.floor(target / 6));
  for (;;) {
    const text = generatedNotebook(cells).replace('import pandas as pd\\n', `import pandas as pd  # copy ${copy}\\n`);
    const plan = await buildIngestPlan(`graph-bench-${target}-${copy}.ipynb`, new TextEncoder().encode(text));
    const viewNodes = statementView({ sourceCodes: plan.sourceCodes, nodes: plan.nodes }).nodes.length;
    if (viewNodes <= target || cells === 1) return { plan, viewNodes };
    cells--;
  }
}

const CANVAS = '[data-testid="graph-canvas"]';
const PAINTED = '[data-testid="graph-canvas"][data-layout-ready="true"] .react-flow__node';

const log = (m: string) => {
  if (process.env.BENCH_VERBOSE) console.error(`  [graph] ${m}`);
};

function ratioFigure(name: string, value: number, base: number, baseline: string, goal: string, unit = 'ms'): BenchFigure {
  return { name, value, unit, ratio: value / base, baseline: `${baseline} (${base.toFixed(1)} ${unit})`, goal };
}

export async function benchGraph(): Promise<BenchFigure[]> {
  const RUNS = process.env.BENCH_QUICK ? 1 : 5;
  const big = await Promise.all(Array.from({ length: RUNS + 1 }, (_, i) => sessionPlan(1000, i)));
  const mid = await sessionPlan(500, 0);
  const figures: BenchFigure[] = [];
  const production = servesProduction({ production: true });
  await withBenchPage(
    'bench/browser/graph.html',
    async (page) => {
    const bench = api(page);
    const a = await openApp(page, PAINTED);
    const { app } = a;
    let warmCopy = 100;
    await settle(
      page,
      a,
      async () => {
        await bench.layout(lineageDag(20));
        const id = await bench.ingest((await sessionPlan(40, warmCopy++)).plan);
        await a.routeToGraph(id);
        await bench.mount(id, { width: 800, height: 600 });
        await bench.pan(5);
        await bench.unmount();
        await a.routeHome();
      },
      { production, log },
    );

    // Layout in the worker.
    const layoutMs = new Map<number, number>();
    for (const n of [200, 1000, 5000]) {
      const dag = lineageDag(n);
      const times: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) times.push(await bench.layout(dag));
      layoutMs.set(n, median(times.slice(1)));
      log(`layout ${n}: ${times.map((t) => t.toFixed(0)).join(' ')}`);
    }

    const bigIds: string[] = [];
    for (const { plan } of big) bigIds.push(await bench.ingest(plan));
    const midId = await bench.ingest(mid.plan);

    // Warm-up: loads the route's code once, as any later visit would find it.
    await a.routeToGraph(bigIds[0]);
    const box = await app.locator(CANVAS).boundingBox();
    const size = { width: Math.round(box!.width), height: Math.round(box!.height) };
    await a.routeHome();
    await bench.mount(bigIds[0], size);
    await bench.unmount();

    const appPaint: number[] = [];
    const basePaint: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      appPaint.push(await a.routeToGraph(bigIds[i]));
      await a.routeHome();
      basePaint.push(await bench.mount(bigIds[i], size));
      await bench.unmount();
    }
    log(`first paint app: ${appPaint.map((t) => t.toFixed(0)).join(' ')}; baseline: ${basePaint.map((t) => t.toFixed(0)).join(' ')}`);
    const appFirst = median(appPaint);
    const baseFirst = median(basePaint);

    // Panning a 500-node view.
    await a.routeToGraph(midId);
    log('pan: app painted');
    await app.waitForTimeout(600); // the initial fit / centring
    const viewport = (await app.evaluate(`globalThis.__paint.viewportOf(document.querySelector('${CANVAS}'))`)) as Viewport;
    const appFrames: number[] = [];
    const baseFrames: number[] = [];
    log(`pan: viewport ${JSON.stringify(viewport)}`);
    await bench.mount(midId, size, viewport);
    log('pan: baseline mounted');
    for (let i = 0; i < 3; i++) {
      await app.bringToFront();
      appFrames.push(...((await app.evaluate(`globalThis.__paint.panFrames(document.querySelector('${CANVAS}'), 240, { dx: -6, dy: -4 })`)) as number[]));
      log(`pan: app ${appFrames.length} frames`);
      baseFrames.push(...(await bench.pan(240)));
      log(`pan: baseline ${baseFrames.length} frames`);
    }
    await bench.unmount();
    await app.close();

    const l1000 = layoutMs.get(1000)!;
    for (const n of [200, 1000, 5000]) {
      const v = layoutMs.get(n)!;
      figures.push(
        n === 1000
          ? ratioFigure('graph layout in worker, 1,000 nodes', v, baseFirst, 'baseline first paint of 1,000 nodes', '< 1×')
          : { name: `graph layout in worker, ${n.toLocaleString('en')} nodes`, value: v, unit: 'ms', ratio: v / l1000, baseline: 'layout of 1,000 nodes' },
      );
    }
    figures.push(
      ratioFigure(`graph route change → first painted graph (${big[1].viewNodes} statement nodes)`, appFirst, baseFirst, 'bare React Flow first paint, same nodes pre-positioned', '≤ 1.5×'),
    );
    const p50 = percentile(appFrames, 50);
    const p95 = percentile(appFrames, 95);
    const b50 = percentile(baseFrames, 50);
    const b95 = percentile(baseFrames, 95);
    figures.push(ratioFigure(`graph pan frame time p50 (${mid.viewNodes} nodes)`, p50, b50, 'bare React Flow p50', '≤ 1.5×'));
    figures.push(ratioFigure(`graph pan frame time p95 (${mid.viewNodes} nodes)`, p95, b95, 'bare React Flow p95', '≤ 1.5×'));
    },
    { production: true },
  );
  return figures;
}
