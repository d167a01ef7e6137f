import { expect, type Locator, type Page } from '@playwright/test';

export class ArtifactsPage {
  readonly rows: Locator;
  readonly labels: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('artifact-row');
    this.labels = page.getByTestId('artifact-row');
  }

  /** The catalog listing every version (`name:version created on <date>` per row). */
  async goto(): Promise<void> {
    await this.page.goto('/artifacts?view=versions');
    await expect(this.page.getByRole('heading', { name: 'Artifacts', level: 1 })).toBeVisible();
    await expect(this.rows.first().or(this.page.getByTestId('catalog-empty'))).toBeVisible();
  }

  async allLabels(): Promise<string[]> {
    return this.labels.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-label') ?? ''));
  }

  row(name: string, version: number): Locator {
    return this.page.locator(`[data-testid="artifact-row"][data-name="${name}"][data-version="${version}"]`);
  }
}
