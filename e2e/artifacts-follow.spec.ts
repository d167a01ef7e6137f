/**
 * Issue 17.6, artifacts follow the notebook, in Chromium with real IndexedDB: a variable named
 * in the UI keeps its anchor; an edited version of the same file whose slice is unchanged adds
 * no artifact version and says "same code as v0"; one whose slice changed adds v1 (in the
 * catalog); one where the variable is gone says "not found in the latest version" with the
 * candidate, in the queue and on the artifact page, and adds nothing.
 */
import { test, expect } from './fixtures';
import { openIngestedGraph } from './page-models/GraphPage';
import { GraphSearch } from './page-models/GraphSearch';
import { NameDialog } from './page-models/NameDialog';
import { ArtifactsPage } from './page-models/ArtifactsPage';
import { SessionsPage } from './page-models/SessionsPage';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = (rate: string, last: string, variable = 'model') =>
  `import math\nrate = ${rate}\nfeatures = [1, 2, 3]\n${variable} = sum(features) * rate\n${last}\n`;

test('a named artifact follows new versions of its notebook: same code, then v1, then not found', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'artfollow-'));
  const file = path.join(dir, 'rates.py');
  fs.writeFileSync(file, script('0.5', 'print(model)'));
  const graph = await openIngestedGraph(page, file);

  // Name the model in the UI.
  const search = new GraphSearch(page);
  await search.search('model');
  await search.choose(0);
  await expect(graph.panel.getByRole('heading', { level: 2 })).toHaveText('model');
  const dialog = new NameDialog(page);
  await dialog.open();
  expect(await dialog.save('rate_model')).toContain('rate_model:0');
  await expect(page.getByTestId('notice')).toHaveText(/Saved rate_model:0/);

  const sessions = new SessionsPage(page);
  const artifacts = new ArtifactsPage(page);
  const line = sessions.queued('rates.py');

  // An edit outside the slice: nothing new, "same code as v0".
  await sessions.goto();
  await sessions.ingestBuffer('rates.py', Buffer.from(script('0.5', 'print(model, "done")')));
  await expect(line).toHaveAttribute('data-status', 'added', { timeout: 30_000 });
  await expect(line.getByTestId('ingest-followed')).toHaveText('Artifacts: rate_model: same code as v0');
  await artifacts.goto();
  await expect(artifacts.row('rate_model', 0)).toBeVisible();
  await expect(artifacts.row('rate_model', 1)).toHaveCount(0);

  // The rate feeds the slice: v1 appears in the catalog, on the new session.
  await sessions.goto();
  await sessions.ingestBuffer('rates.py', Buffer.from(script('0.25', 'print(model, "done")')));
  await expect(line).toHaveAttribute('data-status', 'added', { timeout: 30_000 });
  await expect(line.getByTestId('ingest-followed')).toHaveText('Artifacts: rate_model → v1 (slice changed)');
  await line.getByRole('link', { name: 'rate_model → v1 (slice changed)' }).click();
  await expect(page.getByTestId('artifact-heading')).toHaveText('rate_model:1');
  await expect(page.getByTestId('slice-code')).toContainText('rate = 0.25');
  await expect(page.getByTestId('not-in-latest')).toHaveCount(0);
  await artifacts.goto();
  await expect(artifacts.row('rate_model', 1)).toBeVisible();
  await expect(artifacts.row('rate_model', 0)).toBeVisible();

  // The variable is renamed: not found, with the renamed statement as the candidate; nothing is added.
  await sessions.goto();
  await sessions.ingestBuffer('rates.py', Buffer.from(script('0.25', 'print(fitted)', 'fitted')));
  await expect(line).toHaveAttribute('data-status', 'added', { timeout: 30_000 });
  await expect(line.getByTestId('ingest-followed')).toHaveText('Artifacts: rate_model: not found in the latest version (candidates: fitted)');
  await page.goto('/a/rate_model/1');
  const notice = page.getByTestId('not-in-latest');
  await expect(notice).toContainText('Not found in the latest version of rates.py');
  await expect(notice.getByRole('link', { name: 'fitted = sum(features) * rate' })).toBeVisible();
  await artifacts.goto();
  await expect(artifacts.row('rate_model', 2)).toHaveCount(0);
  expect((await artifacts.allLabels()).filter((l) => l.startsWith('rate_model'))).toHaveLength(2);
});
