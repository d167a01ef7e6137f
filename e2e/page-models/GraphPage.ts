import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { SessionsPage } from './SessionsPage';

export class GraphPage {
  readonly canvas: Locator;
  readonly nodes: Locator;
  readonly panel: Locator;
  readonly search: Locator;
  readonly cells: Locator;

  constructor(readonly page: Page) {
    this.cells = page.getByTestId('cell-node');
    this.canvas = page.getByTestId('graph-canvas');
    this.nodes = page.getByTestId('graph-node');
    this.panel = page.getByTestId('side-panel');
    this.search = page.getByTestId('graph-search');
  }

  /**
   * Waits for the laid-out graph. Notebooks open on the Cells view; the specs written for
   * statement nodes get the Statements view (the default `view`), switched to here.
   */
  async waitForLayout(view: 'statement' | 'cells' = 'statement'): Promise<void> {
    await expect(this.canvas).toHaveAttribute('data-layout-ready', 'true', { timeout: 30_000 });
    if (view === 'statement' && (await this.page.getByTestId('view-cells').getAttribute('aria-pressed')) === 'true') {
      await this.showView('statement');
      return;
    }
    if (view === 'cells' && (await this.page.getByTestId('view-cells').getAttribute('aria-pressed')) !== 'true') {
      await this.showView('cells');
      return;
    }
    await expect((view === 'cells' ? this.cells : this.nodes).first()).toBeVisible();
  }

  /** Switches the view (Cells, Statements, All nodes) and waits for its layout. */
  async showView(view: 'cells' | 'statement' | 'full'): Promise<void> {
    const button = this.page.getByTestId(`view-${view}`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(this.canvas).toHaveAttribute('data-layout-ready', 'true', { timeout: 30_000 });
    await expect((view === 'cells' ? this.cells : this.nodes).first()).toBeVisible();
  }

  /** The cell node titled `title` (`cell 3`). */
  cell(title: string): Locator {
    return this.cells.and(this.page.locator(`[data-cell="${title}"]`));
  }

  /** A node whose label contains `text` (code-like label, e.g. `model = LogisticRegression`). */
  node(text: string): Locator {
    return this.nodes.filter({ has: this.page.locator('.flow-node-label', { hasText: text }) }).first();
  }

  /**
   * Pans the canvas as a user would (dragging empty canvas) until `target` sits in the middle
   * part of it: the first view shows a readable part of a big graph, not all of it.
   */
  async reveal(target: Locator): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const c = await this.canvas.boundingBox();
      const b = await target.boundingBox();
      if (!c || !b) throw new Error('reveal: the canvas or the node has no box');
      const cx = b.x + b.width / 2;
      const cy = b.y + b.height / 2;
      if (cx > c.x + c.width * 0.2 && cx < c.x + c.width * 0.8 && cy > c.y + c.height * 0.2 && cy < c.y + c.height * 0.8) return;
      const limit = (v: number, m: number) => Math.max(-m, Math.min(m, v));
      const dx = limit(c.x + c.width / 2 - cx, c.width * 0.4);
      const dy = limit(c.y + c.height / 2 - cy, c.height * 0.4);
      const start = await this.emptyPanePoint(dx, dy);
      await this.page.mouse.move(start.x, start.y);
      await this.page.mouse.down();
      await this.page.mouse.move(start.x + dx, start.y + dy, { steps: 8 });
      await this.page.mouse.up();
    }
    throw new Error('reveal: the node did not come into view');
  }

  /** A point of empty canvas (the pane itself) from which a drag by (dx, dy) stays on the canvas. */
  async emptyPanePoint(dx = 0, dy = 0): Promise<{ x: number; y: number }> {
    const c = (await this.canvas.boundingBox())!;
    const point = await this.page.evaluate(
      ({ c, dx, dy }) => {
        for (let fy = 0.1; fy < 0.95; fy += 0.05) {
          for (let fx = 0.1; fx < 0.95; fx += 0.04) {
            const x = c.x + c.width * fx;
            const y = c.y + c.height * fy;
            const ex = x + dx;
            const ey = y + dy;
            if (ex < c.x + 10 || ex > c.x + c.width - 10 || ey < c.y + 10 || ey > c.y + c.height - 10) continue;
            if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
          }
        }
        return undefined;
      },
      { c, dx, dy },
    );
    if (!point) throw new Error('no empty canvas to drag');
    return point;
  }

  /** The React Flow viewport as the page shows it (the transform of the node layer). */
  async viewport(): Promise<{ x: number; y: number; zoom: number }> {
    return this.page.locator('.react-flow__viewport').evaluate((el) => {
      const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
      return { x: m.e, y: m.f, zoom: m.a };
    });
  }

  async select(text: string): Promise<void> {
    await this.reveal(this.node(text));
    // The viewport may still be easing into place after layout (fit view), so a click can land
    // on the pane the node just left; click again until the side panel shows the selection.
    await expect(async () => {
      await this.node(text).click();
      await expect(this.panel).toBeVisible({ timeout: 1_500 });
    }).toPass({ timeout: 15_000 });
  }

  async nameAsArtifact(name: string): Promise<string> {
    await this.panel.getByTestId('name-artifact').click();
    const dialog = this.page.getByTestId('name-dialog');
    await expect(dialog).toBeVisible();
    const input = dialog.getByTestId('artifact-name-input');
    await input.fill(name);
    const hint = (await dialog.getByTestId('next-version').textContent({ timeout: 10_000 })) ?? '';
    await input.press('Enter');
    await expect(dialog).toBeHidden();
    return hint;
  }

  /** "Name what this writes" on the selected statement: names its side effects. Returns the next-version hint. */
  async nameWhatThisWrites(name: string): Promise<string> {
    await this.panel.getByTestId('name-write').click();
    const dialog = this.page.getByTestId('name-dialog');
    await expect(dialog).toBeVisible();
    const input = dialog.getByTestId('artifact-name-input');
    await input.fill(name);
    const hint = (await dialog.getByTestId('next-version').textContent({ timeout: 10_000 })) ?? '';
    await input.press('Enter');
    await expect(dialog).toBeHidden();
    return hint;
  }

  /** Nodes in the current view (rendered or not: big views render only what is on screen). */
  async viewNodeCount(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-visible-nodes'));
  }

  async nodeCount(): Promise<number> {
    return this.nodes.count();
  }
}

