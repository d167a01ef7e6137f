import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';

test('screenshots of the sessions list, an artifact page and the graph in dark mode', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await page.screenshot({ path: 'docs/screenshots/sessions.png' });

  await page.goto('/a/churn_model/0');
  await expect(page.getByTestId('slice-code')).toContainText('LogisticRegression');
  await page.screenshot({ path: 'docs/screenshots/artifact.png' });

  await sessions.goto();
  await sessions.open('churn_analysis.ipynb');
  const light = new GraphPage(page);
  await light.waitForLayout();
  await light.select('X_train, X_test, y_train, y_test');
  await light.panel.getByTestId('name-artifact').click();
  await light.page.getByTestId('artifact-name-input').fill('churn_split');
  await expect(page.getByTestId('next-version')).toContainText('churn_split:0');
  await page.screenshot({ path: 'docs/screenshots/name-dialog.png' });
  await page.keyboard.press('Escape');
  await page.goto('/settings');
  await expect(page.getByTestId('row-counts')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/settings.png' });

  await page.emulateMedia({ colorScheme: 'dark' });
  await sessions.goto();
  await sessions.open('churn_analysis.ipynb');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  await graph.select('metrics = {');
  await page.getByTestId('fit-selection').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/session-graph-dark.png' });
});
