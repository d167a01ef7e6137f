/** The graph page's variables explorer: toggle, search, rows that unfold into bindings, uses and value. */
import { expect, type Locator, type Page } from '@playwright/test';

export class VariablesExplorer {
  readonly toggle: Locator;
  readonly panel: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByTestId('variables-toggle');
    this.panel = page.getByTestId('variables-panel');
    this.search = this.panel.getByTestId('variables-search');
    this.rows = this.panel.getByTestId('variable');
    this.count = this.panel.getByTestId('variables-count');
  }

  async open(): Promise<void> {
    await this.toggle.click();
    await expect(this.toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(this.panel).toBeVisible();
  }

  /** The listed variable called `name`. */
  variable(name: string): Locator {
    return this.rows.and(this.page.locator(`[data-name="${name}"]`));
  }

  /** Unfolds `name` (it must be listed) and returns its detail. */
  async expand(name: string): Promise<Locator> {
    const row = this.variable(name).getByTestId('variable-row');
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await expect(row).toHaveAttribute('aria-expanded', 'true');
    return this.variable(name).getByTestId('variable-detail');
  }

  bindings(name: string): Locator {
    return this.variable(name).getByTestId('variable-binding');
  }

  /** The node id of the binding marked "latest". */
  async latestBindingId(name: string): Promise<string> {
    const latest = this.bindings(name).filter({ has: this.page.locator('.var-badge.latest') });
    await expect(latest).toHaveCount(1);
    return (await latest.getAttribute('data-node-id')) ?? '';
  }
}