/** From the sessions list (the sample is ingested on a first visit), open the sample's graph. */
export async function openSampleGraph(page: Page, view: 'statement' | 'cells' = 'statement'): Promise<GraphPage> {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.open('churn_analysis.ipynb');
  const graph = new GraphPage(page);
  await graph.waitForLayout(view);
  return graph;
}

/**
 * From the sessions list (after the sample's first-visit ingest), drop `file` (a path from the
 * repository root, e.g. `e2e/fixtures/report_writer.ipynb`, or an absolute path), wait until it
 * is listed, and open its graph in `view`.
 */
export async function openIngestedGraph(page: Page, file: string, view: 'statement' | 'cells' = 'statement'): Promise<GraphPage> {
  const sessions = new SessionsPage(page);
  await sessions.goto();
  await sessions.waitForSample();
  await sessions.ingestFile(file);
  const name = path.basename(file);
  await sessions.expectAdded(name);
  await sessions.open(name);
  const graph = new GraphPage(page);
  await graph.waitForLayout(view);
  return graph;
}

/** The side panel's header kind, its fields as a map, and its derivation text. */
export async function panelFacts(graph: GraphPage): Promise<{ kind: string; fields: Map<string, string>; dataflow: string }> {
  const kind = (await graph.panel.getByTestId('panel-kind').textContent()) ?? '';
  const rows = graph.panel.locator('dl.fields > div');
  const fields = new Map<string, string>();
  for (let i = 0; i < (await rows.count()); i++) {
    fields.set((await rows.nth(i).locator('dt').textContent()) ?? '', (await rows.nth(i).locator('dd').textContent()) ?? '');
  }
  const dataflow = (await graph.panel.getByTestId('panel-dataflow').textContent()) ?? '';
  return { kind, fields, dataflow };
}
