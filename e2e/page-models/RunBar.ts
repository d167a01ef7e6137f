import { expect, type Locator, type Page } from '@playwright/test';

/** Pyodide's cold start in the worker takes a few seconds: only run steps wait this long. */
export const RUN_TIMEOUT = 60_000;

/** The run bar of the graph page, and run values in the side panel. */
export class RunBar {
  readonly bar: Locator;
  readonly runButton: Locator;
  readonly cancelButton: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly error: Locator;
  /** The import check's notice: what cannot load now, and the fix (nothing ran). */
  readonly preflight: Locator;
  /** Opens a stored run's error (closed on a later visit). */
  readonly showError: Locator;

  constructor(readonly page: Page) {
    this.bar = page.getByTestId('run-bar');
    this.runButton = page.getByTestId('run-button');
    this.cancelButton = page.getByTestId('run-cancel');
    this.progress = page.getByTestId('run-progress');
    this.summary = page.getByTestId('run-summary');
    this.error = page.getByTestId('run-error');
    this.preflight = page.getByTestId('run-preflight');
    this.showError = page.getByTestId('run-error-show');
  }

  /** Clicks Run when the import check will stop it: its notice shows, no progress. */
  async startBlocked(): Promise<void> {
    await expect(this.runButton).toBeEnabled({ timeout: 20_000 });
    await this.runButton.click();
    await expect(this.preflight).toBeVisible();
  }

  /** Starts a run; the progress ("cell n / N") shows at once. */
  async start(): Promise<void> {
    await expect(this.runButton).toBeEnabled({ timeout: 20_000 });
    await this.runButton.click();
    await expect(this.progress).toBeVisible();
  }

  /** Waits for the run to end; returns its status (`ok`, `error` or `cancelled`). */
  async finished(): Promise<string> {
    await expect(this.summary).toBeVisible({ timeout: RUN_TIMEOUT });
    return (await this.summary.getAttribute('data-status')) ?? '';
  }

  /** Clicks Cancel; the button says "Cancelling…" until the run ends. */
  async cancel(): Promise<void> {
    await this.cancelButton.click();
  }

  /** Waits until the newest run shows `status` (ok, error, cancelled, interrupted). */
  async expectStatus(status: string, timeout = RUN_TIMEOUT): Promise<void> {
    await expect(this.summary).toHaveAttribute('data-status', status, { timeout });
  }

  /** The run value(s) shown in the side panel. */
  values(): Locator {
    return this.page.getByTestId('side-panel').getByTestId('run-value');
  }

  types(): Locator {
    return this.page.getByTestId('side-panel').getByTestId('run-value-type');
  }
}
