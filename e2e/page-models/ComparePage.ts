/** The Compare page (`/compare/:older/:newer`) and the graph page's history bar that leads to it. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ComparePage {
  readonly sentence: Locator;
  readonly rerunItems: Locator;
  readonly cellChanges: Locator;
  readonly variables: Locator;
  readonly artifacts: Locator;
  readonly from: Locator;
  readonly to: Locator;

  constructor(readonly page: Page) {
    this.sentence = page.getByTestId('rerun-sentence');
    this.rerunItems = page.getByTestId('rerun-item');
    this.cellChanges = page.getByTestId('cell-change');
    this.variables = page.getByTestId('variable-change');
    this.artifacts = page.getByTestId('artifact-change');
    this.from = page.getByRole('combobox', { name: 'From', exact: true });
    this.to = page.getByRole('combobox', { name: 'To', exact: true });
  }

  /** From the graph page: the bar "Changed since the previous version … · Compare". */
  async openFromGraph(): Promise<void> {
    await this.page.getByTestId('history-bar').getByRole('link', { name: 'Compare' }).click();
    await this.waitForComparison();
  }

  async waitForComparison(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: /^Compare versions of / })).toBeVisible();
    await expect(this.page.getByTestId('cell-counts')).toBeVisible({ timeout: 30_000 });
  }

  /** The change card of a cell (`cell 3`, as the newer version names it). */
  cell(name: string): Locator {
    return this.cellChanges.and(this.page.locator(`[data-cell="${name}"]`));
  }

  variable(name: string): Locator {
    return this.variables.and(this.page.locator(`[data-name="${name}"]`));
  }

  /** The lines of a cell's diff marked added (+) or removed (−), as text. */
  async diffLines(name: string, kind: 'added' | 'removed'): Promise<string[]> {
    return this.cell(name).locator(`.source-line.${kind} .code`).allTextContents();
  }

  /** Choose the versions by their picker labels (`v1 · …`). */
  async pick(from: number, to: number): Promise<void> {
    await this.from.selectOption({ index: from - 1 });
    await this.to.selectOption({ index: to - 1 });
    await this.waitForComparison();
  }
}
