/** Test helper: a notebook version built by the real ingest pipeline from cell sources. */
import { buildIngestPlan } from '../../ingest';
import type { NotebookVersion } from '../version';

export interface TestCell {
  source: string;
  /** Execution count (null: never run). Default: the cell's position among code cells + 1. */
  count?: number | null;
  markdown?: boolean;
}

/** The .ipynb text of these cells. */
export function notebookText(cells: ReadonlyArray<TestCell | string>): string {
  let n = 0;
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { language_info: { name: 'python', version: '3.11.4' } },
    cells: cells.map((c) => {
      const cell = typeof c === 'string' ? { source: c } : c;
      if (cell.markdown) return { cell_type: 'markdown', metadata: {}, source: cell.source };
      n++;
      return { cell_type: 'code', metadata: {}, source: cell.source, outputs: [], execution_count: cell.count === undefined ? n : cell.count };
    }),
  });
}

/** Analyses the cells as `nb.ipynb`; artifacts get version = their index among saves. */
export async function version(cells: ReadonlyArray<TestCell | string>): Promise<NotebookVersion> {
  const plan = await buildIngestPlan('nb.ipynb', new TextEncoder().encode(notebookText(cells)));
  return {
    sourceCodes: plan.sourceCodes,
    nodes: plan.nodes,
    bindings: plan.session.bindings,
    artifacts: plan.artifacts.map((a, i) => ({ name: a.name, version: i, sliceDigest: a.sliceDigest, nodeId: a.nodeId })),
  };
}
