import { expect, type Locator, type Page } from '@playwright/test';

/** The graph page's search box and its results list (keyboard driven, as a user would). */
export class GraphSearch {
  readonly input: Locator;
  readonly results: Locator;
  readonly hits: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('graph-search');
    this.results = page.getByTestId('search-results');
    this.hits = this.results.getByRole('option');
  }

  async search(query: string): Promise<void> {
    await this.input.fill(query);
    await expect(this.results).toBeVisible();
  }

  /** The `latest` / `earlier: …` label of hit `i` ('' when it has none). */
  async versionLabel(i: number): Promise<string> {
    const tag = this.hits.nth(i).getByTestId('hit-version');
    return (await tag.count()) ? ((await tag.textContent()) ?? '') : '';
  }

  /** Choose hit `i` with the arrow keys and Enter. */
  async choose(i: number): Promise<void> {
    await this.input.focus();
    for (let k = 0; k < i; k++) await this.input.press('ArrowDown');
    await expect(this.hits.nth(i)).toHaveAttribute('aria-selected', 'true');
    await this.input.press('Enter');
    await expect(this.results).toBeHidden();
  }
}
