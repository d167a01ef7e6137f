import { expect, type Locator, type Page } from '@playwright/test';

/** The "Name as artifact" dialog, opened from the graph's side panel. */
export class NameDialog {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly refusal: Locator;
  readonly nextVersion: Locator;
  readonly warning: Locator;
  readonly switched: Locator;

  constructor(readonly page: Page) {
    // The open one: the graph page keeps the side panel's dialog mounted (closed) while another naming is open.
    this.dialog = page.locator('dialog[open][data-testid="name-dialog"]');
    this.input = this.dialog.getByTestId('artifact-name-input');
    this.refusal = this.dialog.getByTestId('name-refusal');
    this.nextVersion = this.dialog.getByTestId('next-version');
    this.warning = this.dialog.getByTestId('latest-warning');
    this.switched = this.dialog.getByTestId('latest-switched');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('side-panel').getByTestId('name-artifact').click();
    await expect(this.dialog).toBeVisible();
  }

  /** Types `name` and presses Enter, expecting a refusal: returns its sentence; the dialog stays open. */
  async expectRefused(name: string): Promise<string> {
    await this.input.fill(name);
    await expect(this.refusal).toBeVisible();
    await this.input.press('Enter');
    await expect(this.dialog).toBeVisible();
    return (await this.refusal.textContent()) ?? '';
  }

  /** Switches from an earlier version of the variable to its latest. */
  async nameTheLatest(): Promise<void> {
    await this.warning.getByTestId('name-latest').click();
    await expect(this.warning).toBeHidden();
    await expect(this.switched).toBeVisible();
  }

  /** Types `name`, waits for the "Will be saved as" hint, saves; returns the hint. */
  async save(name: string): Promise<string> {
    await this.input.fill(name);
    const hint = (await this.nextVersion.textContent({ timeout: 10_000 })) ?? '';
    await this.input.press('Enter');
    await expect(this.dialog).toBeHidden();
    return hint;
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
