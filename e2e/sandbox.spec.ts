/**
 * Sandboxed runs (issue 13): Python run with the Run button cannot leave its sandbox, cancel
 * always ends "cancelled", a reload mid-run leaves no `running` execution, and the app
 * refuses to be framed.
 *
 * Console errors fail these tests like every other spec, except the browser's own reports of
 * what the sandbox refused (CSP violations, blocked frames, failed loads): those are the point.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';
import { RunBar, RUN_TIMEOUT } from './page-models/RunBar';
import { storeSnapshot, type StoreSnapshot } from './page-models/common';
import { startBareStatic, startPage, startSink, type TestServer } from './servers';

const REFUSALS = /Content Security Policy|Refused to (display|connect|load|execute|frame|create)|ERR_BLOCKED|net::ERR_|Failed to load resource|violates the following/i;

const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !REFUSALS.test(m.text())) errors.push(`console.error: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

function notebook(cells: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, execution_count: null, metadata: {}, outputs: [], source })),
    }),
  );
}

async function openNotebook(page: Page, name: string, bytes: Buffer): Promise<GraphPage> {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffer(name, bytes, 'application/json');
  await sessions.expectAdded(name);
  await sessions.open(name);
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  return graph;
}

function digest(table: Record<string, string>): string {
  const h = createHash('sha256');
  for (const key of Object.keys(table).sort()) h.update(`${key}\u0000${table[key]}\u0000`);
  return h.digest('hex');
}

/** The snapshot without the rows a run itself writes (its execution and its values). */
function withoutRuns(snap: StoreSnapshot, runIds: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, rows] of Object.entries(snap)) {
    const kept = Object.fromEntries(
      Object.entries(rows).filter(([, json]) => {
        const row = JSON.parse(json) as { id?: string; executionId?: string };
        return name === 'executions' ? !runIds.has(row.id ?? '') : name === 'nodeValues' ? !runIds.has(row.executionId ?? '') : true;
      }),
    );
    out[name] = digest(kept);
  }
  return out;
}

const FOREVER = ['x = 7\n', 'while True:\n    pass\n'];
const SWALLOWS = ['x = 7\n', 'n = 0\nwhile True:\n    try:\n        while True:\n            n += 1\n    except BaseException:\n        pass\n'];

