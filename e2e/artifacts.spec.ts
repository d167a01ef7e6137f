import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { openSampleGraph } from './page-models/GraphPage';
import { ArtifactsPage } from './page-models/ArtifactsPage';
import { rowCounts } from './page-models/common';

const LABEL = /^(\S+):(\d+) created on (\d{4}-\d{2}-\d{2} \d{2}:\d{2})$/;

test('naming a node twice gives versions 0 and 1; everything persists across a reload', async ({ page }) => {
  const sessions = new SessionsPage(page);
  const graph = await openSampleGraph(page);

  await graph.select('model = LogisticRegression');
  await expect(graph.node('model = LogisticRegression')).toHaveAttribute('data-relation', 'selected');
  expect(await graph.nameAsArtifact('retention_model')).toContain('retention_model:0');
  await expect(page.getByTestId('notice')).toHaveText(/Saved retention_model:0/);
  expect(await graph.nameAsArtifact('retention_model')).toContain('retention_model:1');
  await expect(page.getByTestId('notice')).toHaveText(/Saved retention_model:1/);

  // Screenshot of the graph with the selection highlighted.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('fit-selection').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/session-graph.png' });

  const artifacts = new ArtifactsPage(page);
  await artifacts.goto();
  const labels = await artifacts.allLabels();
  for (const l of labels) expect(l).toMatch(LABEL);
  // Newest first.
  expect(labels[0]).toMatch(/^retention_model:1 created on /);
  expect(labels[1]).toMatch(/^retention_model:0 created on /);
  await page.screenshot({ path: 'docs/screenshots/artifacts.png' });

  // The artifact page shows the slice code.
  await artifacts.row('retention_model', 1).getByRole('link').first().click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('retention_model:1');
  await expect(page.getByTestId('slice-code')).toContainText('LogisticRegression(max_iter=1000, C=0.5)');
  await expect(page.getByTestId('slice-code')).not.toContainText('lineapy.save');
  await expect(page.getByText('same code as v0')).toBeVisible();
  await page.getByTestId('compare-with').selectOption('0');
  await expect(page.getByText('Same code as v0.')).toBeVisible();
  await expect(page.getByTestId('slice-diff')).toContainText('model = LogisticRegression(max_iter=1000, C=0.5)');

  // Reload: sessions, graph and artifacts are still there.
  const before = await rowCounts(page);
  await page.reload();
  await artifacts.goto();
  expect(await artifacts.allLabels()).toEqual(labels);
  await sessions.goto();
  await expect(sessions.rows).toHaveCount(1);
  await sessions.open('churn_analysis.ipynb');
  await graph.waitForLayout();
  await expect(graph.node('model = LogisticRegression')).toBeVisible();
  expect(await rowCounts(page)).toEqual(before);
});

test('the name dialog validates inline and Escape cancels', async ({ page }) => {
  const graph = await openSampleGraph(page);
  await graph.select('model = LogisticRegression');
  const before = await rowCounts(page);
  await graph.panel.getByTestId('name-artifact').click();
  const dialog = page.getByTestId('name-dialog');
  const input = dialog.getByTestId('artifact-name-input');
  await input.fill('   ');
  await input.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('cannot be empty')).toBeVisible();
  await input.fill('churn_model');
  await expect(dialog.getByTestId('next-version')).toContainText('churn_model:1');
  await input.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await rowCounts(page)).toEqual(before);
});
