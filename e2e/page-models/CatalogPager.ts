import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { SessionsPage } from './SessionsPage';
import { SettingsPage } from './SettingsPage';

/** The catalog's paging and selection controls (/artifacts with more than one page of rows). */
export class CatalogPager {
  readonly count: Locator;
  readonly top: Locator;
  readonly bottom: Locator;
  readonly status: Locator;
  readonly selectPage: Locator;
  readonly selectAll: Locator;
  readonly clearSelection: Locator;

  constructor(readonly page: Page) {
    this.count = page.getByTestId('catalog-count');
    this.top = page.getByTestId('catalog-pager');
    this.bottom = page.getByTestId('catalog-pager-bottom');
    this.status = this.top.getByTestId('page-status');
    this.selectPage = page.getByTestId('select-page');
    this.selectAll = page.getByTestId('select-all-rows');
    this.clearSelection = page.getByTestId('clear-selection');
  }

  async next(where: 'top' | 'bottom' = 'top'): Promise<void> {
    await (where === 'top' ? this.top : this.bottom).getByTestId('page-next').click();
  }

  async previous(where: 'top' | 'bottom' = 'top'): Promise<void> {
    await (where === 'top' ? this.top : this.bottom).getByTestId('page-previous').click();
  }

  async last(): Promise<void> {
    await this.top.getByTestId('page-last').click();
  }

  async expectPage(page: number, of: number): Promise<void> {
    await expect(this.status).toHaveText(`Page ${page} of ${of}`);
  }
}

/**
 * Adds many artifacts the way a user could: export the store as a bundle from Settings, add
 * artifact versions to it (clones of the sample's artifacts under new names), import it.
 * Name `bulk_NNN` for i in 0..names-1; the first `twice` names get versions 0 and 1, the rest
 * version 0 only; every tenth name is tagged `batch=tenth`. Newer names are created later.
 * Returns the number of artifact versions added.
 */
export async function seedArtifacts(page: Page, opts: { names: number; twice?: number }): Promise<number> {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const settings = new SettingsPage(page);
  await settings.goto();
  const file = await (await settings.exportBundle()).path();
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as { artifacts: Array<Record<string, unknown>> };
  const seeds = bundle.artifacts;
  expect(seeds.length).toBeGreaterThan(0);
  const start = Date.now() - 10 * 24 * 3600 * 1000;
  const added: Array<Record<string, unknown>> = [];
  for (let i = 0; i < opts.names; i++) {
    const versions = i < (opts.twice ?? 0) ? 2 : 1;
    for (let v = 0; v < versions; v++) {
      const tags = i % 10 === 0 ? [{ key: 'batch', value: 'tenth' }] : [];
      added.push({
        ...seeds[i % seeds.length],
        id: randomUUID(),
        name: `bulk_${String(i).padStart(3, '0')}`,
        version: v,
        createdAt: start + (i * 2 + v) * 60_000,
        description: `bulk artifact ${i}`,
        tags,
        tagKeys: tags.map((t) => t.key),
      });
    }
  }
  bundle.artifacts = added;
  await settings.importBundle({ name: 'bulk.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  await expect(page.getByTestId('import-result')).toHaveText(`Imported 0 new sessions and ${added.length} artifact versions.`, { timeout: 30_000 });
  return added.length;
}

/**
 * Adds `count` sessions through a bundle import: copies of the sample session's record
 * (name `nb_NN.ipynb`, its own digest) without a graph, which is all the sessions list reads.
 */
export async function seedSessions(page: Page, count: number): Promise<void> {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  const settings = new SettingsPage(page);
  await settings.goto();
  const bundle = JSON.parse(readFileSync(await (await settings.exportBundle()).path(), 'utf8')) as {
    format: string;
    version: number;
    sessions: Array<Record<string, unknown>>;
  };
  const start = Date.now() - 24 * 3600 * 1000;
  const added = Array.from({ length: count }, (_, i) => ({
    ...bundle.sessions[0],
    id: randomUUID(),
    name: `nb_${String(i).padStart(2, '0')}.ipynb`,
    notebookKey: `nb_${i}`,
    sourceDigest: randomUUID(),
    createdAt: start + i * 60_000,
    bindings: [],
  }));
  const only = { format: bundle.format, version: bundle.version, sessions: added, sourceCodes: [], nodes: [], executions: [], nodeValues: [], artifacts: [] };
  await settings.importBundle({ name: 'sessions.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(only)) });
  await expect(page.getByTestId('import-result')).toHaveText(`Imported ${count} new sessions and 0 artifact versions.`, { timeout: 30_000 });
}
