import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';
import { ArtifactsPage } from './page-models/ArtifactsPage';
import { rowCounts } from './page-models/common';

test('first visit ingests and shows the sample notebook', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const row = sessions.row('churn_analysis.ipynb');
  await expect(row.getByTestId('session-cells')).toHaveText('24');
  expect(Number(await row.getByTestId('session-nodes').textContent())).toBeGreaterThan(20);

  await sessions.open('churn_analysis.ipynb');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  expect(await graph.nodeCount()).toBeGreaterThan(10);
  await expect(graph.node('customers = pd.read_csv("data/customers.csv")')).toBeVisible();

  // lineapy.save calls became artifacts.
  const artifacts = new ArtifactsPage(page);
  await artifacts.goto();
  await expect(artifacts.row('churn_model', 0)).toBeVisible();
  await expect(artifacts.row('churn_features', 0)).toBeVisible();
  await expect(artifacts.row('churn_metrics', 0)).toBeVisible();

  // A second visit does not ingest the sample again.
  await page.reload();
  await sessions.goto();
  await sessions.waitForSample();
  expect((await rowCounts(page)).sessions).toBe(1);
});
