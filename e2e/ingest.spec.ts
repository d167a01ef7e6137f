import path from 'node:path';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

test('ingests a .py script and a .ipynb notebook through the file picker', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();

  await sessions.ingestFile(fixture('prices.py'));
  await sessions.expectAdded('prices.py');
  const py = sessions.row('prices.py');
  await expect(py.getByTestId('session-cells')).toHaveText('1');
  expect(Number(await py.getByTestId('session-nodes').textContent())).toBeGreaterThan(5);

  await sessions.ingestFile(fixture('sales.ipynb'));
  await sessions.expectAdded('sales.ipynb');
  const nb = sessions.row('sales.ipynb');
  await expect(nb.getByTestId('session-cells')).toHaveText('4');
  expect(Number(await nb.getByTestId('session-nodes').textContent())).toBeGreaterThan(5);
  await expect(sessions.rows).toHaveCount(3);

  // The notebook's graph renders, and its stored HTML output is shown as text only.
  await sessions.open('sales.ipynb');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  await graph.select('totals = sales.groupby');
  await expect(graph.panel.getByTestId('panel-source')).toContainText('totals = sales.groupby("region")["amount"].sum()');
});

test('ingests a file dropped onto the drop zone', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x = 1\ny = x + 2\nprint(y)\n'], 'dropped.py', { type: 'text/x-python' }));
    return dt;
  });
  await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  await sessions.expectAdded('dropped.py');
  await sessions.open('dropped.py');
  const graph = new GraphPage(page);
  await graph.waitForLayout();
  await expect(graph.node('y = x + 2')).toBeVisible();
});
