import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Settings → Data (bundles) and Storage. */
export class SettingsPage {
  readonly section: Locator;
  /** The Ingest card: size limit and node budget. */
  readonly ingestCard: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('bundle-section');
    this.ingestCard = page.getByTestId('ingest-settings');
  }

  async goto(): Promise<void> {
    await this.page.goto('/settings');
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  }

  /** A whole-number setting (`ingest-limit`, `node-budget`): type, save, and return its message. */
  async saveNumber(setting: 'ingest-limit' | 'node-budget', text: string): Promise<Locator> {
    await this.page.getByTestId(`${setting}-input`).fill(text);
    await this.page.getByTestId(`${setting}-save`).click();
    const message = this.page.getByTestId(`${setting}-message`);
    await expect(message).toBeVisible();
    return message;
  }

  numberInput(setting: 'ingest-limit' | 'node-budget'): Locator {
    return this.page.getByTestId(`${setting}-input`);
  }

  async exportBundle(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.section.getByTestId('export-bundle').click();
    return download;
  }

  async clearAll(): Promise<void> {
    await this.section.getByTestId('clear-data').click();
    const dialog = this.page.getByTestId('clear-dialog');
    await dialog.getByTestId('confirm-clear').click();
    await expect(dialog).toBeHidden();
    await expect(this.section.getByRole('status')).toHaveText(/All data was deleted/);
  }

  async importBundle(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.section.getByTestId('import-bundle-input').setInputFiles(file);
  }
}
