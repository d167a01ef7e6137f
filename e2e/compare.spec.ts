/**
 * Issue 17.4 and 17.5 in the browser: two versions of one notebook (same file name, dropped
 * through the file input) compared — the edited cell's line diff, the changed variable, the
 * re-run sentence naming the right cells, the graph's marks — and a notebook whose execution
 * counts run against its dataflow badged "output older than its inputs". Real IndexedDB.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';
import { ComparePage } from './page-models/ComparePage';

type Cell = string | { source: string; count: number | null };

function notebook(cells: Cell[]): Buffer {
  let n = 0;
  return Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { language_info: { name: 'python', version: '3.11.4' } },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: '# Prices' },
        ...cells.map((c) => {
          n++;
          const cell = typeof c === 'string' ? { source: c, count: n } : c;
          return { cell_type: 'code', metadata: {}, source: cell.source, outputs: [], execution_count: cell.count };
        }),
      ],
    }),
  );
}

// Cell 1 is markdown. Cell 3 defines `base`; cells 5 and 7 use it (7 through 5); 4 and 6 do not.
const V1: Cell[] = ['import math', 'base = 10 * 1', 'unrelated = 3', 'scaled = math.sqrt(base)', 'print(unrelated)', 'final = scaled * 2'];
const V2: Cell[] = ['import math', 'base = 10 * 2\nbase = base + 1', 'unrelated = 3', 'scaled = math.sqrt(base)', 'print(unrelated)', 'final = scaled * 2'];

async function addVersion(page: Page, sessions: SessionsPage, name: string, buffer: Buffer): Promise<void> {
  await sessions.ingestBuffer(name, buffer);
  const added = page.getByRole('status').filter({ hasText: `Added ${name}` });
  await expect(added).toBeVisible({ timeout: 30_000 });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('an edited version of a notebook: the graph marks what changed, Compare shows the diff and what to re-run', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await addVersion(page, sessions, 'prices.ipynb', notebook(V1));
  await page.getByTestId('ingest-dismiss').click();
  await addVersion(page, sessions, 'prices.ipynb', notebook(V2));
  await page.getByRole('status').filter({ hasText: 'Added prices.ipynb' }).getByRole('link', { name: 'Open its graph' }).click();

  const graph = new GraphPage(page);
  await graph.waitForLayout('cells');
  const bar = page.getByTestId('history-bar');
  await expect(bar).toContainText('Changed since the previous version (v1): 1 cell');
  await expect(bar.getByTestId('rerun-sentence')).toHaveText('You edited cell 3. Cells 5 and 7 use what it defines: re-run them.');
  // The edited cell is marked changed; the cells that read from it are marked to re-run; the others are not.
  await expect(graph.cell('cell 3')).toHaveAttribute('data-changed', 'true');
  await expect(graph.cell('cell 3').getByTestId('changed-mark')).toBeVisible();
  for (const c of ['cell 5', 'cell 7']) await expect(graph.cell(c)).toHaveAttribute('data-rerun', 'true');
  for (const c of ['cell 2', 'cell 4', 'cell 6']) {
    await expect(graph.cell(c)).not.toHaveAttribute('data-changed', 'true');
    await expect(graph.cell(c)).not.toHaveAttribute('data-rerun', 'true');
  }
  await expect(page.getByTestId('legend')).toContainText('since the previous version');
  await expect(page.getByTestId('legend')).toContainText('reads what changed');
  // Statements view: only the nodes on the added lines of cell 3 are changed.
  await graph.showView('statement');
  await expect(graph.nodes.and(page.locator('[data-changed="true"]'))).not.toHaveCount(0);
  await expect(graph.node('unrelated = 3')).not.toHaveAttribute('data-changed', 'true');

  const compare = new ComparePage(page);
  await compare.openFromGraph();
  await expect(compare.sentence).toHaveText('You edited cell 3. Cells 5 and 7 use what it defines: re-run them.');
  await expect(compare.rerunItems).toHaveCount(3);
  expect(await compare.rerunItems.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')))).toEqual(['cell 3', 'cell 5', 'cell 7']);
  await expect(compare.rerunItems.nth(1)).toContainText('reads base from cell 3');
  // Only the edited cell is listed, with its line diff as text.
  await expect(compare.cellChanges).toHaveCount(1);
  await expect(compare.cell('cell 3')).toHaveAttribute('data-status', 'edited');
  expect(await compare.diffLines('cell 3', 'removed')).toEqual(['base = 10 * 1']);
  expect(await compare.diffLines('cell 3', 'added')).toEqual(['base = 10 * 2', 'base = base + 1']);
  await expect(compare.variable('base')).toHaveAttribute('data-change', 'edited');
  await expect(compare.variable('base')).toContainText('base = 10 * 1');
  await expect(compare.variable('base')).toContainText('base = base + 1');
  await expect(compare.variable('unrelated')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // The cell links to its node in the newer graph.
  await compare.cell('cell 3').getByRole('link', { name: 'Open cell 3 in graph' }).click();
  await expect(page).toHaveURL(/\/s\/[^/]+\/n\/[^/]+$/);
  await graph.waitForLayout('cells');
  await expect(page.getByTestId('history-bar')).toBeVisible();

  // The pickers compare any two versions: v2 → v1 is the edit undone.
  await page.goBack();
  await compare.waitForComparison();
  await compare.pick(2, 1);
  await expect(compare.sentence).toHaveText('You edited cell 3. Cells 5 and 7 use what it defines: re-run them.');
  expect(await compare.diffLines('cell 3', 'added')).toEqual(['base = 10 * 1']);

  // A session that is not a version of this notebook is refused in words, not compared.
  const newerId = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`/compare/no-such-session/${newerId}`);
  await expect(page.getByRole('alert')).toHaveText('Session no-such-session is not a version of prices.ipynb.');
});

test('outputs older than their inputs are badged on the graph', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  // Cell 3 ran as [2], before cell 2 (which it reads) ran as [5].
  await addVersion(page, sessions, 'stale.ipynb', notebook([{ source: 'x = 1', count: 5 }, { source: 'y = x + 1', count: 2 }, { source: 'z = 3', count: 6 }]));
  // The sessions list says so too (counted at ingest), and the badge opens the graph.
  const row = page.getByTestId('session-row').filter({ hasText: 'stale.ipynb' });
  await expect(row.getByTestId('session-untrusted')).toHaveText('1 output older than its inputs');
  await page.screenshot({ path: 'docs/screenshots/sessions-untrusted.png' });
  await row.getByTestId('session-untrusted').click();
  const graph = new GraphPage(page);
  await graph.waitForLayout('cells');
  await expect(graph.cell('cell 3').getByTestId('untrusted-badge')).toHaveText('⚠ output older than its inputs');
  await expect(graph.cell('cell 2').getByTestId('untrusted-badge')).toHaveCount(0);
  await expect(graph.cell('cell 4').getByTestId('untrusted-badge')).toHaveCount(0);
  await expect(page.getByTestId('untrusted-summary')).toContainText("Cell 3's output is older than its inputs: it ran as [2], before cell 2 [5] that it depends on.");
  await expect(page.getByTestId('legend')).toContainText('output older than its inputs');
  // A single version: nothing to compare with.
  await expect(page.getByTestId('compare-link')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

// A fuller notebook for the screenshots: an edit, an added cell, a removed one and an artifact whose slice changed.
const REPORT_V1: Cell[] = [
  'import lineapy\nimport pandas as pd',
  'sales = pd.DataFrame({"region": ["north", "south", "east"], "amount": [120, 80, 95]})',
  'threshold = 90\nmin_rows = 1',
  'big = sales[sales.amount > threshold]',
  'print(len(big))',
  'summary = big.groupby("region").amount.sum()',
  'lineapy.save(summary, "big_sales")',
  'old_note = "draft"',
];
const REPORT_V2: Cell[] = [
  'import lineapy\nimport pandas as pd',
  'sales = pd.DataFrame({"region": ["north", "south", "east"], "amount": [120, 80, 95]})',
  'threshold = 100\nmin_rows = 1',
  'big = sales[sales.amount > threshold]',
  'print(len(big))',
  'summary = big.groupby("region").amount.sum()',
  'lineapy.save(summary, "big_sales")',
  'share = summary / summary.sum()',
];

test('screenshots of the compare view and the re-run list, light and dark, axe clean', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await addVersion(page, sessions, 'report.ipynb', notebook(REPORT_V1));
  await page.getByTestId('ingest-dismiss').click();
  await addVersion(page, sessions, 'report.ipynb', notebook(REPORT_V2));
  await page.getByRole('status').filter({ hasText: 'Added report.ipynb' }).getByRole('link', { name: 'Open its graph' }).click();
  const graph = new GraphPage(page);
  await graph.waitForLayout('cells');
  await expect(graph.cell('cell 4').getByTestId('changed-mark')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/graph-changes.png' });
  const compare = new ComparePage(page);
  await compare.openFromGraph();
  await expect(compare.sentence).toContainText('You edited cell 4');
  await expect(page.getByTestId('artifact-change').first()).toHaveAttribute('data-change', 'changed');
  // The page scrolls inside <main>: a tall viewport shows all of it.
  await page.setViewportSize({ width: 1280, height: 1500 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `docs/screenshots/compare-${scheme}.png` });
    await page.getByRole('region', { name: 'What to re-run' }).screenshot({ path: `docs/screenshots/rerun-${scheme}.png` });
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goBack();
  await graph.waitForLayout('cells');
  await expect(graph.cell('cell 4').getByTestId('changed-mark')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/graph-changes-dark.png' });
});
