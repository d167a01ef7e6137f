/** Issue 13: names are what they look like; tags with commas; exports with control characters; huge tag lists. */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage, openSampleGraph } from './page-models/GraphPage';
import { NameDialog } from './page-models/NameDialog';
import { TagEditor } from './page-models/TagEditor';
import { CatalogPage } from './page-models/CatalogPage';

const COMPOSED = 'caf\u00e9_model';
const DECOMPOSED = 'cafe\u0301_model';

async function nameSampleNode(page: Page): Promise<NameDialog> {
  const graph = await openSampleGraph(page);
  await graph.select('model = LogisticRegression');
  return new NameDialog(page);
}

test('the name dialog refuses invisible, bidi, dot and look-alike names with a sentence', async ({ page }) => {
  const dialog = await nameSampleNode(page);
  await dialog.open();
  expect(await dialog.save('retention_model')).toContain('retention_model:0');

  await dialog.open();
  expect(await dialog.expectRefused('\u200b\u200b\u200b')).toContain('needs at least one visible character');
  expect(await dialog.expectRefused('\u3164')).toContain('needs at least one visible character');
  expect(await dialog.expectRefused('model\u202egnp.exe')).toContain('cannot contain characters that change the text direction');
  expect(await dialog.expectRefused('.')).toContain('cannot be named "."');
  expect(await dialog.expectRefused('..')).toContain('cannot be named ".."');
  expect(await dialog.expectRefused('Retention_Model')).toContain('looks like the existing artifact "retention_model"');
  expect(await dialog.expectRefused('retention_model\u200b')).toContain('looks like the existing artifact "retention_model"');
  await dialog.dialog.screenshot({ path: 'docs/screenshots/name-refusal.png' });
  await dialog.cancel();

  // café_model typed composed, then decomposed: one name (NFC), so the second is version 1 — not a second v0.
  await dialog.open();
  expect(await dialog.save(COMPOSED)).toContain(`${COMPOSED}:0`);
  await dialog.open();
  expect(await dialog.save(DECOMPOSED)).toContain(`${COMPOSED}:1`);
  await dialog.open();
  expect(await dialog.expectRefused('CAF\u00c9_MODEL')).toContain(`looks like the existing artifact "${COMPOSED}"`);
  await dialog.cancel();

  const catalog = new CatalogPage(page);
  await catalog.goto('versions');
  const keys = await catalog.keys();
  expect(keys.filter((k) => !k.startsWith('churn_'))).toEqual([`${COMPOSED}:1`, `${COMPOSED}:0`, 'retention_model:0']);
});

test('a tag with a comma round-trips through the editor and a reload; more than 100 tags is refused', async ({ page }) => {
  const dialog = await nameSampleNode(page);
  await dialog.open();
  await dialog.save('tagged_model');
  const catalog = new CatalogPage(page);
  await catalog.goto();
  await catalog.open('tagged_model', 0);

  const editor = new TagEditor(page);
  const text = 'owner=Smith, John\nexpr=a = b, c\nnote="line one\\nline two"\nreviewed';
  await editor.edit();
  await editor.textarea.fill(text);
  await expect(editor.count).toHaveText('4 tags of at most 100.');
  await page.getByTestId('artifact-meta').screenshot({ path: 'docs/screenshots/tag-editor.png' });
  await editor.save();
  await expect(page.getByTestId('edit-meta')).toBeVisible();
  const expected = ['owner=Smith, John', 'expr=a = b, c', 'note=line one\nline two', 'reviewed'];
  await expect(editor.tags).toHaveText(expected.map((t) => t.replace('\n', ' ')));

  await page.reload();
  await expect(editor.tags).toHaveCount(4);
  await expect(editor.tags.first()).toHaveText('owner=Smith, John');
  await page.getByTestId('artifact-meta').screenshot({ path: 'docs/screenshots/tag-chips.png' });
  await editor.edit();
  await expect(editor.textarea).toHaveValue(text);

  // The catalog row shows the same single tag, and clicking it filters to this artifact.
  await catalog.goto();
  await expect(catalog.row('tagged_model', 0).getByTestId('artifact-tag').first()).toHaveText('owner=Smith, John');
  await catalog.row('tagged_model', 0).getByTestId('artifact-tag').first().click();
  await expect(catalog.filter).toHaveValue('tag:"owner=Smith, John"');
  await expect(catalog.rows).toHaveCount(1);

  // 101 tags: the editor counts them and the store refuses them with a sentence; nothing changes.
  await catalog.open('tagged_model', 0);
  await editor.edit();
  await editor.textarea.fill(Array.from({ length: 101 }, (_, i) => `k${i}=v`).join('\n'));
  await expect(editor.count).toContainText('101 tags: an artifact can have at most 100, so remove 1 before saving.');
  await editor.save();
  await expect(page.getByRole('alert')).toContainText('An artifact can have at most 100 tags; this list has 101. Remove 1 and save again.');
  await page.reload();
  await expect(editor.tags).toHaveCount(4);
});

