import { expect, type Locator, type Page } from '@playwright/test';

/** Description and tags on the artifact page (/a/:name/:version). */
export class TagEditor {
  readonly tags: Locator;
  readonly textarea: Locator;
  readonly count: Locator;
  readonly more: Locator;

  constructor(readonly page: Page) {
    this.tags = page.getByTestId('artifact-tags').getByTestId('meta-tag');
    this.textarea = page.getByTestId('meta-tags');
    this.count = page.getByTestId('tag-count');
    this.more = page.getByTestId('artifact-tags').getByTestId('more-tags');
  }

  async edit(): Promise<void> {
    await this.page.getByTestId('edit-meta').click();
    await expect(this.textarea).toBeVisible();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('save-meta').click();
  }

  /** Opens the editor, replaces the description and saves; waits for the editor to close. */
  async setDescription(text: string): Promise<void> {
    await this.edit();
    await this.page.getByTestId('meta-description').fill(text);
    await this.save();
    await expect(this.page.getByTestId('edit-meta')).toBeVisible();
    await expect(this.page.getByTestId('artifact-description')).toHaveText(text);
  }

  /** Opens the editor, replaces the tag text and saves; waits for the editor to close. */
  async setTags(text: string): Promise<void> {
    await this.edit();
    await this.textarea.fill(text);
    await this.save();
    await expect(this.page.getByTestId('edit-meta')).toBeVisible();
  }
}
