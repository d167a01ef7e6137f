/**
 * The real app beside a bench page, shared by the graph and cells benchmarks: the app opens in
 * a popup of the bench page (same origin, so it sees the sessions the bench page ingests),
 * gets the in-page paint helpers (`paint.ts`, handed in through the debugger so the app carries
 * no bench code and its CSP is untouched), and is driven by client-side route changes timed to
 * the first painted graph. On the dev server, `settle` warms every code path until Vite stops
 * reloading pages, then cuts the pages off its HMR socket.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import ts from 'typescript';

const paintSource = join(dirname(fileURLToPath(import.meta.url)), 'paint.ts');
let paintScript: string | undefined;

/** `paint.ts` as one script that sets `globalThis.__paint`. */
function paintAsScript(): string {
  if (paintScript) return paintScript;
  const js = ts.transpileModule(readFileSync(paintSource, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  paintScript = `(() => { const exports = {}; const module = { exports }; ${js}\n; globalThis.__paint = module.exports === exports ? exports : module.exports; })()`;
  return paintScript;
}

export interface AppPage {
  app: Page;
  /** Waits for the sessions page and installs the paint helpers (after every load). */
  ready(): Promise<void>;
  /** Client-side route change to the session's graph (React Router follows popstate), timed to the first painted `painted`. */
  routeToGraph(sessionId: string): Promise<number>;
  routeHome(): Promise<void>;
}

/** The bench page's ready flag, after a reload. */
export const benchReady = (p: Page) => p.waitForFunction(() => (globalThis as { __benchReady?: boolean }).__benchReady === true, undefined, { timeout: 60_000 });

export async function openApp(page: Page, painted: string): Promise<AppPage> {
  const origin = new URL(page.url()).origin;
  const [app] = await Promise.all([page.waitForEvent('popup'), page.evaluate((url) => void window.open(url, '_blank'), `${origin}/`)]);
  app.on('pageerror', (e) => console.error(`app page error: ${e.message}`));
  await app.setViewportSize(page.viewportSize() ?? { width: 1280, height: 720 });
  return {
    app,
    async ready() {
      await app.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor({ timeout: 60_000 });
      await app.evaluate(paintAsScript());
    },
    async routeToGraph(sessionId: string) {
      await app.bringToFront();
      return (await app.evaluate(
        `(async () => {
          history.pushState(null, '', '/s/${sessionId}');
          const t0 = performance.now();
          dispatchEvent(new PopStateEvent('popstate'));
          await globalThis.__paint.whenPainted(document, ${JSON.stringify(painted)});
          return performance.now() - t0;
        })()`,
      )) as number;
    },
    async routeHome() {
      await app.evaluate(`history.pushState(null, '', '/'); dispatchEvent(new PopStateEvent('popstate'));`);
      await app.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
      await app.waitForTimeout(100);
    },
  };
}

/**
 * Runs `warm` (touching every code path once) until no page reloads during it: Vite's dev
 * server discovers dependencies at first use and reloads pages. Then, on the dev server, cuts
 * both pages off its HMR socket so no edit by others reloads a page mid-measurement. On a
 * production build one pass is enough.
 */
export async function settle(page: Page, a: AppPage, warm: () => Promise<void>, { production, log }: { production: boolean; log: (m: string) => void }): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    let navigations = 0;
    const count = () => {
      log(`warm-up ${attempt}: a page reloaded`);
      navigations++;
    };
    page.on('load', count);
    a.app.on('load', count);
    try {
      await a.ready();
      await warm();
      if (!production) await page.waitForTimeout(3000);
    } catch (e) {
      log(`warm-up ${attempt}: ${String(e).split('\n')[0]}`);
      navigations++;
    }
    page.off('load', count);
    a.app.off('load', count);
    if (navigations === 0) break;
    await page.reload();
    await benchReady(page);
    await a.app.reload();
  }
  if (production) return;
  await page.context().routeWebSocket(/.*/, () => undefined);
  await page.reload();
  await benchReady(page);
  await a.app.reload();
  await a.ready();
}
