import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage, openSampleGraph } from './page-models/GraphPage';

async function downloadText(page: Page, testId: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  await page.getByRole('group', { name: 'Export the graph' }).waitFor({ state: 'detached' }).catch(() => undefined);
  await page.locator('summary', { hasText: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const bytes = await readFile((await (download as Download).path())!);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

test('selecting a node highlights its upstream slice and downstream users; slice only hides the rest', async ({ page }) => {
  const graph = await openSampleGraph(page);
  await graph.select('model.fit(X_train, y_train)');
  await expect(graph.node('model.fit(X_train, y_train)')).toHaveAttribute('data-relation', 'selected');
  await expect(graph.node('model = LogisticRegression')).toHaveAttribute('data-relation', 'upstream');
  await expect(graph.node('X_train, X_test, y_train, y_test')).toHaveAttribute('data-relation', 'upstream');
  await expect(graph.node('predictions = model.predict(X_test)')).toHaveAttribute('data-relation', 'downstream');
  await expect(graph.node('churn_rate = df["churned"].mean()')).toHaveAttribute('data-relation', 'dim');
  await expect(graph.panel.getByTestId('panel-source')).toContainText('model.fit(X_train, y_train)');
  await expect(graph.panel.getByTestId('panel-dataflow')).toContainText('model');
  await expect(graph.panel.getByTestId('short-id')).toHaveText(/^[0-9a-f]{7,}$/);

  const all = await graph.nodeCount();
  await page.getByTestId('slice-only').check();
  await expect(graph.node('churn_rate = df["churned"].mean()')).toHaveCount(0);
  await expect(graph.node('predictions = model.predict(X_test)')).toHaveCount(0);
  await expect(graph.node('model = LogisticRegression')).toBeVisible();
  expect(await graph.nodeCount()).toBeLessThan(all);
  await page.getByTestId('slice-only').uncheck();
  await expect(graph.node('churn_rate = df["churned"].mean()')).toBeVisible();
});

test('search jumps to a node; the deep link opens the graph focused on it', async ({ page }) => {
  const graph = await openSampleGraph(page);
  await page.keyboard.press('/');
  await expect(graph.search).toBeFocused();
  await graph.search.fill('top_risk');
  await expect(page.getByTestId('search-results').getByRole('option').first()).toContainText('top_risk');
  await graph.search.press('Enter');
  await expect(page).toHaveURL(/\/s\/[^/]+\/n\/[^/]+$/);
  const selected = graph.nodes.and(page.locator('[data-relation="selected"]'));
  await expect(selected).toContainText('top_risk');
  await expect(selected).toBeInViewport();

  const url = page.url();
  const nodeId = await selected.getAttribute('data-node-id');
  await page.goto('/');
  await page.goto(url);
  await graph.waitForLayout();
  const again = page.locator(`[data-testid="graph-node"][data-node-id="${nodeId}"]`);
  await expect(again).toHaveAttribute('data-relation', 'selected');
  await expect(again).toBeInViewport();
  await expect(graph.panel).toBeVisible();
});

test('keyboard: arrows move between connected nodes, Escape clears', async ({ page }) => {
  const graph = await openSampleGraph(page);
  await graph.select('model.fit(X_train, y_train)');
  const start = page.url();
  await page.keyboard.press('ArrowUp');
  await expect(page).not.toHaveURL(start);
  const up = graph.nodes.and(page.locator('[data-relation="selected"]'));
  await expect(up).toHaveCount(1);
  await expect(up).not.toContainText('model.fit(X_train, y_train)');
  const upLabel = await up.locator('.flow-node-label').textContent();
  expect(['model = LogisticRegression(max_iter=1000, C=0.5)', 'X_train, X_test, y_train, y_test = train_test_split(features, target, test_size=0.25, random_state=42, stratify=target)'].some((l) => l.startsWith(upLabel!.replace('…', '')))).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(graph.nodes.and(page.locator('[data-relation="selected"]'))).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-relation="selected"]')).toHaveCount(0);
  await expect(page).toHaveURL(/\/s\/[^/]+$/);
});

test('full view shows every kind with a legend; the kind filter hides a kind', async ({ page }) => {
  const graph = await openSampleGraph(page);
  await page.getByTestId('view-full').click();
  await graph.waitForLayout();
  await expect(page.locator('[data-testid="graph-node"][data-kind="Literal"]').first()).toBeAttached();
  const legend = page.getByRole('list', { name: 'Node kinds' });
  for (const k of ['Import', 'Call', 'Literal', 'Lookup', 'Mutate']) await expect(legend).toContainText(k);
  // The legend floats over the canvas: a click on it must reach whatever graph lies beneath.
  const box = (await legend.boundingBox())!;
  const hit = await page.evaluate(([x, y]) => {
    const el = document.elementFromPoint(x, y);
    return { inLegend: !!el?.closest('.legend-box'), inCanvas: !!el?.closest('[data-testid="graph-canvas"]') };
  }, [box.x + box.width / 2, box.y + box.height / 2]);
  expect(hit).toEqual({ inLegend: false, inCanvas: true });
  // Its header folds it away, and the choice survives a reload.
  const fold = page.getByTestId('legend').getByRole('button', { name: 'Legend' });
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(legend).toHaveCount(0);
  await page.reload();
  await graph.waitForLayout();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await fold.click();
  await expect(legend).toBeVisible();
  await page.getByTestId('view-full').click();
  await graph.waitForLayout();
  await expect(page.locator('[data-testid="graph-node"][data-kind="Literal"]').first()).toBeAttached();
  await page.locator('summary', { hasText: 'Kinds' }).click();
  await page.getByTestId('kind-Literal').uncheck();
  await graph.waitForLayout();
  await expect(page.locator('[data-testid="graph-node"][data-kind="Literal"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="graph-node"][data-kind="Call"]').first()).toBeAttached();
});

test('exports PNG, SVG, DOT and Mermaid of the current view', async ({ page }) => {
  const graph = await openSampleGraph(page);
  const shown = await page.evaluate(() => document.querySelectorAll('[data-testid="graph-node"]').length);
  expect(shown).toBeGreaterThan(5);

  const dot = await downloadText(page, 'export-dot');
  expect(dot.name).toBe('churn_analysis.dot');
  expect(dot.text).toMatch(/^digraph "churn_analysis.ipynb" \{/);
  expect(dot.text.trim().endsWith('}')).toBe(true);
  expect(dot.text).toContain('pd.read_csv(\\"data/customers.csv\\")');

  const mermaid = await downloadText(page, 'export-mermaid');
  expect(mermaid.text.split('\n')[0]).toBe('flowchart TD');
  expect(mermaid.text).toMatch(/n\d+ --> n\d+/);

  const svg = await downloadText(page, 'export-svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, rects: doc.querySelectorAll('g > rect').length, root: doc.documentElement.nodeName };
  }, svg.text);
  expect(parsed).toEqual({ error: false, rects: expect.any(Number), root: 'svg' });
  expect(parsed.rects).toBeGreaterThan(5);
  // Drawn in the colours on screen: the light surface and the Call nodes' fill.
  const css = await page.evaluate(() => {
    const s = getComputedStyle(document.documentElement);
    return { surface: s.getPropertyValue('--surface').trim(), call: s.getPropertyValue('--k-call-fill').trim() };
  });
  expect(svg.text).toContain(`fill="${css.surface}"`);
  expect(svg.text).toContain(`fill="${css.call}"`);
  expect(dot.text).toContain(`fillcolor="${css.call}"`);

  // In the dark theme the drawing is dark too.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const darkSvg = await downloadText(page, 'export-svg');
  const darkSurface = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--surface').trim());
  expect(darkSurface).not.toBe(css.surface);
  expect(darkSvg.text).toContain(`fill="${darkSurface}"`);

  const png = await downloadText(page, 'export-png');
  expect(png.name).toBe('churn_analysis.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);
  await expect(graph.canvas).toBeVisible();
});

test('the theme toggle switches light and dark, and the choice persists', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/settings');
  const toggle = page.getByTestId('theme-toggle');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(17, 19, 24)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('a graph over 1,000 nodes opens on a neighbourhood that can be deepened and expanded', async ({ page }) => {
  const lines = ['import math', 'acc0 = 0'];
  for (let i = 1; i <= 1200; i++) lines.push(i % 3 === 0 ? `acc${i} = acc${i - 1} + math.sqrt(${i})` : `acc${i} = acc${i - 1} + ${i}`);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffer('long_chain.py', Buffer.from(lines.join('\n') + '\n'), 'text/x-python');
  await sessions.expectAdded('long_chain.py');
  await sessions.open('long_chain.py');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  await expect(page.getByTestId('big-graph-bar')).toContainText('Large graph');
  const first = await graph.viewNodeCount();
  expect(first).toBeLessThan(50);
  await page.getByTestId('depth').selectOption('4');
  await graph.waitForLayout();
  await expect.poll(() => graph.viewNodeCount()).toBeGreaterThan(first);
  const deeper = await graph.viewNodeCount();
  await page.getByRole('button', { name: /^Show \d+ more connected nodes$/ }).first().click();
  await expect.poll(() => graph.viewNodeCount()).toBeGreaterThan(deeper);
  // Search jumps to a node outside the neighbourhood.
  await graph.search.fill('acc7 ');
  await graph.search.fill('acc7');
  await graph.search.press('Enter');
  await graph.waitForLayout();
  await expect(graph.nodes.and(page.locator('[data-relation="selected"]'))).toContainText('acc7 = acc6 + 7');
});
