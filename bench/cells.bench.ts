/**
 * Cells view benchmark (real Chromium, real Worker, real IndexedDB, the real app): route
 * change → first painted Cells graph for the largest corpus notebook (`../shared/corpus`,
 * or CORPUS_DIR), its sections drawn, the session read from IndexedDB by the app as a user
 * would, cold query cache each time (a fresh copy of the session per run). Baseline, same
 * run: a bare React Flow canvas with the same number of nodes pre-positioned, default node
 * components, the same canvas size. Skipped, with a line saying so, without the corpus.
 * Knobs: BENCH_RUNS (route changes, default 5), BENCH_QUICK (one), BENCH_PROFILE (a V8 CPU
 * profile of one more), BENCH_TRACE (a Chromium trace of one more, by event name),
 * BENCH_ABLATE (parts taken out of the canvas-alone step: see cells-page.tsx), and
 * BENCH_NOMINIFY (an unminified build, so profiles name functions).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { buildIngestPlan } from '../src/core/ingest';
import type { IngestPlan } from '../src/core/model';
import type { BenchFigure } from './figure';
import type { Steps } from './browser/cells-page';
import { median, servesProduction, withBenchPage } from './browser/harness';
import { openApp, settle } from './browser/app-page';

interface BenchApi {
  ingest(plan: IngestPlan): Promise<string>;
  mount(sessionId: string, size: { width: number; height: number }): Promise<{ ms: number; nodes: number; steps: Steps }>;
  mountCanvas(sessionId: string, size: { width: number; height: number }, ablate: string): Promise<{ ms: number }>;
  unmount(): void;
}
type Win = { __bench: BenchApi };
/** Headless Chromium runs animation frames only in the front tab: every call brings its tab to the front. */
const api = (page: Page) => ({
  ingest: (plan: IngestPlan) => page.bringToFront().then(() => page.evaluate((p) => (globalThis as unknown as Win).__bench.ingest(p), plan)),
  mount: (id: string, size: { width: number; height: number }) =>
    page.bringToFront().then(() => page.evaluate(([i, s]) => (globalThis as unknown as Win).__bench.mount(i, s), [id, size] as const)),
  mountCanvas: (id: string, size: { width: number; height: number }) =>
    page.bringToFront().then(() => page.evaluate(([i, s, v]) => (globalThis as unknown as Win).__bench.mountCanvas(i, s, v), [id, size, process.env.BENCH_ABLATE ?? ''] as const)),
  unmount: () => page.evaluate(() => (globalThis as unknown as Win).__bench.unmount()),
});

const corpus = process.env.CORPUS_DIR ?? resolve(import.meta.dirname, '../../shared/corpus');

/** The largest `.ipynb` of the corpus (by bytes), or undefined when the corpus is not here. */
export function largestCorpusNotebook(dir = corpus): string | undefined {
  if (!existsSync(dir)) return undefined;
  let best: { file: string; size: number } | undefined;
  for (const d of readdirSync(dir)) {
    const sub = join(dir, d);
    if (!statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub)) {
      if (!f.endsWith('.ipynb')) continue;
      const size = statSync(join(sub, f)).size;
      if (!best || size > best.size) best = { file: join(sub, f), size };
    }
  }
  return best?.file;
}

const CANVAS = '[data-testid="graph-canvas"]';
const PAINTED = '[data-testid="graph-canvas"][data-layout-ready="true"] [data-testid="cell-node"]';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * BENCH_PROFILE=1: one more route change under the V8 CPU profiler; the self time summed by
 * source file (and the top functions), to say where the app's first paint goes.
 */
async function profileRoute(app: Page, route: () => Promise<number>): Promise<string> {
  const cdp = await app.context().newCDPSession(app);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const ms = await route();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const t = byNode.get(n.id) ?? 0;
    const file = n.callFrame.url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '') || `(${n.callFrame.functionName || 'program'})`;
    byFile.set(file, (byFile.get(file) ?? 0) + t);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${file}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, t]) => `    ${t.toFixed(0).padStart(6)} ms  ${name}`)
      .join('\n');
  return `cells view profile of one route change (${ms.toFixed(0)} ms):\n  self time by file:\n${top(byFile, 12)}\n  by function:\n${top(byFn, 12)}`;
}

/**
 * BENCH_TRACE=1: one more route change under Chromium's tracer; the renderer main thread's
 * time by trace event name (style, layout, paint, script), to say where "(program)" goes.
 */
async function traceRoute(app: Page, route: () => Promise<number>): Promise<string> {
  const browser = app.context().browser()!;
  await browser.startTracing(app, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'] });
  const ms = await route();
  const buf = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buf.toString('utf8')) as { traceEvents: { name: string; ph: string; dur?: number; ts: number; pid: number; tid: number; args?: { name?: string } }[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'Layout'));
  const byName = new Map<string, number>();
  for (const e of traceEvents) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, t]) => `    ${t.toFixed(1).padStart(7)} ms  ${n}`).join('\n');
  return `cells view trace of one route change (${ms.toFixed(0)} ms), main-thread events by name (nested events count in each):\n${top}`;
}

const log = (m: string) => {
  if (process.env.BENCH_VERBOSE) console.error(`  [cells] ${m}`);
};

