/**
 * Notebook sections in the Cells view: markdown headings become labelled bands behind their
 * cells (a fixture with three headed sections, one heading holding HTML that must stay text),
 * and the largest corpus notebook read as its sections, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CORPUS_DIR, largestCorpusNotebook } from './page-models/corpus';
import { openIngestedGraph } from './page-models/GraphPage';



/** Waits until the viewport stops moving (a fit animates). */
async function settled(page: Page) {
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  let before = await transform();
  await expect(async () => {
    await page.waitForTimeout(250);
    const now = await transform();
    const same = now === before;
    before = now;
    expect(same).toBe(true);
  }).toPass({ timeout: 10_000 });
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, 'on screen').not.toBeNull();
  return b!;
}

test('three headed sections become three labelled bands around their cells', async ({ page }) => {
  const graph = await openIngestedGraph(page, 'e2e/fixtures/sections.ipynb', 'cells');
  const bands = page.getByTestId('section-band');
  await expect(bands).toHaveCount(3);
  // The HTML in the second heading is dropped, its entity decoded: text, never markup.
  await expect(bands.locator('.section-band-text')).toHaveText(['Load the data', 'Clean & check', 'Summarise']);
  // Each carries the heading above it for context.
  await expect(bands.locator('.section-band-parent')).toHaveText(['Sales report › ', 'Sales report › ', 'Sales report › ']);
  await expect(bands.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
  // A heading inside a code fence makes no section; "# Sales report" has no code of its own.
  await expect(page.getByText('Not a heading')).toHaveCount(0);
  await expect(page.locator('.section-band-text', { hasText: 'Sales report' })).toHaveCount(0);

  // Show it all, then check each cell sits inside its own band, and the bands read top to bottom.
  if (await page.getByTestId('fit-all').isVisible()) await page.getByTestId('fit-all').click();
  await expect(graph.cells).toHaveCount(6);
  await settled(page);
  const sections: Array<[string, string[]]> = [
    ['Load the data', ['cell 3', 'cell 4']],
    ['Clean & check', ['cell 6', 'cell 7']],
    ['Summarise', ['cell 9', 'cell 10']],
  ];
  let lastBottom = -Infinity;
  for (const [label, cells] of sections) {
    const band = await box(bands.filter({ hasText: label }));
    expect(band.y).toBeGreaterThanOrEqual(lastBottom);
    lastBottom = band.y + band.height;
    for (const title of cells) {
      const c = await box(graph.cell(title));
      expect(c.x, `${title} in "${label}"`).toBeGreaterThanOrEqual(band.x);
      expect(c.y, `${title} in "${label}"`).toBeGreaterThan(band.y);
      expect(c.x + c.width).toBeLessThanOrEqual(band.x + band.width + 0.5);
      expect(c.y + c.height).toBeLessThanOrEqual(band.y + band.height + 0.5);
    }
  }
  // Bands are labels, not targets: a click on one goes to the canvas (nothing gets selected),
  // and the cells above them still select.
  await graph.cell('cell 9').click();
  await expect(graph.cell('cell 9')).toHaveAttribute('data-relation', 'selected');
  await expect(graph.cell('cell 6')).toHaveAttribute('data-relation', 'upstream');
  const label = await box(bands.filter({ hasText: 'Summarise' }).locator('.section-band-label'));
  await page.mouse.click(label.x + 4, label.y + label.height / 2);
  await expect(graph.cell('cell 9')).toHaveAttribute('data-relation', 'none');
  await page.screenshot({ path: 'docs/screenshots/cells-sections.png' });

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the largest corpus notebook reads as its sections, light and dark', async ({ page }) => {
  const notebook = largestCorpusNotebook();
  test.skip(notebook === undefined, `the corpus is not here (${CORPUS_DIR}); set CORPUS_DIR`);
  await openIngestedGraph(page, notebook!, 'cells');
  const bands = page.getByTestId('section-band');
  await expect(bands.first()).toBeAttached();
  expect(await bands.count()).toBeGreaterThan(3);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/cells-sections-corpus.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/screenshots/cells-sections-corpus-dark.png' });
  // Zoomed out two steps: several sections at once, their labels still readable.
  await page.emulateMedia({ colorScheme: 'light' });
  for (let i = 0; i < 2; i++) await page.locator('.react-flow__controls-zoomout').click();
  await settled(page);
  const labelPx = await bands.locator('.section-band-text').first().evaluate((el) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    return parseFloat(getComputedStyle(el).fontSize) * m.a;
  });
  expect(labelPx).toBeGreaterThanOrEqual(11);
  await page.screenshot({ path: 'docs/screenshots/cells-sections-corpus-overview.png' });
});
