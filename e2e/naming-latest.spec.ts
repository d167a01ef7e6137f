/**
 * Issue 14 point 7, the naming trap: searching a variable and naming the first hit used to
 * name its first binding (an unfitted model). The latest version now comes first, each hit
 * says which version it is, and the name dialog warns about an earlier version.
 */
import { test, expect } from './fixtures';
import { openIngestedGraph } from './page-models/GraphPage';
import { GraphSearch } from './page-models/GraphSearch';
import { NameDialog } from './page-models/NameDialog';
import { ArtifactsPage } from './page-models/ArtifactsPage';

test('search puts the fitted model first; naming the unfitted one warns and switches to the latest', async ({ page }) => {
  const graph = await openIngestedGraph(page, 'e2e/fixtures/churn_model.py');

  const search = new GraphSearch(page);
  await search.search('model');
  await expect(search.hits.nth(0)).toContainText('model.fit(features, labels)');
  expect(await search.versionLabel(0)).toBe('latest');
  await expect(search.hits.nth(1)).toContainText('model = RandomForestClassifier(n_estimators=50, random_state=0)');
  expect(await search.versionLabel(1)).toBe('earlier: line 9, later mutated at line 10');
  await page.screenshot({ path: 'docs/screenshots/search-latest.png', clip: { x: 0, y: 0, width: 1400, height: 300 } });

  // A rebound name says where.
  await search.search('features');
  expect(await search.versionLabel(0)).toBe('latest');
  await expect(search.hits.nth(0)).toContainText('features = features.fillna(0)');
  expect(await search.versionLabel(1)).toBe('earlier: line 6, later rebound at line 13');

  // Choose the earlier model with the keyboard, then try to name it.
  await search.search('model');
  await search.choose(1);
  await expect(graph.panel.getByRole('heading', { level: 2 })).toHaveText('model');
  await expect(graph.panel.getByTestId('panel-source').locator('.hit')).toContainText('RandomForestClassifier(');

  const dialog = new NameDialog(page);
  await dialog.open();
  await expect(dialog.warning).toContainText('model changes after this: line 10 model.fit(features, labels). Name the latest instead?');
  await page.screenshot({ path: 'docs/screenshots/name-latest-warning.png' });
  await dialog.nameTheLatest();
  await expect(dialog.switched).toContainText('Naming the latest version of model: line 10 model.fit(features, labels).');
  await dialog.dialog.screenshot({ path: 'docs/screenshots/name-latest-switched.png' });
  expect(await dialog.save('fitted_model')).toContain('fitted_model:0');
  await expect(page.getByTestId('notice')).toHaveText(/Saved fitted_model:0/);
  // The graph now selects what was named: the fitted model.
  await expect(graph.panel.getByTestId('panel-source').locator('.hit')).toContainText('model.fit(features, labels)');

  // The artifact's slice holds the fit.
  const artifacts = new ArtifactsPage(page);
  await artifacts.goto();
  await artifacts.row('fitted_model', 0).getByRole('link').first().click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('fitted_model:0');
  const slice = page.getByTestId('slice-code');
  await expect(slice).toContainText('model = RandomForestClassifier(n_estimators=50, random_state=0)');
  await expect(slice).toContainText('model.fit(features, labels)');
  await expect(slice).not.toContainText('predict_proba');
});

test('naming the latest version shows no warning', async ({ page }) => {
  await openIngestedGraph(page, 'e2e/fixtures/churn_model.py');
  const search = new GraphSearch(page);
  await search.search('model');
  await search.choose(0);
  const dialog = new NameDialog(page);
  await dialog.open();
  await expect(dialog.input).toHaveValue('model');
  await expect(dialog.warning).toHaveCount(0);
  await expect(dialog.switched).toHaveCount(0);
});
