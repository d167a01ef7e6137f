/**
 * The sessions list at scale (issue 16.6) and grouped by notebook (17.3), in real Chromium
 * with real IndexedDB: long names stay inside their cell, dates stay on one line, the delete
 * button stays on screen, the name search, the delete confirmation that names what goes with
 * the session, and two versions of the same file under one notebook.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';

const LONG = `${'quarterly_revenue_forecast_by_region_and_product_line_'.repeat(3)}`.slice(0, 117) + '.py';

const script = (...saves: string[]) => Buffer.from(['import lineapy', 'total = 40 + 2', 'extra = total * 2', ...saves.map((n) => `lineapy.save(${n.split(':')[0]}, "${n.split(':')[1]}")`), ''].join('\n'));

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** How many line boxes the element's text takes (one rect per line for inline text). */
function lineBoxes(cell: Locator): Promise<number> {
  return cell.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  });
}

test('a 120-character name stays inside its cell, the date on one line and Delete on screen, at 1024 and 1440 px', async ({ page }) => {
  expect(LONG).toHaveLength(120);
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffer(LONG, script('total:spec_long'));
  await sessions.expectAdded(LONG);
  const row = sessions.row(LONG);
  for (const width of [1024, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    const cell = row.getByTestId('session-name-cell');
    const fit = await cell.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(fit.scroll, `name cell at ${width}px`).toBeLessThanOrEqual(fit.client);
    // The name is cut visibly, but its tooltip and accessible name are the whole name.
    const text = row.locator('.session-name-text');
    expect(await text.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(row.getByRole('link', { name: LONG, exact: true })).toHaveAttribute('title', LONG);
    const del = await row.getByRole('button', { name: `Delete ${LONG}` }).boundingBox();
    expect(del).not.toBeNull();
    expect(del!.x).toBeGreaterThanOrEqual(0);
    expect(del!.x + del!.width, `Delete at ${width}px`).toBeLessThanOrEqual(width);
    for (const r of [row, sessions.row('churn_analysis.ipynb')]) expect(await lineBoxes(r.getByTestId('session-date')), `date at ${width}px`).toBe(1);
  }
});

test('the search filters by name as you type, is kept in the URL, and clears', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestFile('e2e/fixtures/prices.py');
  await sessions.expectAdded('prices.py');
  await expect(sessions.rows).toHaveCount(2);
  await sessions.search.fill('PRIC');
  await expect(sessions.rows).toHaveCount(1);
  await expect(sessions.row('prices.py')).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=PRIC/);
  await page.reload();
  await expect(sessions.search).toHaveValue('PRIC');
  await expect(sessions.rows).toHaveCount(1);
  await sessions.search.fill('no such notebook');
  await expect(sessions.rows).toHaveCount(0);
  await expect(page.getByTestId('sessions-no-match')).toContainText('no such notebook');
  await sessions.search.fill('');
  await expect(sessions.rows).toHaveCount(2);
  await expect(page).not.toHaveURL(/q=/);
});

