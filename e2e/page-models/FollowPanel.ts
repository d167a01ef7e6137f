/**
 * The follow panel on the sessions page, and a stand-in for the browser's pickers. Native
 * pickers cannot be driven, so `useOriginPrivatePickers` replaces `showOpenFilePicker` and
 * `showDirectoryPicker` (before the app loads) with functions that hand back handles from the
 * origin-private file system: the same `FileSystemHandle` interface, through the same app code.
 * `write` edits those files, as an editor saving a notebook would.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class FollowPanel {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('follow-panel');
  }

  /** Call before the first `goto`. The file picker picks `window.__pickPath` (set by `pick`). */
  static async useOriginPrivatePickers(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const dirOf = async (path: string) => {
        let dir = await navigator.storage.getDirectory();
        for (const part of path.split('/').filter(Boolean)) dir = await dir.getDirectoryHandle(part, { create: true });
        return dir;
      };
      w.showDirectoryPicker = async () => dirOf(String(w.__pickPath ?? ''));
      w.showOpenFilePicker = async () => {
        const path = String(w.__pickPath ?? '');
        const at = path.lastIndexOf('/');
        const dir = await dirOf(at < 0 ? '' : path.slice(0, at));
        return [await dir.getFileHandle(path.slice(at + 1))];
      };
    });
  }

  /** Writes (creating folders) a file in the origin-private file system. */
  async write(path: string, text: string): Promise<void> {
    await this.page.evaluate(
      async ({ path, text }) => {
        const parts = path.split('/');
        let dir = await navigator.storage.getDirectory();
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
        const file = await dir.getFileHandle(parts[parts.length - 1]!, { create: true });
        const out = await file.createWritable();
        await out.write(text);
        await out.close();
      },
      { path, text },
    );
  }

  async followFolder(path: string): Promise<void> {
    await this.page.evaluate((p) => ((window as unknown as Record<string, unknown>).__pickPath = p), path);
    await this.panel.getByRole('button', { name: 'Follow a folder…' }).click();
  }

  async followNotebook(path: string): Promise<void> {
    await this.page.evaluate((p) => ((window as unknown as Record<string, unknown>).__pickPath = p), path);
    await this.panel.getByRole('button', { name: 'Follow a notebook…' }).click();
  }

  item(name: string): Locator {
    return this.panel.getByTestId('follow-item').and(this.page.locator(`[data-follow-name="${name}"]`));
  }

  file(path: string): Locator {
    return this.panel.getByTestId('followed-file').and(this.page.locator(`[data-path="${path}"]`));
  }

  async expectFileState(path: string, state: 'current' | 'waiting' | 'refused' | 'too-big', timeout = 20_000): Promise<void> {
    await expect(this.file(path)).toHaveAttribute('data-state', state, { timeout });
  }
}
