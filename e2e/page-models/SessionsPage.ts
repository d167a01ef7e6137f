import { expect, type Locator, type Page } from '@playwright/test';

export class SessionsPage {
  readonly fileInput: Locator;
  readonly rows: Locator;
  readonly alert: Locator;
  /** Files being added (kept apart from the stored sessions), and the summary of a set of files. */
  readonly queue: Locator;
  readonly summary: Locator;
  /** The name search, the older-version rows of expanded notebooks, and the delete confirmation. */
  readonly search: Locator;
  readonly versionRows: Locator;
  readonly deleteDialog: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.getByTestId('file-input');
    this.rows = page.getByTestId('session-row');
    this.queue = page.getByTestId('ingest-queue');
    this.alert = this.queue.getByRole('alert');
    this.summary = page.getByTestId('ingest-summary');
    this.search = page.getByRole('searchbox', { name: 'Search sessions by name' });
    this.versionRows = page.getByTestId('session-version-row');
    this.deleteDialog = page.getByTestId('delete-session-dialog');
  }

  /** One file's line in the queue. */
  queued(name: string): Locator {
    return this.queue.getByTestId('ingest-item').and(this.page.locator(`[data-name="${name}"]`));
  }

  async ingestBuffers(files: Array<{ name: string; buffer: Buffer }>): Promise<void> {
    await this.fileInput.setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
  }

  async cancel(name: string): Promise<void> {
    await this.queued(name).getByRole('button', { name: `Cancel ${name}` }).click();
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
  }

  /** First visit: waits until the sample notebook is listed. */
  async waitForSample(): Promise<void> {
    await expect(this.row('churn_analysis.ipynb')).toBeVisible({ timeout: 30_000 });
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name, exact: false }) });
  }

  async ingestFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  async ingestBuffer(name: string, buffer: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
    await this.fileInput.setInputFiles({ name, mimeType, buffer });
  }

  async expectAdded(name: string): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: `Added ${name}` })).toBeVisible({ timeout: 30_000 });
    await expect(this.row(name)).toBeVisible();
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByRole('link').first().click();
    await expect(this.page.getByTestId('session-title')).toHaveText(name);
  }

  /** Every row (newest versions and expanded older ones) of the notebook with this key. */
  notebookRows(key: string): Locator {
    return this.page.locator(`[data-notebook-key="${key}"]`);
  }

  /** Opens the delete confirmation from a row and waits until it lists what goes with it. */
  async askToDelete(row: Locator): Promise<void> {
    await row.getByTestId('session-delete').click();
    await expect(this.deleteDialog).toBeVisible();
    await expect(this.deleteDialog.getByTestId('delete-dependents')).toBeVisible();
  }
}