export async function benchCells(): Promise<BenchFigure[]> {
  const file = largestCorpusNotebook();
  if (!file) {
    console.log(`cells view first paint: skipped, the corpus is not here (${corpus}); set CORPUS_DIR`);
    return [];
  }
  const RUNS = process.env.BENCH_QUICK ? 1 : Number(process.env.BENCH_RUNS ?? 5);
  const bytes = new Uint8Array(readFileSync(file));
  // One copy per run (and one to warm up), under its own name so the store keeps each.
  const plans: IngestPlan[] = [];
  const PROFILE = process.env.BENCH_PROFILE !== undefined;
  const TRACE = process.env.BENCH_TRACE !== undefined;
  for (let i = 0; i <= RUNS + (PROFILE ? 1 : 0) + (TRACE ? 1 : 0); i++) plans.push(await buildIngestPlan(`copy-${i}-${basename(file)}`, bytes));
  const sections = plans[0].session.outline?.length ?? 0;
  const figures: BenchFigure[] = [];
  const production = servesProduction({ production: true });
  await withBenchPage(
    'bench/browser/cells.html',
    async (page) => {
    const a = await openApp(page, PAINTED);
    const { app } = a;
    const bench = api(page);
    const ids: string[] = [];
    for (const plan of plans) ids.push(await bench.ingest(plan));
    log(`ingested ${ids.length} copies of ${basename(file)} (${production ? 'production build' : 'dev server'})`);
    await settle(
      page,
      a,
      async () => {
        await a.routeToGraph(ids[0]);
        await a.routeHome();
        await bench.mount(ids[0], { width: 800, height: 600 });
        await bench.unmount();
        await bench.mountCanvas(ids[0], { width: 800, height: 600 });
        await bench.unmount();
      },
      { production, log },
    );

    await a.routeToGraph(ids[0]);
    const box = await app.locator(CANVAS).boundingBox();
    const size = { width: Math.round(box!.width), height: Math.round(box!.height) };
    const cellNodes = await app.locator('[data-testid="cell-node"]').count();
    const bands = await app.locator('[data-testid="section-band"]').count();
    await a.routeHome();
    const appPaint: number[] = [];
    const basePaint: number[] = [];
    const canvasPaint: number[] = [];
    let baseNodes = 0;
    const steps: Steps[] = [];
    for (let i = 1; i <= RUNS; i++) {
      appPaint.push(await a.routeToGraph(ids[i]));
      await a.routeHome();
      const measured = await bench.mount(ids[i], size);
      basePaint.push(measured.ms);
      baseNodes = measured.nodes;
      steps.push(measured.steps);
      await bench.unmount();
      canvasPaint.push((await bench.mountCanvas(ids[i], size)).ms);
      await bench.unmount();
    }
    if (PROFILE) console.log(await profileRoute(app, () => a.routeToGraph(ids[RUNS + 1])));
    if (TRACE) {
      if (PROFILE) await a.routeHome();
      console.log(await traceRoute(app, () => a.routeToGraph(ids[RUNS + 1 + (PROFILE ? 1 : 0)])));
    }
    log(`canvas alone: ${canvasPaint.map((t) => t.toFixed(0)).join(' ')}`);
    log(`app: ${appPaint.map((t) => t.toFixed(0)).join(' ')}; baseline: ${basePaint.map((t) => t.toFixed(0)).join(' ')}`);
    await app.close();
    const appFirst = median(appPaint);
    const baseFirst = median(basePaint);
    const name = `cells view route change → first painted graph (${production ? 'production build' : 'dev server'}, ${basename(file)}: ${cellNodes} of ${baseNodes} cells painted, ${bands} section bands of ${sections} headings)`;
    figures.push({ name: `bare React Flow first paint, ${baseNodes} nodes pre-positioned`, value: baseFirst, unit: 'ms' });
    // Where the app's extra time goes: its steps before React Flow paints, done in the bench page.
    const step = (k: keyof Steps) => median(steps.map((s) => s[k]));
    figures.push({ name: 'cells view step: read the session from IndexedDB (main thread, bench page)', value: step('loadMs'), unit: 'ms', ratio: step('loadMs') / baseFirst, baseline: 'bare first paint' });
    figures.push({ name: 'cells view step: statement, cells and display-only views + node sizes', value: step('viewMs'), unit: 'ms', ratio: step('viewMs') / baseFirst, baseline: 'bare first paint' });
    figures.push({ name: 'cells view step: layered layout with section bands (main thread; the app runs it in the worker)', value: step('layoutMs'), unit: 'ms', ratio: step('layoutMs') / baseFirst, baseline: 'bare first paint' });
    const canvasFirst = median(canvasPaint);
    figures.push({ name: "cells view step: the app's canvas alone, view in memory (nodes, routed labelled edges, bands, minimap)", value: canvasFirst, unit: 'ms', ratio: canvasFirst / baseFirst, baseline: 'bare first paint' });
    figures.push({ name, value: appFirst, unit: 'ms', ratio: appFirst / baseFirst, baseline: `bare React Flow first paint, same node count (${baseFirst.toFixed(1)} ms)`, goal: '≤ 1.2×' });
    },
    { production: true },
  );
  return figures;
}
