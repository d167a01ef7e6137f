/** The Cells view: notebooks open on it; edges name variables; selection, expansion; the largest corpus notebook. */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CORPUS_DIR, largestCorpusNotebook } from './page-models/corpus';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage, openSampleGraph } from './page-models/GraphPage';


/** Code cells with code in them (blank, comment-only and magic-only cells hold no statement). */
function codeCells(file: string): number {
  const nb = JSON.parse(readFileSync(file, 'utf8')) as { cells: Array<{ cell_type: string; source: string | string[] }> };
  return nb.cells.filter((c) => {
    if (c.cell_type !== 'code') return false;
    const src = Array.isArray(c.source) ? c.source.join('') : c.source;
    return src.split('\n').some((l) => {
      const t = l.trim();
      return t !== '' && !t.startsWith('#') && !t.startsWith('%') && !t.startsWith('!');
    });
  }).length;
}


async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('the Cells view of the sample notebook: a node per code cell, named edges, selection, expand and fold', async ({ page }) => {
  const graph = await openSampleGraph(page, 'cells');
  await expect(page.getByTestId('view-cells')).toHaveAttribute('aria-pressed', 'true');
  const expected = codeCells(path.resolve(import.meta.dirname, '../public/sample/churn_analysis.ipynb'));
  expect(expected).toBe(18);
  await expect(graph.cells).toHaveCount(expected);
  expect(await graph.viewNodeCount()).toBe(expected);
  await expect(graph.nodes).toHaveCount(0);
  // cell 4 reads customers.csv; cell 5 (customers.head()) uses what it binds.
  await expect(graph.cell('cell 4')).toContainText('customers = pd.read_csv');
  await expect(graph.cell('cell 4')).toContainText('defines customers');
  await expect(page.locator('.react-flow__edge-text', { hasText: /^customers$/ }).first()).toBeAttached();

  // Selecting a cell highlights the cells it needs and the cells that use it. The first view is
  // readable, not the whole notebook: pan to cell 5 as a user would.
  await graph.reveal(graph.cell('cell 5'));
  await expect(async () => {
    await graph.cell('cell 5').click();
    await expect(graph.cell('cell 5')).toHaveAttribute('data-relation', 'selected', { timeout: 1_500 });
  }).toPass({ timeout: 15_000 });
  await expect(graph.cell('cell 4')).toHaveAttribute('data-relation', 'upstream');
  await expect(graph.cell('cell 2')).toHaveAttribute('data-relation', 'upstream');
  await expect(graph.cell('cell 4')).not.toHaveAttribute('data-relation', 'dim');
  expect(await seriousViolations(page)).toEqual([]);

  // Double-click expands cell 4 into its statements in place; "Fold" puts it back.
  await graph.reveal(graph.cell('cell 4'));
  await graph.cell('cell 4').dblclick();
  await expect(graph.cell('cell 4')).toHaveCount(0);
  await expect(graph.canvas).toHaveAttribute('data-layout-ready', 'true', { timeout: 30_000 });
  await expect(graph.node('customers = pd.read_csv')).toBeVisible();
  await expect(graph.node('customers.shape')).toBeVisible();
  await expect(graph.cells).toHaveCount(expected - 1);
  await page.getByTestId('collapse-cell').click();
  await expect(graph.canvas).toHaveAttribute('data-layout-ready', 'true', { timeout: 30_000 });
  await expect(graph.cell('cell 4')).toBeVisible();
  await expect(graph.cells).toHaveCount(expected);
  await expect(graph.nodes).toHaveCount(0);
  await expect(page.getByTestId('expanded-cells')).toHaveCount(0);
});

test('screenshots of the cells view of the sample, light and dark', async ({ page }) => {
  const graph = await openSampleGraph(page, 'cells');
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/cells-view.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await graph.waitForLayout('cells');
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/cells-view-dark.png' });
  expect(await seriousViolations(page)).toEqual([]);
});

test('the largest corpus notebook shows every code cell in the Cells view', async ({ page }) => {
  const notebook = largestCorpusNotebook();
  test.skip(notebook === undefined, `the corpus is not here (${CORPUS_DIR}); set CORPUS_DIR`);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestFile(notebook!);
  await sessions.expectAdded(path.basename(notebook!));
  await sessions.open(path.basename(notebook!));
  const graph = new GraphPage(page);
  await graph.waitForLayout('cells');
  expect(await graph.viewNodeCount()).toBe(codeCells(notebook!));
  // The header counts every cell and says how many hold code (what the view draws).
  const all = (JSON.parse(readFileSync(notebook!, 'utf8')) as { cells: unknown[] }).cells.length;
  // The legend keys what the cells view draws: cells, and the dotted display-only ones.
  await expect(page.getByTestId('legend-cell')).toBeVisible();
  await expect(page.getByTestId('legend-display-only')).toBeVisible();
  await expect(page.getByTestId('session-stats')).toContainText(`${all.toLocaleString('en')} cells (${codeCells(notebook!).toLocaleString('en')} code) · `);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/cells-view-corpus.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/cells-view-corpus-dark.png' });
});
