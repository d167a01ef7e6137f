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

  /** The import's progress block (label, bar, cancel), shown while an import runs. */
  get importProgress(): Locator {
    return this.section.getByTestId('import-progress');
  }

  get importResult(): Locator {
    return this.section.getByTestId('import-result');
  }

  get alert(): Locator {
    return this.section.getByRole('alert');
  }

  async cancelImport(): Promise<void> {
    await this.importProgress.getByTestId('cancel-import').click();
  }

  /** Types into the author field (a click and key presses the UI thread must handle) and returns what the field shows. */
  async typeAuthor(text: string): Promise<string> {
    const input = this.page.getByTestId('author-input');
    await input.click();
    await input.fill(text);
    return input.inputValue();
  }

  /** Starts sampling requestAnimationFrame gaps in the page; `stopFrameSampler` returns the worst gap in ms. */
  async startFrameSampler(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as { __gap?: number; __gapStop?: boolean };
      w.__gap = 0;
      w.__gapStop = false;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        w.__gap = Math.max(w.__gap ?? 0, now - last);
        last = now;
        if (!w.__gapStop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  async stopFrameSampler(): Promise<number> {
    return this.page.evaluate(() => {
      const w = window as { __gap?: number; __gapStop?: boolean };
      w.__gapStop = true;
      return w.__gap ?? 0;
    });
  }

  async importBundle(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.section.getByTestId('import-bundle-input').setInputFiles(file);
  }
}