test.describe('sandboxed runs', () => {
  let sink: TestServer;
  test.beforeAll(async () => {
    sink = await startSink();
  });
  test.afterAll(async () => {
    await sink.close();
  });

  test('a hostile notebook cannot touch the store, the app or the network; its legitimate cells record values', async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT * 2);
    const bytes = Buffer.from(readFileSync(fixture('hostile_run.ipynb'), 'utf8').replaceAll('EVIL_PORT', String(sink.port)));
    const graph = await openNotebook(page, 'hostile_run.ipynb', bytes);
    // Something for the escapes to destroy: a setting besides the artifact the notebook saved.
    await page.evaluate(() => localStorage.setItem('threadline-canary', 'kept'));
    const before = await storeSnapshot(page);
    expect(Object.keys(before.artifacts ?? {}).length).toBeGreaterThan(0);

    const run = new RunBar(page);
    await run.start();
    expect(await run.finished()).toBe('error');
    // The uncaught escape (a sync XHR to the other origin) is reported like any Python error.
    await expect(run.error).toContainText(/Cell 6, line 4: JsException: NetworkError/);

    const after = await storeSnapshot(page);
    const runIds = new Set(Object.values(after.executions).map((j) => JSON.parse(j) as { id: string; mode: string }).filter((e) => e.mode === 'run').map((e) => e.id));
    expect(runIds.size).toBe(1);
    // Every table is byte-for-byte what it was, apart from the run's own execution and values.
    expect(withoutRuns(after, runIds)).toEqual(withoutRuns(before, runIds));
    expect(Object.keys(after.executions).length).toBe(Object.keys(before.executions).length + 1);
    expect(await page.evaluate(() => [localStorage.getItem('threadline-canary'), localStorage.getItem('pwned'), document.cookie])).toEqual(['kept', null, '']);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();

    // The legitimate cells before and after the escapes recorded their values.
    await graph.select('total = sum(range(10))');
    await expect(run.values().first()).toHaveText('45');
    await graph.select('after = total * 2');
    await expect(run.values().first()).toHaveText('90');

    // What each escape got, as recorded by the notebook itself.
    const values = Object.values(after.nodeValues).map((j) => JSON.parse(j) as { value: string; executionId: string }).filter((v) => runIds.has(v.executionId));
    const report = values.find((v) => v.value.includes('indexedDB: '))?.value ?? '';
    console.log(`escape outcomes:\n${report.replaceAll('\\n', '\n')}`);
    for (const name of ['indexedDB', 'localStorage', 'cookie', 'parent_document', 'top_document', 'js_eval', 'Function', 'xhr', 'importScripts', 'worker', 'image', 'beacon', 'import']) {
      expect(report, name).toMatch(new RegExp(`${name}: refused`));
    }

    // Give the asynchronous attempts (fetch, WebSocket, EventSource, loadPackage, image) time to fail.
    await page.waitForTimeout(1500);
    expect(sink.requests, 'requests that reached the second server').toEqual([]);
  });

  test('Cancel of `while True: pass` ends "cancelled" and keeps the values so far', async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT * 2);
    const graph = await openNotebook(page, 'forever.ipynb', notebook(FOREVER));
    const run = new RunBar(page);
    await run.start();
    await expect(run.progress).toContainText('cell 1 / 2', { timeout: RUN_TIMEOUT });
    await page.screenshot({ path: 'docs/screenshots/run-running.png' });
    const clicked = Date.now();
    await run.cancel();
    await run.expectStatus('cancelled', 10_000);
    console.log(`while True: pass — cancelled ${Date.now() - clicked} ms after the click`);
    await expect(run.error).toHaveCount(0);
    await graph.select('x = 7');
    await expect(run.values().first()).toHaveText('7');
    await page.screenshot({ path: 'docs/screenshots/run-cancelled.png' });
  });

  test('Cancel of a loop that catches BaseException ends "cancelled"; the next run gets a fresh sandbox', async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT * 3);
    await openNotebook(page, 'swallows.ipynb', notebook(SWALLOWS));
    const run = new RunBar(page);
    await run.start();
    await expect(run.progress).toContainText('cell 1 / 2', { timeout: RUN_TIMEOUT });
    const clicked = Date.now();
    await run.cancel();
    await expect(run.cancelButton).toHaveText('Cancelling…');
    await run.expectStatus('cancelled', 10_000);
    console.log(`except BaseException loop — cancelled ${Date.now() - clicked} ms after the click`);
    await expect(page.getByTestId('run-sandbox')).toHaveCount(0); // the stuck sandbox was removed

    // Next time: a new sandbox, which runs the first cell again.
    await run.start();
    await expect(run.progress).toContainText('cell 1 / 2', { timeout: RUN_TIMEOUT });
    await expect(page.getByTestId('run-sandbox')).toHaveCount(1);
    await run.cancel();
    await run.expectStatus('cancelled', 10_000);
  });

  test('Cancel during Python\'s cold start ends "cancelled" with a plain sentence', async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT * 2);
    await openNotebook(page, 'cold.ipynb', notebook(['x = 1\n']));
    const run = new RunBar(page);
    await run.start();
    await expect(run.progress).toContainText('Starting Python');
    await run.cancel();
    await run.expectStatus('cancelled', 10_000);
    await expect(run.summary).toContainText('Cancelled while Python was starting, so no cell ran.');
    await expect(run.summary).not.toContainText('KeyboardInterrupt');
    await expect(run.error).toHaveCount(0);
  });

  test('a reload mid-run leaves no running execution: the run shows as interrupted', async ({ page }) => {
    test.setTimeout(RUN_TIMEOUT * 2);
    const graph = await openNotebook(page, 'reloaded.ipynb', notebook(FOREVER));
    const run = new RunBar(page);
    await run.start();
    await expect(run.progress).toContainText('cell 1 / 2', { timeout: RUN_TIMEOUT });
    const running = Object.values((await storeSnapshot(page)).executions).filter((j) => j.includes('"status":"running"'));
    expect(running).toHaveLength(1);

    await page.reload();
    await graph.waitForLayout();
    await run.expectStatus('interrupted', 10_000);
    await expect(run.summary).toContainText('Interrupted');
    await expect(run.summary).toContainText('the page was closed or reloaded while it ran');
    const executions = Object.values((await storeSnapshot(page)).executions).map((j) => JSON.parse(j) as { status: string });
    expect(executions.filter((e) => e.status === 'running')).toEqual([]);
    expect(executions.filter((e) => e.status === 'interrupted')).toHaveLength(1);
    await page.screenshot({ path: 'docs/screenshots/run-interrupted.png' });
  });

  test('a second tab\'s live run is not swept when another tab starts', async ({ page, context }) => {
    test.setTimeout(RUN_TIMEOUT * 2);
    const graph = await openNotebook(page, 'live.ipynb', notebook(FOREVER));
    const run = new RunBar(page);
    await run.start();
    await expect(run.progress).toContainText('cell 1 / 2', { timeout: RUN_TIMEOUT });
    const url = page.url();

    const other = await context.newPage();
    await other.goto(url);
    await new GraphPage(other).waitForLayout();
    // The other tab's start-up sweep has run; this tab's run is still running.
    await expect(other.getByTestId('run-summary')).toHaveCount(0);
    const statuses = Object.values((await storeSnapshot(other)).executions).map((j) => (JSON.parse(j) as { status: string }).status);
    expect(statuses).toContain('running');
    expect(statuses).not.toContain('interrupted');
    await run.cancel();
    await run.expectStatus('cancelled', 10_000);
    await other.close();
    void graph;
  });
});

