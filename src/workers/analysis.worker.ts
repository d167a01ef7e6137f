/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { buildIngestPlan } from '../core/ingest';
import { ThreadlineError, type ThreadlineErrorKind } from '../core/errors';
import { ingestPlan, openThreadlineDb, type IngestResult, type ThreadlineDB } from '../store';

/** Errors cross the worker boundary as plain data so the UI can show the user-facing sentence. */
export type WorkerError = { kind: ThreadlineErrorKind | 'unknown'; message: string; where?: string; reason?: string };

export type WorkerIngestResult = { ok: true; result: IngestResult } | { ok: false; error: WorkerError };

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof ThreadlineError) {
    const where = 'where' in error && typeof error.where === 'string' ? error.where : undefined;
    const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : undefined;
    return { kind: error.kind, message: error.message, ...(where ? { where } : {}), ...(reason ? { reason } : {}) };
  }
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

let db: ThreadlineDB | undefined;
let dbName: string | undefined;

function crashSoon(): Promise<never> {
  // e2e only (see the UI's worker client): an uncaught throw, as a worker bug would give.
  setTimeout(() => {
    throw new Error('simulated analysis worker crash');
  });
  return new Promise<never>(() => {});
}

const api = {
  /**
   * Analyse and store in this worker: the plan (tens of thousands of records for a big notebook)
   * is never cloned to the UI thread, and IndexedDB serialises the records here, not there.
   * The write is the store's one all-or-nothing transaction; terminating the worker mid-write
   * aborts it, so a cancel leaves nothing behind.
   */
  async ingest(
    name: string,
    bytes: Uint8Array,
    opts: { author: string; dbName?: string; crashForTest?: boolean },
    onPhase?: (phase: 'saving') => void,
  ): Promise<WorkerIngestResult> {
    if (opts.crashForTest) return crashSoon();
    try {
      const plan = await buildIngestPlan(name, bytes, { maxIngestBytes: Number.POSITIVE_INFINITY });
      onPhase?.('saving');
      if (!db || dbName !== opts.dbName) {
        db?.close();
        db = opts.dbName ? openThreadlineDb(opts.dbName) : openThreadlineDb();
        dbName = opts.dbName;
      }
      return { ok: true, result: await ingestPlan(db, plan, { author: opts.author }) };
    } catch (error) {
      return { ok: false, error: toWorkerError(error) };
    }
  },
};

export type AnalysisWorkerApi = typeof api;
Comlink.expose(api);
