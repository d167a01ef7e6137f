import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { openSampleGraph } from './page-models/GraphPage';
import { CatalogPage } from './page-models/CatalogPage';
import { rowCounts } from './page-models/common';
import { CatalogPager, seedArtifacts, seedSessions } from './page-models/CatalogPager';

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
  await catalog.editMeta('Logistic regression, C=0.5', 'stage=prod\nteam=ml\nteam=growth');
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

test('catalog: pages of 50 keep sort, filter and view in the URL; selection spans pages', async ({ page }) => {
  // 110 bulk names (the first 20 with two versions) plus the sample's 3 names: 113 names, 133 versions.
  expect(await seedArtifacts(page, { names: 110, twice: 20 })).toBe(130);
  const catalog = new CatalogPage(page);
  const pager = new CatalogPager(page);
  await catalog.goto();

  // Page 1 of 3, newest first: the sample's artifacts, then bulk_109 downwards.
  await expect(catalog.rows).toHaveCount(50);
  await expect(pager.count).toHaveText('1–50 of 113 names');
  await pager.expectPage(1, 3);
  await expect(pager.top.getByTestId('page-previous')).toBeDisabled();
  await expect.poll(async () => (await catalog.keys())[3]).toBe('bulk_109:0');

  // Next (top), then Next at the bottom of the table: the last page has the 13 oldest names.
  await pager.next();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(pager.count).toHaveText('51–100 of 113 names');
  await expect.poll(async () => (await catalog.keys())[0]).toBe('bulk_062:0');
  await pager.next('bottom');
  await pager.expectPage(3, 3);
  await expect(catalog.rows).toHaveCount(13);
  await expect(pager.count).toHaveText('101–113 of 113 names');
  await expect(pager.top.getByTestId('page-next')).toBeDisabled();
  await expect.poll(async () => (await catalog.keys()).at(-1)).toBe('bulk_000:1');

  // Reload and back/forward keep the page.
  await page.reload();
  await pager.expectPage(3, 3);
  await page.goBack();
  await pager.expectPage(2, 3);
  await expect.poll(async () => (await catalog.keys())[0]).toBe('bulk_062:0');
  await page.goForward();
  await pager.expectPage(3, 3);

  // A new sort starts at page 1 and the sort is kept while paging.
  await page.getByTestId('sort-name').click();
  await pager.expectPage(1, 3);
  await expect.poll(async () => (await catalog.keys())[0]).toBe('bulk_000:1');
  await pager.next();
  await expect(page).toHaveURL(/sort=name%3Aasc&page=2|page=2&sort=name%3Aasc/);
  await expect.poll(async () => (await catalog.keys())[0]).toBe('bulk_050:0');

  // A filter goes back to page 1 and pages its own matches; the sort stays.
  await catalog.filter.fill('bulk_');
  await pager.expectPage(1, 3);
  await expect(page).not.toHaveURL(/page=/);
  await expect(pager.count).toHaveText('1–50 of 110 names match · 133 artifact versions in all');
  await expect.poll(async () => (await catalog.keys())[0]).toBe('bulk_000:1');
  await pager.last();
  await expect(catalog.rows).toHaveCount(10);
  await catalog.filter.fill('tag:batch=tenth');
  await expect(catalog.rows).toHaveCount(11);
  await expect(pager.top).toHaveCount(0);
  await expect(pager.count).toHaveText('11 names match · 133 artifact versions in all');
  await catalog.filter.fill('');

  // Every version: 133 rows on 3 pages; the view change also starts at page 1.
  await pager.next();
  await page.getByTestId('view-versions').click();
  await pager.expectPage(1, 3);
  await expect(pager.count).toHaveText('1–50 of 133 versions');
  await page.getByRole('button', { name: 'Latest per name' }).click();
  await pager.expectPage(1, 3);

  // Selection: the header box selects this page; the selection survives paging.
  await pager.selectPage.check();
  await expect(pager.count).toContainText('50 selected');
  await expect(pager.selectAll).toHaveText('Select all 113 names');
  await pager.next();
  await expect(pager.selectPage).not.toBeChecked();
  await expect(pager.selectAll).toHaveCount(0);
  await catalog.select('bulk_060');
  await expect(pager.count).toContainText('51 selected (50 on other pages)');
  await pager.previous();
  await expect(pager.selectPage).toBeChecked();
  await page.screenshot({ path: 'docs/screenshots/catalog-paged.png' });
  // "Select all" takes every row of the filtered list on every page (latest version per name here).
  await pager.selectAll.click();
  await expect(pager.count).toContainText('113 selected (63 on other pages)');
  await expect(pager.selectAll).toHaveCount(0);
  await expect(catalog.exportButton).toBeEnabled();
  await pager.clearSelection.click();
  await expect(pager.count).toHaveText('1–50 of 113 names');
  await expect(catalog.exportButton).toBeDisabled();
});

test('sessions list: pages of 50 in the URL; a new ingest shows page 1', async ({ page }) => {
  await seedSessions(page, 60);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  const count = page.getByTestId('sessions-count');
  await expect(count).toHaveText('1–50 of 61 sessions');
  await expect(sessions.rows).toHaveCount(50);
  await page.getByTestId('sessions-pager-bottom').getByTestId('page-next').click();
  await expect(count).toHaveText('51–61 of 61 sessions');
  await expect(sessions.rows).toHaveCount(11);
  // The seeded sessions are older than the sample: the oldest is last.
  await expect(sessions.rows.last()).toContainText('nb_00.ipynb');
  await page.reload();
  await expect(count).toHaveText('51–61 of 61 sessions');
  await sessions.ingestFile('e2e/fixtures/prices.py');
  await sessions.expectAdded('prices.py');
  await expect(count).toHaveText('1–50 of 62 sessions');
  await expect(page).not.toHaveURL(/page=/);
});
