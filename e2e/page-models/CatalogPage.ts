import { expect, type Locator, type Page } from '@playwright/test';

/** The artifact catalog (/artifacts) and the catalog parts of the artifact page. */
export class CatalogPage {
  readonly rows: Locator;
  readonly filter: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('artifact-row');
    this.filter = page.getByTestId('catalog-filter');
    this.exportButton = page.getByTestId('export-pipeline');
  }

  async goto(view: 'latest' | 'versions' = 'latest'): Promise<void> {
    await this.page.goto(view === 'versions' ? '/artifacts?view=versions' : '/artifacts');
    await this.waitForRows();
  }

  async waitForRows(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Artifacts', level: 1 })).toBeVisible();
    await expect(this.rows.first().or(this.page.getByTestId('catalog-empty'))).toBeVisible();
  }

  row(name: string, version?: number): Locator {
    const v = version === undefined ? '' : `[data-version="${version}"]`;
    return this.page.locator(`[data-testid="artifact-row"][data-name="${name}"]${v}`);
  }

  /** `name:version` of every row, top to bottom. */
  async keys(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-name')}:${r.getAttribute('data-version')}`));
  }

  /** Everything a row shows (cells' text), for comparing two catalogs. */
  async snapshot(): Promise<string[][]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(1).map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
  }

  async select(name: string, version?: number): Promise<void> {
    await this.row(name, version).getByTestId('artifact-select').check();
  }

  async open(name: string, version?: number): Promise<void> {
    await this.row(name, version).getByTestId('artifact-link').click();
    await expect(this.page.getByTestId('artifact-heading')).toBeVisible();
  }

  // Artifact page ---------------------------------------------------------------

  /** The slice self-check's notes above the slice (none when it found nothing). */
  sliceNotes(code?: string): Locator {
    const notes = this.page.getByTestId('slice-note');
    return code ? notes.and(this.page.locator(`[data-code="${code}"]`)) : notes;
  }

  async editMeta(description: string, tags: string): Promise<void> {
    await this.page.getByTestId('edit-meta').click();
    await this.page.getByTestId('meta-description').fill(description);
    await this.page.getByTestId('meta-tags').fill(tags);
    await this.page.getByTestId('save-meta').click();
    await expect(this.page.getByTestId('edit-meta')).toBeVisible();
  }

  async deleteArtifact(scope: 'version' | 'all'): Promise<void> {
    await this.page.getByTestId('delete-artifact').click();
    const dialog = this.page.getByTestId('delete-dialog');
    await expect(dialog).toBeVisible();
    if (scope === 'all') await dialog.getByTestId('delete-all-versions').check();
    await dialog.getByTestId('confirm-delete').click();
    await expect(dialog).toBeHidden();
  }
}
