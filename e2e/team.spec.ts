/**
 * The team catalog end to end: `threadline serve` (embedded Postgres in a temporary folder)
 * serving the built app and the API, browsers with users' tokens sharing through the outbox.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { TagEditor } from './page-models/TagEditor';
import { TeamPages } from './page-models/TeamPages';
import { CatalogPage } from './page-models/CatalogPage';

const DIST = process.env.E2E_DIST ?? 'dist';
const CLI = join(process.cwd(), 'bin', 'threadline.mjs');

interface Served {
  url: string;
  proc: ChildProcess;
  dir: string;
  tokens: Record<'ana' | 'bo' | 'rita' | 'root', string>;
}

function token(dir: string, user: string, role: string): string {
  return execFileSync('node', [CLI, 'serve', 'token', 'create', '--user', user, '--role', role, '--data', dir], { encoding: 'utf8', env: { ...process.env, THREADLINE_CLI_SOURCE: '1' } }).trim();
}

async function serve(): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-team-e2e-'));
  const tokens = { ana: token(dir, 'ana', 'write'), bo: token(dir, 'bo', 'write'), rita: token(dir, 'rita', 'read'), root: token(dir, 'root', 'admin') };
  // Port 0: the server picks a free port and logs its address in the "listening" line.
  const proc = spawn('node', [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dir, '--dist', DIST], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, THREADLINE_CLI_SOURCE: '1' } });
  let log = '';
  proc.stderr!.on('data', (d) => (log += d));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const m = /"msg":"listening"[^\n]*?"url":"([^"]+)"/.exec(log);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`threadline serve exited with ${code}: ${log}`)));
    setTimeout(() => reject(new Error(`threadline serve did not start: ${log}`)), 60_000);
  });
  return { url, proc, dir, tokens };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Team versions of `name`, oldest first, straight from the API (the admin's token). */
async function teamVersions(s: Served, name: string): Promise<Array<{ version: number; sharedBy: string }>> {
  const res = await fetch(`${s.url}/api/artifacts?name=${encodeURIComponent(name)}&sort=version&dir=asc&limit=200`, { headers: { Authorization: `Bearer ${s.tokens.root}` } });
  const body = (await res.json()) as { items: Array<{ version: number; sharedBy: string }> };
  return body.items.map((a) => ({ version: a.version, sharedBy: a.sharedBy }));
}

/** A browser context on the served app that fails the test on page errors (failed team calls the app handles are expected). */
/** Set while a test has taken a context offline: the failed fetches it causes are expected then. */
let offline = false;

async function user(browser: Browser, s: Served, errors: string[]): Promise<{ context: BrowserContext; page: Page; team: TeamPages }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every refused or failed fetch; the app turns those into its own messages.
    if (/^Failed to load resource/.test(m.text()) && /\/(api\/|health)/.test(m.location().url)) return;
    if (offline && m.text() === 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED') return;
    errors.push(`console.error: ${m.text()}`);
  });
  const team = new TeamPages(page, s.url);
  await team.openApp();
  return { context, page, team };
}

