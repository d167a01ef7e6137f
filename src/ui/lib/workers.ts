/**
 * The UI side of the analysis and layout workers, both over the one worker bridge
 * (src/workers/bridge.ts): aborting terminates the worker (a fresh one starts next time), a
 * crash fails the call with a sentence, and an analysis with no sign of life is stopped.
 */
import { InputError } from '../../core/errors';
import { createBridge, WorkerExitError, WorkerStallError } from '../../workers/bridge';
import type { AnalysisWorkerApi, IngestProgress, WorkerIngestResult } from '../../workers/analysis.worker';
import type { VersionComparison } from '../../core/history/compare';
import type { LayoutWorkerApi } from '../../workers/layout.worker';
import type { LayoutEdgeInput, LayoutNodeInput, LayoutOptions, LayoutResult } from '../../core/graph/layered';

/** An analysis that reports nothing for this long is stopped (its progress must keep moving). */
export const ANALYSIS_STALL_MS = 120_000;
/**
 * The save is one transaction that reports nothing until it commits, and the worker's thread is
 * busy cloning the records, so it cannot send a heartbeat. Its bound grows with the plan: 1 ms
 * a node, about five times the 82 s measured for 450,000 nodes on a loaded 2-core machine.
 */
export const SAVE_STALL_MS_PER_NODE = 1;

function stallText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.round(s / 60)} minutes` : s === 1 ? '1 second' : `${s} seconds`;
}

/** One call at a time: a cancel terminates only the call it belongs to, never a queued one. */
const analysis = createBridge<AnalysisWorkerApi>(
  () => new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
  { serial: true, abortMessage: 'Analysis cancelled' },
);

/** Analyse and store a file entirely in the analysis worker: the UI thread only waits. */
export async function ingestInWorker(
  name: string,
  bytes: Uint8Array,
  opts: { author: string; dbName?: string; maxNodes?: number; notebookKey?: string; signal?: AbortSignal; onProgress?: (progress: IngestProgress) => void },
): Promise<WorkerIngestResult> {
  try {
    return await analysis.call(
      'ingest',
      {
        name,
        bytes,
        author: opts.author,
        ...(opts.dbName ? { dbName: opts.dbName } : {}),
        ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
        ...(opts.notebookKey !== undefined ? { notebookKey: opts.notebookKey } : {}),
      },
      {
        transfer: [bytes.buffer as ArrayBuffer],
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        stall: {
          ms: ANALYSIS_STALL_MS,
          after: (progress) => (progress.phase === 'saving' && progress.nodes ? progress.nodes * SAVE_STALL_MS_PER_NODE : undefined),
        },
      },
    );
  } catch (error) {
    if (error instanceof WorkerStallError) {
      throw new InputError(
        `The analysis of ${name} made no progress for ${stallText(error.ms)}, so it was stopped. Nothing was saved. ` +
          'The file may be too big to analyse here: split it, or lower the “Node limit per file” in Settings.',
        'analysis time',
      );
    }
    if (error instanceof WorkerExitError) {
      throw new Error(`the analysis of ${name} stopped unexpectedly${error.detail ? ` (${error.detail})` : ''}. Nothing was saved; you can try again.`, { cause: error });
    }
    throw error;
  }
}

const layout = createBridge<LayoutWorkerApi>(
  () => new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }),
  { abortMessage: 'Layout cancelled' },
);

/**
 * Lay out a graph in the layout worker. Cancelling terminates the worker (a new one
 * starts for the next request), so a stale layout never blocks a new one.
 */
export function layoutInWorker(nodes: LayoutNodeInput[], edges: LayoutEdgeInput[], opts: LayoutOptions, signal?: AbortSignal): Promise<LayoutResult> {
  return layout.call('layout', { nodes, edges, opts }, signal ? { signal } : {});
}

/**
 * Comparisons run in their own analysis worker, so one never waits behind an ingest (the
 * ingest bridge is serial) and an ingest's stall bound never counts a comparison. A superseded
 * comparison is aborted (its worker terminated; a fresh one starts for the next).
 */
const history = createBridge<AnalysisWorkerApi>(
  () => new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'history' }),
  { abortMessage: 'Comparison cancelled' },
);

/** Compare two stored versions of a notebook off the UI thread (`older` absent: the newer one's untrusted outputs only). */
export function compareInWorker(older: string | undefined, newer: string, opts: { dbName?: string; signal?: AbortSignal } = {}): Promise<VersionComparison> {
  return history.call('compare', { newer, ...(older ? { older } : {}), ...(opts.dbName ? { dbName: opts.dbName } : {}) }, opts.signal ? { signal: opts.signal } : {});
}
