import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { GraphPage } from './page-models/GraphPage';
import { ArtifactsPage } from './page-models/ArtifactsPage';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations on the main pages (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const sessions = new SessionsPage(page);
    await sessions.goto();
    await sessions.waitForSample();
    expect(await seriousViolations(page)).toEqual([]);

    await sessions.open('churn_analysis.ipynb');
    const graph = new GraphPage(page);
    await graph.waitForLayout();
    await graph.select('model.fit(X_train, y_train)');
    expect(await seriousViolations(page)).toEqual([]);

    const artifacts = new ArtifactsPage(page);
    await artifacts.goto();
    await expect(artifacts.rows.first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await artifacts.rows.first().getByRole('link').first().click();
    await expect(page.getByTestId('slice-code')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
