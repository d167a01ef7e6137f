/**
 * Issue 18.1 and 18.4 in the app: the "Fine slice" switch on the artifact page and in the graph
 * toolbar (one stored setting, off by default), both slices' line counts, the fine vs
 * whole-block diff side by side, and Verify running the slice shown. The fixture's loop
 * computes two accumulators and prints on a branch; the artifact is one accumulator. A
 * second fixture has a helper function whose prints and counting the fine slice drops (18.3).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openIngestedGraph } from './page-models/GraphPage';
import { NameDialog } from './page-models/NameDialog';
import { VariablesExplorer } from './page-models/VariablesExplorer';
import { VerifySlice } from './page-models/VerifySlice';
import { CatalogPage } from './page-models/CatalogPage';
import { PipelineDialog } from './page-models/PipelineDialog';

const FIXTURE = 'e2e/fixtures/accumulators.py';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Ingests the fixture, names the latest binding of `total` from the variables explorer and opens its page. */
async function nameTotal(page: Page): Promise<void> {
  await openIngestedGraph(page, FIXTURE);
  await expect(page.getByTestId('graph-fine-slice')).not.toBeChecked();
  const vars = new VariablesExplorer(page);
  await vars.open();
  await vars.expand('total');
  await vars.variable('total').getByTestId('variable-name-artifact').click();
  const dialog = new NameDialog(page);
  await expect(dialog.dialog).toBeVisible();
  expect(await dialog.save('loop_total')).toContain('loop_total:0');
  const link = page.getByTestId('notice').getByTestId('saved-link');
  await link.click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('loop_total:0');
}

