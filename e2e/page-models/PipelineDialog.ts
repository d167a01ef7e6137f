import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The catalog's "Export pipeline" dialog. */
export class PipelineDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly tabs: Locator;
  readonly file: Locator;
  /** The slice self-check's notes for the exported artifacts. */
  readonly notes: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('pipeline-dialog');
    this.name = this.dialog.getByTestId('pipeline-name');
    this.tabs = this.dialog.getByTestId('pipeline-file-tab');
    this.file = this.dialog.getByTestId('pipeline-file');
    this.notes = this.dialog.getByTestId('slice-note');
  }

  async waitOpen(): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await expect(this.tabs.first()).toBeVisible({ timeout: 20_000 });
  }

  async target(label: 'Script' | 'Airflow'): Promise<void> {
    await this.dialog.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  }

  async fileNames(): Promise<string[]> {
    return (await this.tabs.allTextContents()).map((t) => t.trim());
  }

  async show(path: string): Promise<void> {
    await this.tabs.filter({ hasText: path }).click();
    await expect(this.file).toHaveAttribute('data-path', path);
  }

  async download(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.dialog.getByTestId('pipeline-download').click();
    return download;
  }
}