test.describe('framing', () => {
  test('the app sends frame-ancestors and X-Frame-Options; the sandbox page may be framed by our origin only', async ({ request }) => {
    for (const url of ['/', '/artifacts', '/s/some-session']) {
      const res = await request.get(url);
      expect(res.headers()['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers()['x-frame-options'], url).toBe('DENY');
    }
    for (const url of ['/sandbox.html', '/sandbox-packages.html']) {
      const res = await request.get(url);
      const csp = res.headers()['content-security-policy'];
      expect(csp, url).toContain("frame-ancestors 'self'");
      expect(csp, url).toContain("default-src 'none'");
      expect(res.headers()['x-frame-options'], url).toBeUndefined();
    }
    expect((await request.get('/sandbox.html')).headers()['content-security-policy']).toContain("connect-src 'self';");
    expect((await request.get('/sandbox-packages.html')).headers()['content-security-policy']).toContain("connect-src 'self' https://cdn.jsdelivr.net;");
    const runtime = await request.get('/pyodide/pyodide-lock.json');
    expect(runtime.headers()['access-control-allow-origin']).toBe('*');
  });

  test('framed from another origin: with headers the browser refuses; without them the app shows a sentence, not itself', async ({ page, baseURL }) => {
    const bare = await startBareStatic(path.resolve(import.meta.dirname, '..', process.env.E2E_DIST ?? 'dist'));
    const framer = await startPage(
      `<!doctype html><title>framer</title><iframe id="withHeaders" src="${baseURL}/"></iframe><iframe id="bare" src="${bare.url}/" width="800" height="400"></iframe>`,
    );
    try {
      await page.goto(framer.url);
      const bareFrame = page.frameLocator('#bare');
      await expect(bareFrame.getByTestId('framed-notice')).toContainText('Threadline does not run inside another page');
      await expect(bareFrame.getByRole('link', { name: 'Open Threadline in its own tab' })).toHaveAttribute('href', `${bare.url}/`);
      await expect(bareFrame.locator('.app')).toHaveCount(0);
      // The app served with its headers never renders in the frame at all.
      const framed = page.frames().find((f) => f.parentFrame() && f.url().startsWith(baseURL!));
      expect(await (framed ? framed.locator('.app, [data-testid=framed-notice]').count() : 0)).toBe(0);
      await page.screenshot({ path: 'docs/screenshots/framed.png' });
    } finally {
      await framer.close();
      await bare.close();
    }
  });
});
