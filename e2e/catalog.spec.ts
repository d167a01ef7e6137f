import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { openSampleGraph } from './page-models/GraphPage';
import { CatalogPage } from './page-models/CatalogPage';
import { rowCounts } from './page-models/common';

test('catalog: name, view, filter, sort, edit tags, delete a version, delete all', async ({ page }) => {
  const graph = await openSampleGraph(page);

  // Name: one node three times → retention_model 0, 1, 2.
  await graph.select('model = LogisticRegression');
  for (const v of [0, 1, 2]) {
    expect(await graph.nameAsArtifact('retention_model')).toContain(`retention_model:${v}`);
    await expect(page.getByTestId('notice')).toHaveText(new RegExp(`Saved retention_model:${v}`));
  }

  // View: one row per name by default (latest version, number of versions), newest first.
  const catalog = new CatalogPage(page);
  await catalog.goto();
  // The table re-renders after each click or query: poll the order rather than read it once.
  await expect.poll(() => catalog.keys()).toEqual(expect.arrayContaining(['retention_model:2', 'churn_model:0', 'churn_features:0', 'churn_metrics:0']));
  await expect.poll(async () => (await catalog.keys())[0]).toBe('retention_model:2');
  const row = catalog.row('retention_model', 2);
  await expect(row.locator('td').nth(3)).toHaveText('3');
  await expect(row.getByRole('link', { name: 'churn_analysis.ipynb' })).toBeVisible();
  await expect(row.locator('td').nth(5)).toHaveText('me');

  // Every version.
  await page.getByTestId('view-versions').click();
  await expect(catalog.rows).toHaveCount(6);
  await expect.poll(async () => (await catalog.keys()).slice(0, 3)).toEqual(['retention_model:2', 'retention_model:1', 'retention_model:0']);
  // Sort by name (ascending), then flip.
  await page.getByTestId('sort-name').click();
  await expect.poll(async () => (await catalog.keys())[0]).toBe('churn_features:0');
  await page.getByTestId('sort-name').click();
  await expect.poll(async () => (await catalog.keys())[0]).toMatch(/^retention_model:/);

  // Filter by name and by short id.
  await catalog.filter.fill('metric');
  await expect(catalog.rows).toHaveCount(1);
  const shortId = (await catalog.row('churn_metrics', 0).locator('code').first().textContent())!.trim();
  expect(shortId.length).toBeGreaterThanOrEqual(7);
  await catalog.filter.fill(shortId);
  await expect(catalog.rows).toHaveCount(1);
  await expect(catalog.row('churn_metrics', 0)).toBeVisible();
  await catalog.filter.fill('no_such_thing');
  await expect(page.getByTestId('catalog-empty')).toContainText('No artifact matches');
  await catalog.filter.fill('');

  // Open the artifact page; edit tags and description.
  await catalog.open('retention_model', 1);
  await expect(page.getByTestId('artifact-heading')).toHaveText('retention_model:1');
  await expect(page.getByTestId('artifact-node-link')).toHaveAttribute('href', /\/s\/[^/]+\/n\/[^/]+$/);
  await expect(page.getByText('same code as v2')).toBeVisible();
  await expect(page.getByTestId('copy-short-id')).toHaveAttribute('data-short-id', /^[0-9a-z]{7,}$/i);
  await catalog.editMeta('Logistic regression, C=0.5', 'stage=prod\nteam=ml, team=growth');
  await expect(page.getByTestId('artifact-description')).toHaveText('Logistic regression, C=0.5');
  await expect(page.getByTestId('artifact-tags')).toContainText('stage=prod');
  await expect(page.getByTestId('artifact-tags')).toContainText('team=growth');
  // A tag with an empty key is refused with a sentence, and nothing changes.
  await page.getByTestId('edit-meta').click();
  await page.getByTestId('meta-tags').fill('=oops');
  await page.getByTestId('save-meta').click();
  await expect(page.getByRole('alert')).toContainText('empty key');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The catalog shows the tags, and tag:key=value filters.
  await catalog.goto('versions');
  await expect(catalog.row('retention_model', 1).getByTestId('artifact-tag')).toHaveText(['stage=prod', 'team=ml', 'team=growth']);
  await catalog.filter.fill('tag:stage=prod');
  await expect(catalog.rows).toHaveCount(1);
  await expect(catalog.row('retention_model', 1)).toBeVisible();
  await catalog.filter.fill('tag:team');
  await expect(catalog.rows).toHaveCount(1);
  await catalog.filter.fill('');
  await catalog.row('retention_model', 1).getByTestId('artifact-tag').first().click();
  await expect(catalog.filter).toHaveValue('tag:stage=prod');
  await catalog.filter.fill('');
  await catalog.select('retention_model', 1);
  await catalog.select('churn_metrics', 0);
  await page.screenshot({ path: 'docs/screenshots/catalog.png' });

  // Delete one version: v1 goes, v0 and v2 stay, the session stays.
  const before = await rowCounts(page);
  await catalog.open('retention_model', 1);
  await catalog.deleteArtifact('version');
  await expect(page.getByTestId('artifact-heading')).toHaveText('retention_model:2');
  await catalog.goto('versions');
  await expect.poll(async () => (await catalog.keys()).filter((k) => k.startsWith('retention_model'))).toEqual(['retention_model:2', 'retention_model:0']);
  const after = await rowCounts(page);
  expect(after.artifacts).toBe(before.artifacts - 1);
  expect(after.sessions).toBe(before.sessions);
  expect(after.nodes).toBe(before.nodes);

  // Delete all versions: back to the catalog, the name is gone.
  await catalog.open('retention_model', 2);
  await catalog.deleteArtifact('all');
  await expect(page).toHaveURL(/\/artifacts$/);
  await catalog.waitForRows();
  await expect(catalog.row('retention_model')).toHaveCount(0);
  await expect.poll(() => catalog.keys()).toHaveLength(3);
  expect((await rowCounts(page)).artifacts).toBe(before.artifacts - 3);
  await page.goto('/a/retention_model/2');
  await expect(page.getByRole('alert')).toContainText('There is no artifact named "retention_model"');
});

test('catalog: empty state with a hint', async ({ page }) => {
  // The sample notebook is ingested on the first visit; clear it from Settings.
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await page.goto('/settings');
  await page.getByTestId('clear-data').click();
  await page.getByTestId('confirm-clear').click();
  await expect(page.getByText('All data was deleted')).toBeVisible();
  const catalog = new CatalogPage(page);
  await catalog.goto();
  await expect(page.getByTestId('catalog-empty')).toContainText('No artifacts yet');
  await expect(page.getByTestId('catalog-empty')).toContainText('Name as artifact');
});
