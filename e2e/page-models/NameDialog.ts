import { expect, type Locator, type Page } from '@playwright/test';

/** The "Name as artifact" dialog, opened from the side panel. */
export class NameDialog {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly warning: Locator;
  readonly switched: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('name-dialog');
    this.input = this.dialog.getByTestId('artifact-name-input');
    this.warning = this.dialog.getByTestId('latest-warning');
    this.switched = this.dialog.getByTestId('latest-switched');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('side-panel').getByTestId('name-artifact').click();
    await expect(this.dialog).toBeVisible();
  }

  async nameTheLatest(): Promise<void> {
    await this.warning.getByTestId('name-latest').click();
    await expect(this.warning).toBeHidden();
    await expect(this.switched).toBeVisible();
  }

  /** Fill the name and press Enter; returns the "Will be saved as …" hint. */
  async save(name: string): Promise<string> {
    await this.input.fill(name);
    const hint = (await this.dialog.getByTestId('next-version').textContent({ timeout: 10_000 })) ?? '';
    await this.input.press('Enter');
    await expect(this.dialog).toBeHidden();
    return hint;
  }
}
