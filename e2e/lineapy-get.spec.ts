/**
 * Issue 14, point 5: `lineapy.get(name)` with no earlier save in the file reads the artifact
 * from the catalog; the graph's side panel says which version, or warns.
 */
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';

test('a lineapy.get node links to the catalog version it reads, or warns when the name is not stored', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const maker = 'import lineapy\nscores = [1, 2]\nlineapy.save(scores, "scores")\nscores2 = [1, 2, 3]\nlineapy.save(scores2, "scores")\n';
  await sessions.ingestBuffer('maker.py', Buffer.from(maker));
  await sessions.expectAdded('maker.py');
  const reader = 'import lineapy\nres = lineapy.get("scores")\nfirst = lineapy.get("scores", version=0)\nother = lineapy.get("nowhere")\n';
  await sessions.ingestBuffer('reader.py', Buffer.from(reader));
  await sessions.expectAdded('reader.py');
  await sessions.open('reader.py');
  const graph = new GraphPage(page);
  await graph.waitForLayout();

  await graph.select('res = lineapy.get("scores")');
  await expect(graph.panel.getByTestId('catalog-read')).toHaveText('Reads artifact scores v1 from the catalog: scores:1');
  await graph.select('first = lineapy.get("scores", version=0)');
  await expect(graph.panel.getByTestId('catalog-read')).toHaveText(/Reads artifact scores v0 from the catalog/);
  await graph.select('other = lineapy.get("nowhere")');
  await expect(graph.panel.getByTestId('catalog-read')).toHaveText('lineapy.get("nowhere") reads an artifact that is not in this catalog; the slice keeps the get line and needs LineaPy to run.');
  await page.screenshot({ path: 'docs/screenshots/lineapy-get-missing.png' });

  await graph.select('res = lineapy.get("scores")');
  await page.screenshot({ path: 'docs/screenshots/lineapy-get-panel.png' });
  await graph.panel.getByRole('link', { name: 'scores:1' }).click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('scores:1');
});
