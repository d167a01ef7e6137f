import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { CORPUS_DIR as corpus } from './page-models/corpus';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';

const notebook = path.join(corpus, 'ageron__handson-ml2/02_end_to_end_machine_learning_project.ipynb');

test('a large real notebook ingests and its graph stays readable', async ({ page }) => {
  test.skip(!existsSync(notebook), `the corpus notebook is not here (${notebook}); set CORPUS_DIR`);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestFile(notebook);
  await sessions.expectAdded(path.basename(notebook));
  await sessions.open(path.basename(notebook));
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  expect(await graph.nodeCount()).toBeGreaterThan(10);
  await graph.search.fill('housing_prepared');
  await graph.search.press('Enter');
  await expect(graph.panel).toBeVisible();
  await page.getByTestId('fit-selection').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/corpus-graph.png' });
});
