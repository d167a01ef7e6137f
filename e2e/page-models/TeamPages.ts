import { expect, type Locator, type Page } from '@playwright/test';
import { SessionsPage } from './SessionsPage';

/** Settings → Team, the share button and status of an artifact page, and the Team tab of the catalog, on a page served by `threadline serve`. */
export class TeamPages {
  readonly section: Locator;
  readonly shareButton: Locator;
  readonly shareStatus: Locator;
  readonly teamRows: Locator;

  constructor(
    readonly page: Page,
    readonly base: string,
  ) {
    this.section = page.getByTestId('team-section');
    this.shareButton = page.getByTestId('share-team');
    this.shareStatus = page.getByTestId('share-status');
    this.teamRows = page.getByTestId('team-row');
  }

  /** The first visit: the sample notebook is ingested with its three artifacts. */
  async openApp(): Promise<void> {
    await this.page.goto(`${this.base}/`);
    await new SessionsPage(this.page).waitForSample();
    await this.page.goto(`${this.base}/artifacts`);
    await expect(this.page.getByTestId('artifact-list').getByRole('link', { name: 'churn_metrics', exact: true })).toBeVisible({ timeout: 30_000 });
  }

  async saveToken(token: string, who: string): Promise<void> {
    await this.page.goto(`${this.base}/settings#team`);
    await this.section.getByTestId('team-token-input').fill(token);
    await this.section.getByTestId('team-token-save').click();
    await expect(this.section.getByTestId('team-me')).toHaveText(who);
  }

  async openArtifact(name: string, version: number): Promise<void> {
    await this.page.goto(`${this.base}/a/${encodeURIComponent(name)}/${version}`);
    await expect(this.page.getByTestId('artifact-heading')).toHaveText(`${name}:${version}`);
    // The page's lazy parts (the code view, the slice graph) are loaded before anything else happens.
    await expect(this.page.getByTestId('slice-code')).toContainText('import ');
    await expect(this.page.getByTestId('slice-graph').locator('.react-flow__node').first()).toBeVisible({ timeout: 20_000 });
  }

  async share(): Promise<void> {
    await this.shareButton.click();
  }

  /** The Team tab, every version, filtered to one name. */
  async openTeamTab(name: string): Promise<void> {
    await this.page.goto(`${this.base}/artifacts?tab=team&tview=versions&tq=${encodeURIComponent(name)}&tsort=version:asc`);
    await expect(this.page.getByTestId('team-catalog')).toBeVisible();
  }

  teamCount(): Locator {
    return this.page.getByTestId('team-count');
  }

  async importRow(name: string, version: number): Promise<Locator> {
    const row = this.page.locator(`[data-testid="team-row"][data-name="${name}"][data-version="${version}"]`);
    await row.getByTestId('team-import').click();
    const done = row.getByTestId('team-imported-link');
    await expect(done).toBeVisible({ timeout: 30_000 });
    return done;
  }
}
