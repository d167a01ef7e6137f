/**
 * UI follow-ups of the merged work: the slice self-check's notes, folded literals in the
 * side panel, and the node limit's one name in Settings and in its refusal.
 */
import { test, expect } from './fixtures';
import { CatalogPage } from './page-models/CatalogPage';
import { GraphPage } from './page-models/GraphPage';
import { PipelineDialog } from './page-models/PipelineDialog';
import { SessionsPage } from './page-models/SessionsPage';
import { SettingsPage } from './page-models/SettingsPage';
import { rowCounts } from './page-models/common';

test('a slice that reads a name the program never defines says so, on the artifact page and in the pipeline dialog; a clean one says nothing', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffer(
    'undefined_read.py',
    Buffer.from('import lineapy\nbase = 2\nlineapy.save(base, "clean_base")\ny = undefined_thing + 1\nlineapy.save(y, "reads_undefined")\n'),
  );
  await sessions.expectAdded('undefined_read.py');

  const catalog = new CatalogPage(page);
  await catalog.goto();
  await catalog.open('reads_undefined');
  const note = catalog.sliceNotes('slice-reads-undefined');
  await expect(note).toHaveText(
    'This slice reads `undefined_thing`, which the notebook never defines: running it fails with a NameError there, as the notebook itself would.',
  );
  await expect(catalog.sliceNotes()).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/artifact-slice-note.png' });

  await catalog.goto();
  await catalog.open('clean_base');
  await expect(page.getByTestId('artifact-heading')).toHaveText('clean_base:0');
  await expect(page.locator('.cm-content, pre.source').first()).toContainText('base = 2');
  await expect(catalog.sliceNotes()).toHaveCount(0);

  await catalog.goto();
  await catalog.select('reads_undefined');
  await catalog.exportButton.click();
  const dialog = new PipelineDialog(page);
  await dialog.waitOpen();
  await expect(dialog.notes).toHaveText([/^get_reads_undefined: This pipeline reads `undefined_thing`, which the notebook never defines/]);
});

test('a keyword argument after a comment: the slice keeps its dependency and needs no note (issue 14)', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestBuffer(
    'weights.py',
    Buffer.from('import lineapy\nweights = {0: 1.0, 1: 3.0}\ndef train(x, w=None):\n    return (x, w)\nresult = train(\n    5,\n    # the weights go here\n    w=weights)\nlineapy.save(result, "trained")\n'),
  );
  await sessions.expectAdded('weights.py');
  const catalog = new CatalogPage(page);
  await catalog.goto();
  await catalog.open('trained');
  await expect(page.locator('.cm-content, pre.source').first()).toContainText('weights = {0: 1.0, 1: 3.0}');
  // The analyser reads the keyword argument, so the safety net adds nothing and there is no note
  // (the note's wording for a repaired slice is unit-tested in src/ui/artifacts/sliceNotes.test.ts).
  await expect(catalog.sliceNotes()).toHaveCount(0);
});

test('a 100,000-element list literal: the side panel shows its first characters and how many elements are left out', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const n = 100_000;
  await sessions.ingestBuffer('long_list.py', Buffer.from(`xs = [${Array.from({ length: n }, (_, i) => i).join(', ')}]\ntotal = sum(xs)\n`));
  await sessions.expectAdded('long_list.py');
  await sessions.open('long_list.py');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  await graph.select('xs = ');
  await expect(graph.panel.getByTestId('panel-source')).toContainText('more characters');
  await expect(graph.panel.getByTestId('panel-dataflow')).toContainText(/\(0, 1, 2, .*… 99,9\d\d more elements/);
  // Nothing near the literal's 600 KB reaches the DOM (the panel, labels and tooltips).
  const size = await page.evaluate(() => document.body.outerHTML.length);
  expect(size).toBeLessThan(200_000);
  await graph.panel.screenshot({ path: 'docs/screenshots/panel-folded-literal.png' });
});

test('the node limit: the Settings label and the refusal use one name, and nothing is stored', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByLabel('Node limit per file')).toBeVisible();
  await expect(await settings.saveNumber('node-budget', '1,000')).toHaveText('Saved. The node limit per file is now 1,000 nodes.');

  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const before = await rowCounts(page);
  const lines = Array.from({ length: 600 }, (_, i) => `v${i} = ${i} + 1`).join('\n');
  await sessions.ingestBuffer('too_many_nodes.py', Buffer.from(`${lines}\n`));
  await expect(sessions.queued('too_many_nodes.py')).toHaveAttribute('data-status', 'refused', { timeout: 30_000 });
  await expect(sessions.queue).toContainText(
    '"too_many_nodes.py" would need more than 1,000 lineage nodes, over the node limit per file, so it was not analysed and nothing was stored. You can raise the “Node limit per file” in Settings.',
  );
  await expect(sessions.row('too_many_nodes.py')).toHaveCount(0);
  expect(await rowCounts(page)).toEqual(before);
  await sessions.queue.screenshot({ path: 'docs/screenshots/ingest-node-limit.png' });
});
