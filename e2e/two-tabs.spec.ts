import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { GraphPage, openSampleGraph } from './page-models/GraphPage';
import { CatalogPage } from './page-models/CatalogPage';

const NAME = 'shared_model';
const EACH = 20;
/** The name dialog's suggestion for the node the tabs name. */
const SUGGESTED = 'model';

function failOnErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
}

async function openModelNode(page: Page): Promise<GraphPage> {
  const graph = await openSampleGraph(page);
  await graph.select('model = LogisticRegression');
  return graph;
}

/**
 * Names the selected node NAME. Waits for the dialog to show its suggested name first: the
 * dialog resets its fields in an effect after it opens, and a fill that lands before that
 * render would be overwritten (a human cannot type that fast; a test can).
 */
async function nameOnce(graph: GraphPage): Promise<void> {
  const page = graph.page;
  await graph.panel.getByTestId('name-artifact').click();
  const dialog = page.getByTestId('name-dialog');
  const input = dialog.getByTestId('artifact-name-input');
  await expect(input).toHaveValue(SUGGESTED);
  await input.fill(NAME);
  await expect(dialog.getByTestId('next-version')).toContainText(`${NAME}:`);
  await input.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('notice')).toHaveText(new RegExp(`Saved ${NAME}:\\d+`));
}

test('two tabs name the same artifact 20 times each, interleaved: versions 0–39, catalogs update live', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  // Tab A first (it ingests the sample on the first visit), then tab B in the same context.
  const graphA = await openModelNode(page);
  const pageB = await context.newPage();
  failOnErrors(pageB, errors);
  const graphB = await openModelNode(pageB);

  const nameMany = async (graph: GraphPage) => {
    for (let i = 0; i < EACH; i++) await nameOnce(graph);
  };
  await Promise.all([nameMany(graphA), nameMany(graphB)]);

  // Exactly versions 0..39: no gaps, no duplicates.
  const catalogA = new CatalogPage(page);
  await page.goto(`/artifacts?view=versions&q=${NAME}`);
  await expect(catalogA.rows).toHaveCount(2 * EACH);
  const versions = (await catalogA.keys()).map((k) => Number(k.split(':')[1])).sort((a, b) => a - b);
  expect(versions).toEqual(Array.from({ length: 2 * EACH }, (_, i) => i));

  // Both tabs on the catalog; a write from another tab shows up in both without a reload.
  const catalogB = new CatalogPage(pageB);
  await pageB.goto(`/artifacts?q=${NAME}`);
  await page.goto(`/artifacts?q=${NAME}`);
  for (const c of [catalogA, catalogB]) {
    await expect(c.rows).toHaveCount(1);
    await expect(c.row(NAME, 2 * EACH - 1).locator('td').nth(3)).toHaveText(String(2 * EACH));
  }
  const pageC = await context.newPage();
  failOnErrors(pageC, errors);
  const graphC = await openModelNode(pageC);
  await nameOnce(graphC);
  await expect(pageC.getByTestId('notice')).toContainText(`Saved ${NAME}:${2 * EACH}.`);
  for (const c of [catalogA, catalogB]) {
    await expect(c.row(NAME, 2 * EACH)).toBeVisible();
    await expect(c.row(NAME, 2 * EACH).locator('td').nth(3)).toHaveText(String(2 * EACH + 1));
  }

  // A delete in tab B shows up in tab A too.
  await catalogB.open(NAME, 2 * EACH);
  await catalogB.deleteArtifact('version');
  await expect(catalogA.row(NAME, 2 * EACH - 1)).toBeVisible();
  await expect(catalogA.row(NAME, 2 * EACH - 1).locator('td').nth(3)).toHaveText(String(2 * EACH));

  expect(errors, 'the other tabs logged errors').toEqual([]);
});
