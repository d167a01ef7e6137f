/**
 * Issue 14: a statement that writes a file offers "Name what this writes"; the artifact's
 * slice is the code that produces the file.
 */
import { test, expect } from './fixtures';
import { openIngestedGraph } from './page-models/GraphPage';

test('a with block that writes a file: name what it writes, and its slice shows the block', async ({ page }) => {
  const graph = await openIngestedGraph(page, 'e2e/fixtures/report_writer.ipynb');

  // A statement that writes nothing outside does not offer it.
  await graph.select('summary = len(records)');
  await expect(graph.panel.getByTestId('name-write')).toHaveCount(0);

  await graph.select('with open("report.txt"');
  await expect(graph.panel.getByTestId('name-write')).toHaveText('Name what this writes');
  await expect(graph.panel.getByTestId('write-target')).toHaveText(/writes report\.txt/);
  await page.screenshot({ path: 'docs/screenshots/side-effect-panel.png' });

  expect(await graph.nameWhatThisWrites('report')).toContain('report:0');
  await expect(page.getByTestId('notice')).toHaveText(/Saved report:0/);

  await page.goto('/a/report/0');
  await expect(page.getByTestId('artifact-heading')).toHaveText('report:0');
  const code = page.getByTestId('slice-code');
  await expect(code).toContainText('with open("report.txt", "w") as f:');
  await expect(code).toContainText('f.write(json.dumps(r) + "\\n")');
  await expect(code).toContainText('records = [{"id": 1, "ok": True}, {"id": 2, "ok": False}]');
  await expect(code).not.toContainText('summary');
  await expect(code).not.toContainText('text = open');
  await page.screenshot({ path: 'docs/screenshots/side-effect-artifact.png' });
});
