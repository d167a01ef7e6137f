import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { openSampleGraph } from './page-models/GraphPage';
import { CatalogPage } from './page-models/CatalogPage';
import { SettingsPage } from './page-models/SettingsPage';
import { rowCounts } from './page-models/common';

async function sampleWithArtifacts(page: import('@playwright/test').Page): Promise<void> {
  const graph = await openSampleGraph(page);
  await graph.select('model = LogisticRegression');
  await graph.nameAsArtifact('retention_model');
  await expect(page.getByTestId('notice')).toHaveText(/Saved retention_model:0/);
  await graph.nameAsArtifact('retention_model');
  await expect(page.getByTestId('notice')).toHaveText(/Saved retention_model:1/);
  const catalog = new CatalogPage(page);
  await catalog.goto('versions');
  await catalog.open('retention_model', 0);
  await catalog.editMeta('first try', 'stage=dev\nowner=ada');
}

test('bundle round trip: export, clear, import gives the same catalog', async ({ page }) => {
  await sampleWithArtifacts(page);
  const catalog = new CatalogPage(page);
  await catalog.goto('versions');
  const before = await catalog.snapshot();
  const countsBefore = await rowCounts(page);
  expect(before).toHaveLength(5);

  const settings = new SettingsPage(page);
  await settings.goto();
  const download = await settings.exportBundle();
  expect(download.suggestedFilename()).toMatch(/^threadline-bundle-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as { format: string; version: number; artifacts: unknown[] };
  expect(bundle.format).toBe('threadline-bundle');
  expect(bundle.version).toBe(1);
  expect(bundle.artifacts).toHaveLength(5);

  await settings.clearAll();
  expect(Object.values(await rowCounts(page)).every((n) => n === 0)).toBe(true);
  await catalog.goto();
  await expect(page.getByTestId('catalog-empty')).toBeVisible();

  await settings.goto();
  await settings.importBundle(file);
  await expect(page.getByTestId('import-result')).toHaveText('Imported 1 new session and 5 artifact versions.');
  await page.getByTestId('persist-storage').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/settings.png' });
  expect(await rowCounts(page)).toEqual(countsBefore);
  await catalog.goto('versions');
  expect(await catalog.snapshot()).toEqual(before);
  await catalog.open('retention_model', 0);
  await expect(page.getByTestId('artifact-tags')).toContainText('owner=ada');
  await expect(page.getByTestId('slice-code')).toContainText('LogisticRegression');
});

test('a corrupted bundle shows the error with the path and changes nothing', async ({ page }) => {
  await sampleWithArtifacts(page);
  const catalog = new CatalogPage(page);
  await catalog.goto('versions');
  const before = await catalog.snapshot();
  const countsBefore = await rowCounts(page);

  const settings = new SettingsPage(page);
  await settings.goto();
  const good = JSON.parse(readFileSync(await (await settings.exportBundle()).path(), 'utf8')) as {
    artifacts: Array<Record<string, unknown>>;
  };

  // A wrong type deep inside: the message names the JSON path.
  const bad = structuredClone(good);
  bad.artifacts[1].version = 'one';
  await settings.importBundle({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = settings.section.getByRole('alert');
  await expect(alert).toContainText('artifacts[1].version');
  await expect(alert).toContainText('Nothing was changed.');
  expect(await alert.textContent()).not.toMatch(/at \w+ \(|Error:/);

  // Not JSON at all.
  await settings.importBundle({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good).slice(0, 500)) });
  await expect(alert).toContainText('not valid JSON');

  expect(await rowCounts(page)).toEqual(countsBefore);
  await catalog.goto('versions');
  expect(await catalog.snapshot()).toEqual(before);
});
