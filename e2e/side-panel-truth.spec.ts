/**
 * Issue 16: the side panel describes one node (header, fields, derivation agree) for a
 * statement that binds nothing (`print(…)`) and for an import; a named node carries a
 * marker with its artifact name; the "Saved" notice links to the artifact.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { openIngestedGraph, panelFacts } from './page-models/GraphPage';

test('the side panel tells the truth about print and import statements; named nodes carry a marker', async ({ page }) => {
  const graph = await openIngestedGraph(page, 'e2e/fixtures/panel_truth.ipynb');

  await graph.select('print(f"x is {x}")');
  const print = await panelFacts(graph);
  expect(print.kind).toBe('Call');
  expect(print.fields.get('kind')).toBe('Call');
  expect(print.fields.get('function')).toMatch(/^print /);
  expect(print.dataflow).not.toMatch(/^value <-- print$/m);
  // Nothing bound, nothing written: no "Name as artifact" that would name the print builtin.
  await expect(graph.panel.getByTestId('name-artifact')).toHaveCount(0);
  await expect(graph.panel.getByTestId('binds-nothing')).toContainText('binds no name');
  await expect(graph.panel.getByTestId('panel-output')).toContainText('x is 1.41');
  await page.emulateMedia({ colorScheme: 'light' });
  await graph.panel.screenshot({ path: 'docs/screenshots/side-panel-print-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await graph.panel.screenshot({ path: 'docs/screenshots/side-panel-print-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await graph.select('from math import sqrt');
  const imp = await panelFacts(graph);
  expect(imp.kind).toBe('Import');
  expect(imp.fields.get('kind')).toBe('Import');
  expect(imp.fields.get('module')).toBe('math');

  await graph.select('x = sqrt(2)');
  expect((await panelFacts(graph)).fields.get('names')).toBe('x');
  await graph.nameAsArtifact('root_two');
  const link = page.getByTestId('notice').getByTestId('saved-link');
  await expect(link).toHaveText('root_two:0');
  await expect(link).toHaveAttribute('href', '/a/root_two/0');

  const marker = graph.node('x = sqrt(2)').getByTestId('artifact-marker');
  await expect(marker).toHaveText(/root_two/);
  await expect(marker).toHaveAttribute('aria-label', 'Artifact: root_two');
  await expect(graph.node('print(f"x is {x}")').getByTestId('artifact-marker')).toHaveCount(0);
  const b = (await graph.node('x = sqrt(2)').boundingBox())!;
  const clip = { x: b.x - 16, y: b.y - 20, width: b.width + 32, height: b.height + 36 };
  await page.screenshot({ path: 'docs/screenshots/named-node-marker-light.png', clip });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'docs/screenshots/named-node-marker-dark.png', clip });

  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, scheme).toEqual([]);
  }

  await link.click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('root_two:0');
});

test('clicking the minimap moves the canvas', async ({ page }) => {
  await openIngestedGraph(page, 'e2e/fixtures/panel_truth.ipynb');
  const viewport = page.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  const map = page.locator('.react-flow__minimap svg');
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + 4, box.y + 4);
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(before);
});