test.describe('team catalog through threadline serve', () => {
  test.describe.configure({ mode: 'serial' });
  let s: Served;
  const errors: string[] = [];
  test.beforeAll(async () => {
    s = await serve();
  });
  test.afterAll(async () => {
    s?.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (s) rmSync(s.dir, { recursive: true, force: true });
  });
  test.afterEach(() => {
    expect(errors, 'the pages logged errors').toEqual([]);
  });

  test('two users share one name 20 times each, interleaved: team versions 0–39, no gap or duplicate, both views update; an unchanged share makes none', async ({ browser }) => {
    test.setTimeout(240_000);
    const ana = await user(browser, s, errors);
    const bo = await user(browser, s, errors);
    await ana.team.saveToken(s.tokens.ana, 'ana');
    await bo.team.saveToken(s.tokens.bo, 'bo');
    await ana.team.openArtifact('churn_metrics', 0);
    await bo.team.openArtifact('churn_metrics', 0);
    await ana.page.screenshot({ path: 'docs/screenshots/team-share-button.png' });
    // Each share holds something new (the description), or it would be the version already there.
    const anaMeta = new TagEditor(ana.page);
    const boMeta = new TagEditor(bo.page);
    for (let i = 0; i < 20; i++) {
      await anaMeta.setDescription(`ana ${i}`);
      await ana.team.share();
      await boMeta.setDescription(`bo ${i}`);
      await bo.team.share();
    }
    await expect(ana.team.shareStatus).toContainText('Shared with the team as churn_metrics:', { timeout: 60_000 });
    await expect(bo.team.shareStatus).toContainText('Shared with the team as churn_metrics:', { timeout: 60_000 });
    await expect.poll(async () => (await teamVersions(s, 'churn_metrics')).length, { timeout: 60_000 }).toBe(40);
    const versions = await teamVersions(s, 'churn_metrics');
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(versions.filter((v) => v.sharedBy === 'ana')).toHaveLength(20);
    expect(versions.filter((v) => v.sharedBy === 'bo')).toHaveLength(20);
    await ana.page.screenshot({ path: 'docs/screenshots/team-shared.png' });

    await ana.team.openTeamTab('churn_metrics');
    await bo.team.openTeamTab('churn_metrics');
    for (const u of [ana, bo]) {
      await expect(u.team.teamCount()).toContainText('40 shared versions match');
      await expect(u.team.teamRows).toHaveCount(40);
      await expect(u.team.teamRows.first().getByTestId('team-version')).toHaveText('0');
      await expect(u.team.teamRows.last().getByTestId('team-version')).toHaveText('39');
    }
    // Bo changes it and shares once more; Ana's open view picks it up without a reload.
    await bo.team.openArtifact('churn_metrics', 0);
    await boMeta.setDescription('bo, last word');
    await bo.team.share();
    await expect(bo.team.shareStatus).toContainText('churn_metrics:40', { timeout: 30_000 });
    await expect(ana.team.teamCount()).toContainText('41 shared versions match', { timeout: 20_000 });
    // Sharing it again unchanged says so, and makes no version.
    await bo.team.share();
    await expect(bo.team.shareStatus).toContainText('Already on the team server as churn_metrics:40, unchanged: no new version.', { timeout: 30_000 });
    await bo.page.screenshot({ path: 'docs/screenshots/team-share-unchanged.png' });
    expect(await teamVersions(s, 'churn_metrics')).toHaveLength(41);
    await ana.page.screenshot({ path: 'docs/screenshots/team-catalog.png', fullPage: false });
    await ana.context.close();
    await bo.context.close();
  });

  test('a read token’s share is refused with a clear message, and nothing is shared', async ({ browser }) => {
    const rita = await user(browser, s, errors);
    await rita.team.saveToken(s.tokens.rita, 'rita');
    const before = (await teamVersions(s, 'churn_features')).length;
    await rita.team.openArtifact('churn_features', 0);
    await rita.team.share();
    await expect(rita.team.shareStatus).toContainText('The team server refused this share: This needs the write role; your token has read.');
    expect(await teamVersions(s, 'churn_features')).toHaveLength(before);
    await rita.page.goto(`${s.url}/settings#team`);
    await expect(rita.page.getByTestId('outbox-item').first()).toHaveAttribute('data-state', 'refused');
    await expect(rita.page.getByTestId('outbox-summary')).toContainText('1 share refused');
    await rita.page.getByTestId('team-section').screenshot({ path: 'docs/screenshots/team-settings-refused.png' });
    await rita.context.close();
  });

  test('an offline share waits in the outbox and goes through when the network is back', async ({ browser }) => {
    const ana = await user(browser, s, errors);
    await ana.team.saveToken(s.tokens.ana, 'ana');
    const before = (await teamVersions(s, 'churn_model')).length;
    await ana.team.openArtifact('churn_model', 0);
    offline = true;
    await ana.context.setOffline(true);
    await ana.team.share();
    await expect(ana.team.shareStatus).toContainText('Waiting in the outbox', { timeout: 20_000 });
    await ana.page.screenshot({ path: 'docs/screenshots/team-offline-waiting.png' });
    await ana.page.waitForTimeout(1500);
    expect(await teamVersions(s, 'churn_model')).toHaveLength(before);
    await ana.context.setOffline(false);
    offline = false;
    await expect(ana.team.shareStatus).toContainText(`Shared with the team as churn_model:${before}`, { timeout: 30_000 });
    expect(await teamVersions(s, 'churn_model')).toHaveLength(before + 1);
    await ana.context.close();
  });

  test('sharing a catalog selection queues one share per selected version, all sent', async ({ browser }) => {
    const bo = await user(browser, s, errors);
    await bo.team.saveToken(s.tokens.bo, 'bo');
    const before = { f: (await teamVersions(s, 'churn_features')).length, m: (await teamVersions(s, 'churn_model')).length };
    await bo.page.goto(`${s.url}/artifacts`);
    const catalog = new CatalogPage(bo.page);
    await catalog.waitForRows();
    await catalog.select('churn_features');
    await catalog.select('churn_model');
    await expect(bo.page.getByTestId('share-team-selection')).toHaveText('Share with the team (2)');
    await bo.page.screenshot({ path: 'docs/screenshots/team-share-selection.png' });
    await bo.page.getByTestId('share-team-selection').click();
    await expect.poll(async () => [(await teamVersions(s, 'churn_features')).length, (await teamVersions(s, 'churn_model')).length], { timeout: 30_000 }).toEqual([before.f + 1, before.m + 1]);
    await bo.page.goto(`${s.url}/settings#team`);
    await expect(bo.page.getByTestId('outbox-item')).toHaveCount(2);
    await expect(bo.page.locator('[data-testid="outbox-item"][data-state="sent"]')).toHaveCount(2);
    await bo.context.close();
  });

  test('Import to my workspace gives the artifact locally with its slice and graph', async ({ browser }) => {
    const rita = await user(browser, s, errors);
    await rita.team.saveToken(s.tokens.rita, 'rita');
    await rita.team.openTeamTab('churn_metrics');
    await expect(rita.team.teamRows.first()).toBeVisible();
    const link = await rita.team.importRow('churn_metrics', 3);
    // The sample already holds churn_metrics:0 in this browser, so the import is version 1 here.
    await expect(link).toHaveText('churn_metrics:1');
    await link.click();
    await expect(rita.page.getByTestId('artifact-heading')).toHaveText('churn_metrics:1');
    await expect(rita.page.getByTestId('slice-code')).toContainText('metrics = {');
    // Where it came from stays with it.
    const shared = (await teamVersions(s, 'churn_metrics')).find((v) => v.version === 3)!;
    await expect(rita.page.getByTestId('artifact-from-team')).toContainText(`Imported from the team catalog on `);
    await expect(rita.page.getByTestId('artifact-from-team')).toContainText(`churn_metrics:3, shared by ${shared.sharedBy} on `);
    await expect(rita.page.getByTestId('artifact-from-team')).toContainText('(here churn_metrics:1)');
    await expect(rita.page.getByTestId('slice-graph').locator('.react-flow__node').first()).toBeVisible({ timeout: 20_000 });
    await rita.page.screenshot({ path: 'docs/screenshots/team-imported.png' });
    for (const scheme of ['light', 'dark'] as const) {
      await rita.page.emulateMedia({ colorScheme: scheme });
      await rita.team.openTeamTab('churn_metrics');
      await expect(rita.team.teamRows.first()).toBeVisible();
      expect(await seriousViolations(rita.page)).toEqual([]);
      await rita.page.goto(`${s.url}/settings#team`);
      await expect(rita.page.getByTestId('outbox-empty')).toBeVisible();
      expect(await seriousViolations(rita.page)).toEqual([]);
    }
    await expect(rita.page.getByTestId('team-section')).toBeInViewport();
    await rita.page.screenshot({ path: 'docs/screenshots/team-settings-dark.png' });
    await rita.context.close();
  });
});