test('50,000 tags stored by an old bundle are shown truncated and do not block the catalog', async ({ page }) => {
  const dialog = await nameSampleNode(page);
  await dialog.open();
  await dialog.save('many_tags');
  // Write the tags straight into IndexedDB, as an old build importing an old bundle would have.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('threadline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('artifacts', 'readwrite');
          const store = tx.objectStore('artifacts');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const a of all.result as Array<{ tags: unknown[]; tagKeys: string[] }>) {
              a.tags = Array.from({ length: 50_000 }, (_, i) => ({ key: 'k', value: `v${i}` }));
              a.tagKeys = ['k'];
              store.put(a);
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const catalog = new CatalogPage(page);
  const started = Date.now();
  await catalog.goto();
  await expect(catalog.row('many_tags', 0).getByTestId('more-tags')).toHaveText('+49,990 more');
  console.log(`catalog with a 50,000-tag artifact: rows shown after ${Date.now() - started} ms`);
  await expect(catalog.row('many_tags', 0).getByTestId('artifact-tag')).toHaveCount(10);

  const opened = Date.now();
  await catalog.row('many_tags', 0).getByTestId('more-tags').click();
  const editor = new TagEditor(page);
  await expect(editor.more).toHaveText('+49,900 more');
  console.log(`artifact page with 50,000 tags: shown after ${Date.now() - opened} ms`);
  await expect(editor.tags).toHaveCount(100);
});

test('a file name with a right-to-left override shows the override instead of a false extension', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const name = 'invoice\u202efdp.py';
  await sessions.ingestBuffer(name, Buffer.from('x = 1\n'), 'text/x-python');
  await expect(page.getByRole('status').filter({ hasText: 'Added invoice⟨U+202E⟩fdp.py' })).toBeVisible({ timeout: 30_000 });
  const link = sessions.rows.getByRole('link').filter({ hasText: 'invoice⟨U+202E⟩fdp.py' });
  await expect(link).toBeVisible();
  expect(await link.textContent()).not.toContain('\u202e');
  await link.click();
  await expect(page.getByTestId('session-title')).toHaveText('invoice⟨U+202E⟩fdp.py');
});

async function download(page: Page, testId: string): Promise<Buffer> {
  await page.locator('summary', { hasText: 'Export' }).click();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile((await (d as Download).path())!);
}

test('SVG export of labels with control characters is well-formed XML, and PNG export works', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const code = 'banner = "\u001b[31mred\u0007\u000b\u000c"\nshout = banner.upper()\n';
  await sessions.ingestBuffer('controls.py', Buffer.from(code), 'text/x-python');
  await sessions.expectAdded('controls.py');
  await sessions.open('controls.py');
  const graph = new GraphPage(page);
  await graph.waitForLayout();

  const svg = (await download(page, 'export-svg')).toString('utf8');
  // The view folds VT and FF into spaces (they are whitespace); ESC and BEL reach the exporter.
  // eslint-disable-next-line no-control-regex
  expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, labels: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.labels.join('\n')).toContain('banner = "␛[31mred␇');

  const png = await download(page, 'export-png');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const dot = (await download(page, 'export-dot')).toString('utf8');
  const mermaid = (await download(page, 'export-mermaid')).toString('utf8');
  for (const text of [dot, mermaid]) expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f]/); // eslint-disable-line no-control-regex
});