test('Fine slice on the artifact page: the slice shrinks, the diff shows the dropped lines, the graph agrees, a reload keeps it', async ({ page }) => {
  await nameTotal(page);
  const code = page.getByTestId('slice-code');
  const fine = page.getByTestId('fine-slice');

  // Off by default: the whole-block slice, the loop whole; both counts shown.
  await expect(fine).not.toBeChecked();
  await expect(page.getByTestId('verify-what')).toHaveText(' (whole-block, 8 lines)');
  await expect(page.getByTestId('slice-counts')).toHaveText('fine: 4 lines · whole-block: 8 lines');
  await expect(code).toContainText('squares += i * i');
  await expect(page.getByTestId('fine-diff')).toHaveCount(0);
  const sliceGraph = page.getByTestId('slice-graph');
  await expect(sliceGraph.getByTestId('graph-node').filter({ hasText: 'squares = 0' })).toHaveCount(1);

  await fine.check();
  await expect(code).not.toContainText('squares');
  await expect(code).toContainText('for i in range(n):');
  await expect(code).toContainText('total += i');
  await expect(page.getByTestId('verify-what')).toHaveText(' (fine, 4 lines)');
  // The slice graph draws what the fine slice keeps.
  await expect(sliceGraph.getByTestId('graph-node').filter({ hasText: 'total = 0' })).toHaveCount(1);
  await expect(sliceGraph.getByTestId('graph-node').filter({ hasText: 'squares = 0' })).toHaveCount(0);
  const diff = page.getByTestId('fine-diff');
  await expect(diff).toContainText('The fine slice drops 4 lines.');
  await expect(page.getByTestId('fine-diff-whole').locator('.source-line.removed')).toHaveText(['−squares = 0', '−    squares += i * i', '−    if i % 3 == 0:', '−        print("step", i, squares)']);
  await expect(page.getByTestId('fine-diff-fine').locator('.source-line.filler')).toHaveCount(4);
  await expect(page.getByTestId('fine-diff-fine').locator('.source-line.same')).toHaveText([' n = 10', ' total = 0', ' for i in range(n):', '     total += i']);
  // Text, never HTML.
  expect(await diff.locator('pre *:not(span)').count()).toBe(0);

  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('.artifact-layout > section.card').first().screenshot({ path: 'docs/screenshots/fine-slice-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator('.artifact-layout > section.card').first().screenshot({ path: 'docs/screenshots/fine-slice-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // The setting survives a reload.
  await page.reload();
  await expect(page.getByTestId('artifact-heading')).toHaveText('loop_total:0');
  await expect(fine).toBeChecked();
  await expect(code).not.toContainText('squares');

  // The graph toolbar shows the same switch; turning it off there turns it off here.
  await page.getByTestId('artifact-node-link').click();
  const graphFine = page.getByTestId('graph-fine-slice');
  await expect(graphFine).toBeChecked();
  await page.locator('.graph-toolbar').screenshot({ path: 'docs/screenshots/fine-slice-toolbar.png' });
  await graphFine.uncheck();
  await expect(graphFine).not.toBeChecked();
  await page.goBack();
  await expect(page.getByTestId('artifact-heading')).toHaveText('loop_total:0');
  await expect(fine).not.toBeChecked();
  await expect(code).toContainText('squares += i * i');

  // Settings has the same switch.
  await page.goto('/settings');
  const settingsFine = page.getByTestId('settings-fine-slice');
  await expect(settingsFine).not.toBeChecked();
  await settingsFine.check();
  await page.reload();
  await expect(settingsFine).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
});

test('Verify runs the fine slice when it is shown', async ({ page }) => {
  await nameTotal(page);
  await page.getByTestId('fine-slice').check();
  await expect(page.getByTestId('slice-code')).not.toContainText('squares');
  // The card names the slice it will run: the one shown, 4 lines, not the 8-line whole-block one.
  await expect(page.getByTestId('verify-what')).toHaveText(' (fine, 4 lines)');
  const verify = new VerifySlice(page);
  expect(await verify.verify()).toBe(true);
  await expect(verify.result).toHaveAttribute('data-verdict', 'same');
  await expect(verify.result).toContainText('45');
  // The stored result says which slice it checked, and keeps saying it after a reload.
  await expect(page.getByTestId('verify-mode')).toHaveText(' · fine slice');
  await expect(page.getByTestId('verify-mode')).toHaveAttribute('data-mode', 'fine');
  await page.getByTestId('verify-slice').screenshot({ path: 'docs/screenshots/verify-fine-slice.png' });
  await page.reload();
  await expect(page.getByTestId('artifact-heading')).toHaveText('loop_total:0');
  await expect(verify.result).toHaveAttribute('data-verdict', 'same');
  await expect(page.getByTestId('verify-mode')).toHaveText(' · fine slice');

  // Verified again with the switch off, it records the whole-block slice.
  await page.getByTestId('fine-slice').uncheck();
  await expect(page.getByTestId('verify-what')).toHaveText(' (whole-block, 8 lines)');
  expect(await verify.verify()).toBe(true);
  await expect(page.getByTestId('verify-mode')).toHaveText(' · whole-block slice');
  // The artifacts list's badge names it in its title.
  await page.goto('/artifacts');
  await expect(page.getByTestId('verified-badge')).toHaveAttribute('title', /\(whole-block slice\): same value/);
});

test('A fine slice trims the helper function it keeps, and Verify runs it', async ({ page }) => {
  await openIngestedGraph(page, 'e2e/fixtures/helper-function.py');
  const vars = new VariablesExplorer(page);
  await vars.open();
  await vars.expand('cleaned');
  await vars.variable('cleaned').getByTestId('variable-name-artifact').click();
  const dialog = new NameDialog(page);
  expect(await dialog.save('cleaned_values')).toContain('cleaned_values:0');
  await page.getByTestId('notice').getByTestId('saved-link').click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('cleaned_values:0');
  const code = page.getByTestId('slice-code');
  await expect(code).toContainText('print("cleaning"');
  await page.getByTestId('fine-slice').check();
  // The helper keeps its docstring, loop and return; its prints and counting go.
  await expect(code).not.toContainText('print(');
  await expect(code).not.toContainText('dropped');
  await expect(code).toContainText('"""Keep the values above the floor, doubled."""');
  await expect(code).toContainText('kept.append(v * 2)');
  await expect(code).toContainText('return kept');
  await expect(page.getByTestId('fine-diff-whole').locator('.source-line.removed')).toHaveText([
    '−    print("cleaning", len(values), "values")',
    '−    before = len(values)',
    '−    dropped = before - len(kept)',
    '−    print(f"dropped {dropped}")',
  ]);
  const verify = new VerifySlice(page);
  expect(await verify.verify()).toBe(true);
  await expect(verify.result).toHaveAttribute('data-verdict', 'same');
  await expect(verify.result).toContainText('[6, 8, 10]');
  await page.locator('.artifact-layout > section.card').first().screenshot({ path: 'docs/screenshots/fine-slice-helper.png' });
});

test('Export pipeline honours the Fine slice switch', async ({ page }) => {
  await nameTotal(page);
  const catalog = new CatalogPage(page);
  await catalog.goto();
  await catalog.select('loop_total');
  await catalog.exportButton.click();
  const dialog = new PipelineDialog(page);
  await dialog.waitOpen();
  const fine = dialog.dialog.getByTestId('pipeline-fine-slice');
  await expect(fine).not.toBeChecked();
  await dialog.show('loop_total_module.py');
  await expect(dialog.file).toContainText('squares += i * i');
  await fine.check();
  await expect(dialog.file).not.toContainText('squares');
  await expect(dialog.file).toContainText('total += i');
  await dialog.dialog.screenshot({ path: 'docs/screenshots/pipeline-fine.png' });
  expect(await seriousViolations(page)).toEqual([]);
  // The switch is the stored setting: the artifact page shows it on.
  await page.keyboard.press('Escape');
  await page.goto('/a/loop_total/0');
  await expect(page.getByTestId('fine-slice')).toBeChecked();
});
