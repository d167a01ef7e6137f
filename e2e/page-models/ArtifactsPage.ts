import { expect, type Locator, type Page } from '@playwright/test';

export class ArtifactsPage {
  readonly rows: Locator;
  readonly labels: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('artifact-row');
    this.labels = page.getByTestId('artifact-label');
  }

  async goto(): Promise<void> {
    await this.page.goto('/artifacts');
    await expect(this.page.getByRole('heading', { name: 'Artifacts', level: 1 })).toBeVisible();
  }

  async allLabels(): Promise<string[]> {
    return (await this.labels.allTextContents()).map((t) => t.trim());
  }

  row(name: string, version: number): Locator {
    return this.page.locator(`[data-testid="artifact-row"][data-name="${name}"][data-version="${version}"]`);
  }
}
