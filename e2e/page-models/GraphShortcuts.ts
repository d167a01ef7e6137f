import { expect, type Locator, type Page } from '@playwright/test';

/** The graph page's "Keyboard shortcuts" dialog: opened by `?` or the toolbar button, lists every action. */
export class GraphShortcuts {
  readonly dialog: Locator;
  readonly rows: Locator;
  readonly button: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('shortcuts-dialog');
    this.rows = this.dialog.getByTestId('shortcuts-list').getByRole('row');
    this.button = page.getByTestId('shortcuts-button');
  }

  /** Press `?` and wait for the dialog. */
  async openWithKey(): Promise<void> {
    await this.page.keyboard.press('?');
    await expect(this.dialog).toBeVisible();
  }

  /** The list as `[key, what it does]` pairs, in the order shown. */
  async entries(): Promise<Array<[string, string]>> {
    const out: Array<[string, string]> = [];
    for (const row of await this.rows.all()) {
      out.push([((await row.locator('kbd').textContent()) ?? '').trim(), ((await row.locator('td').textContent()) ?? '').trim()]);
    }
    return out;
  }

  /** The key the list gives for the action whose description contains `what`. */
  async keyFor(what: string): Promise<string> {
    const row = this.rows.filter({ hasText: what });
    await expect(row).toHaveCount(1);
    return ((await row.locator('kbd').textContent()) ?? '').trim();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toBeHidden();
  }
}
