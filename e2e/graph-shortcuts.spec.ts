import { test, expect } from './fixtures';
import { openSampleGraph } from './page-models/GraphPage';
import { GraphShortcuts } from './page-models/GraphShortcuts';

test('? opens the keyboard shortcuts list; a listed shortcut does what it says', async ({ page }) => {
  const graph = await openSampleGraph(page);
  const help = new GraphShortcuts(page);

  await help.openWithKey();
  const entries = await help.entries();
  // Every row names a key and what it does; no key is listed twice.
  expect(entries.length).toBeGreaterThanOrEqual(8);
  for (const [key, what] of entries) {
    expect(key).not.toBe('');
    expect(what.length).toBeGreaterThan(5);
  }
  expect(new Set(entries.map(([key]) => key)).size).toBe(entries.length);
  await expect(help.dialog).toContainText('Clear the selection');
  await page.screenshot({ path: 'docs/screenshots/graph-shortcuts-help.png' });

  // The search shortcut, pressed as the list writes it, focuses the search box.
  const searchKey = await help.keyFor('Search names, code or ids');
  await help.close();
  await expect(graph.search).not.toBeFocused();
  await page.keyboard.press(searchKey);
  await expect(graph.search).toBeFocused();

  // Keys typed into the search box stay there: `?` is text, not the dialog.
  await page.keyboard.type('model?');
  await expect(graph.search).toHaveValue('model?');
  await expect(help.dialog).toBeHidden();

  // The toolbar button opens the same list.
  await graph.search.fill('');
  await help.button.click();
  await expect(help.dialog).toBeVisible();
  expect(await help.entries()).toEqual(entries);
  await help.close();
});