test('two versions of one file are one notebook; each opens its graph; delete names the artifacts, Escape cancels', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffer('report.py', script('total:spec_total'));
  await sessions.expectAdded('report.py');
  await sessions.ingestBuffer('report.py', script('total:spec_total', 'extra:spec_extra'));
  await expect(sessions.row('report.py').getByTestId('session-versions')).toContainText('2 versions', { timeout: 30_000 });

  // One row for the notebook, newest first; expanding shows the older version.
  await expect(sessions.rows).toHaveCount(2);
  await expect(sessions.notebookRows('report.py')).toHaveCount(1);
  const head = sessions.row('report.py');
  await expect(head).toHaveAttribute('data-version', '2');
  await head.getByTestId('session-versions').click();
  await expect(head.getByTestId('session-versions')).toHaveAttribute('aria-expanded', 'true');
  const older = sessions.versionRows.and(page.locator('[data-notebook-key="report.py"]'));
  await expect(older).toHaveCount(1);
  await expect(older).toHaveAttribute('data-version', '1');
  const ids = await sessions.notebookRows('report.py').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')));
  expect(new Set(ids).size).toBe(2);

  // Each version opens its own graph.
  await older.getByRole('button', { name: 'Open report.py version 1' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${ids[1]}$`));
  await expect(page.getByTestId('session-title')).toHaveText('report.py');
  await page.goBack();
  await head.getByRole('button', { name: 'Open report.py' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${ids[0]}$`));
  await sessions.goto();

  // Deleting the older version: the app's dialog names its artifact; Escape cancels.
  await head.getByTestId('session-versions').click();
  const deleteOld = older.getByRole('button', { name: 'Delete report.py version 1' });
  await sessions.askToDelete(older);
  const dialog = sessions.deleteDialog;
  await expect(dialog.getByRole('heading', { name: 'Delete report.py?' })).toBeVisible();
  await expect(dialog).toContainText('version 1 of 2');
  await expect(dialog.getByTestId('delete-artifacts').getByRole('listitem')).toHaveText(['spec_total version 0']);
  await expect(dialog.getByTestId('delete-runs')).toHaveText('It has no runs.');
  await expect(page.getByTestId('confirm-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(deleteOld).toBeFocused();
  await expect(older).toHaveCount(1);

  // The newest version lists its own artifact: spec_total's slice did not change, so it followed
  // as "same code as v0" and stays with version 1 (artifacts follow the notebook, issue 17.6).
  await sessions.askToDelete(head);
  await expect(dialog.getByTestId('delete-artifacts').getByRole('listitem')).toHaveText([/^spec_extra version \d+$/]);
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);

  // Confirming deletes the older version only.
  await sessions.askToDelete(older);
  await dialog.getByTestId('confirm-ok').click();
  await expect(dialog).toHaveCount(0);
  await expect(sessions.notebookRows('report.py')).toHaveCount(1);
  await expect(head.getByTestId('session-versions')).toHaveCount(0);
  await expect(head).toHaveAttribute('data-session-id', ids[0]!);
});

test('dropping the same bytes again shows as a version marked "same content"', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  for (let i = 0; i < 2; i++) {
    await sessions.ingestBuffer('same.py', script('total:spec_same'));
    await expect(sessions.queued('same.py')).toHaveAttribute('data-status', 'added', { timeout: 30_000 });
  }
  const head = sessions.row('same.py');
  // Today a re-drop of identical content is stored as a new session (issue 17.3 will refuse it);
  // either way the list shows one notebook and says when two versions are the same file.
  const versions = head.getByTestId('session-versions');
  if ((await versions.count()) > 0) {
    await expect(versions).toContainText('2 versions');
    await expect(head.getByTestId('session-version-note')).toHaveText('v2 · latest · same content as v1');
  }
  await expect(sessions.notebookRows('same.py')).toHaveCount(1);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`grouped list and delete dialog: axe clean, screenshots (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    const sessions = new SessionsPage(page);
    await sessions.goto();
    await sessions.waitForSample();
    await sessions.ingestBuffer('report.py', script('total:spec_total'));
    await sessions.expectAdded('report.py');
    await sessions.ingestBuffer('report.py', script('total:spec_total', 'extra:spec_extra'));
    await expect(sessions.row('report.py').getByTestId('session-versions')).toBeVisible({ timeout: 30_000 });
    await sessions.ingestBuffer(LONG, script('total:spec_long'));
    await sessions.expectAdded(LONG);
    await sessions.row('report.py').getByTestId('session-versions').click();
    await expect(sessions.versionRows).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
    // The queue's summary aside, so the screenshot shows the whole list.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await sessions.versionRows.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `docs/screenshots/sessions-grouped-${scheme}.png` });
    await sessions.askToDelete(sessions.row('report.py'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `docs/screenshots/sessions-delete-${scheme}.png` });
  });
}
