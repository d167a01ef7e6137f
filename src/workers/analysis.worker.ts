/// <reference lib="webworker" />
/**
 * The analysis worker: reads, analyses and stores one file per call, and compares two stored
 * versions of a notebook (`compare`), answering over the bridge (./bridge.ts).
 */
import { buildIngestPlan, type BuildIngestOptions } from '../core/ingest';
import { compareVersions, type VersionComparison } from '../core/history/compare';
import type { NotebookVersion } from '../core/history/version';
import { ingestPlan, listArtifacts, loadSessionGraph, type IngestResult, type ThreadlineDB } from '../store';

import { serve, type ServeContext } from './bridge';
import { toWorkerError, workerDatabase, type WorkerError } from './shared';

export type { WorkerError } from './shared';

export type WorkerIngestResult = { ok: true; result: IngestResult } | { ok: false; error: WorkerError };

/**
 * What the worker reports while it works. `done`/`total` come from the analyser (statements or
 * cells analysed); `sessionId` lets the UI tell, after a cancel during saving, whether the one
 * transaction had already committed.
 */
export type IngestProgress = { phase: 'analysing'; done?: number; total?: number } | { phase: 'saving'; sessionId: string; nodes?: number };

/**
 * The analyser's progress, budget and cancel options. They are being added to
 * `BuildIngestOptions` in the core; the intersection lets this compile before and after.
 */
type PlanOptions = BuildIngestOptions & {
  maxNodes?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: { aborted: boolean };
};

/** At most one analyser progress message per this many ms (the last one always goes). */
const PROGRESS_EVERY_MS = 100;

/** A stored session as the history engine reads it: graph, end bindings and its artifacts. */
async function storedVersion(db: ThreadlineDB, sessionId: string): Promise<NotebookVersion> {
  const [graph, artifacts] = await Promise.all([loadSessionGraph(db, sessionId), listArtifacts(db, { sessionId })]);
  return {
    sourceCodes: graph.sourceCodes,
    nodes: graph.nodes,
    bindings: graph.session.bindings,
    artifacts: artifacts.map((a) => ({ name: a.name, version: a.version, sliceDigest: a.sliceDigest, nodeId: a.nodeId })),
  };
}

const api = {
  /**
   * Analyse and store in this worker: the plan (tens of thousands of records for a big notebook)
   * is never cloned to the UI thread, and IndexedDB serialises the records here, not there.
   * The write is the store's one all-or-nothing transaction; terminating the worker mid-write
   * aborts it, so a cancel leaves nothing behind. A cancel also aborts `signal`, which the
   * analyser checks between statements.
   */
  async ingest(
    { name, bytes, ...opts }: { name: string; bytes: Uint8Array; author: string; dbName?: string; maxNodes?: number; notebookKey?: string },
    { signal, progress: onProgress }: ServeContext<IngestProgress>,
  ): Promise<WorkerIngestResult> {
    try {
      onProgress({ phase: 'analysing' });
      let last = 0;
      const planOpts: PlanOptions = {
        maxIngestBytes: Number.POSITIVE_INFINITY,
        ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
        ...(opts.notebookKey !== undefined ? { notebookKey: opts.notebookKey } : {}),
        signal,
        onProgress: (done, total) => {
          const now = Date.now();
          if (done < total && now - last < PROGRESS_EVERY_MS) return;
          last = now;
          onProgress({ phase: 'analysing', done, total });
        },
      };
      const plan = await buildIngestPlan(name, bytes, planOpts);
      if (signal.aborted) return { ok: false, error: { kind: 'input', message: `Cancelled: ${name} was not added.` } };
      const saving: IngestProgress = { phase: 'saving', sessionId: plan.session.id, nodes: plan.nodes.length };
      onProgress(saving);
      return { ok: true, result: await ingestPlan(workerDatabase(opts.dbName), plan, { author: opts.author }) };
    } catch (error) {
      return { ok: false, error: toWorkerError(error) };
    }
  },

  /**
   * Compare two stored versions of a notebook (`older` absent: only the newer one's untrusted
   * outputs). Read and computed here: the first diff of a big notebook takes hundreds of ms.
   */
  async compare({ older, newer, dbName }: { older?: string; newer: string; dbName?: string }): Promise<VersionComparison> {
    const db = workerDatabase(dbName);
    const [before, after] = await Promise.all([older ? storedVersion(db, older) : undefined, storedVersion(db, newer)]);
    return compareVersions(before, after);
  },
};

export type AnalysisWorkerApi = typeof api;
serve(api, self);
