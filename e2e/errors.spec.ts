import { test, expect } from './fixtures';
import { SessionsPage } from './page-models/SessionsPage';
import { rowCounts } from './page-models/common';

test('a malformed notebook and a binary file each show a clear error and change nothing', async ({ page }) => {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const before = await rowCounts(page);

  await sessions.ingestBuffer('broken.ipynb', Buffer.from('{"cells": [ {"cell_type": "code", '), 'application/json');
  await expect(sessions.alert).toBeVisible({ timeout: 30_000 });
  await expect(sessions.alert).toContainText('broken.ipynb');
  await expect(sessions.alert).toContainText(/not a valid notebook|JSON/);
  await expect(sessions.alert).not.toContainText(/at .*\.(js|ts):\d+/);
  expect(await rowCounts(page)).toEqual(before);

  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x00, 0x01]);
  await sessions.ingestBuffer('image.py', binary);
  await expect(sessions.alert).toContainText('image.py');
  await expect(sessions.alert).toContainText(/binary/);
  expect(await rowCounts(page)).toEqual(before);

  await expect(sessions.rows).toHaveCount(1);
});
