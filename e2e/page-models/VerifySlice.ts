import { expect, type Locator, type Page } from '@playwright/test';
import { RUN_TIMEOUT } from './RunBar';

/** The "Verify slice" card of the artifact page. */
export class VerifySlice {
  readonly card: Locator;
  readonly button: Locator;
  readonly result: Locator;
  /** The import check's notice (a package cannot load now). */
  readonly preflight: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId('verify-slice');
    this.button = page.getByTestId('verify-button');
    this.result = page.getByTestId('verify-result');
    this.preflight = page.getByTestId('run-preflight');
  }

  /** What the shown result says: `same`, `differs` or `could-not-run`. */
  async verdict(): Promise<string> {
    return (await this.result.getAttribute('data-verdict')) ?? '';
  }

  async goto(name: string, version: number): Promise<void> {
    await this.page.goto(`/a/${encodeURIComponent(name)}/${version}`);
    await expect(this.page.getByTestId('artifact-heading')).toHaveText(`${name}:${version}`);
  }

  /** Clicks "Verify slice" and waits for the result; returns whether it was verified. */
  async verify(): Promise<boolean> {
    await expect(this.button).toBeEnabled({ timeout: 20_000 });
    await this.button.click();
    await expect(this.result).toBeVisible({ timeout: RUN_TIMEOUT * 2 });
    return (await this.result.getAttribute('data-verified')) === 'true';
  }
}
