/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { buildIngestPlan } from '../core/ingest';
import { ThreadlineError, type ThreadlineErrorKind } from '../core/errors';
import type { IngestPlan } from '../core/model';

/** Errors cross the worker boundary as plain data so the UI can show the user-facing sentence. */
export type AnalysisResult =
  | { ok: true; plan: IngestPlan }
  | { ok: false; error: { kind: ThreadlineErrorKind | 'unknown'; message: string; where?: string } };

const api = {
  async analyse(name: string, bytes: Uint8Array, opts: { crashForTest?: boolean } = {}): Promise<AnalysisResult> {
    if (opts.crashForTest) {
      // e2e only (see analyseInWorker): an uncaught throw, as a worker bug would give.
      setTimeout(() => {
        throw new Error('simulated analysis worker crash');
      });
      return new Promise<AnalysisResult>(() => {});
    }
    try {
      // The UI has already applied the user's size limit (Settings) before reading the file.
      return { ok: true, plan: await buildIngestPlan(name, bytes, { maxIngestBytes: Number.POSITIVE_INFINITY }) };
    } catch (error) {
      if (error instanceof ThreadlineError) {
        const where = 'where' in error && typeof error.where === 'string' ? error.where : undefined;
        return { ok: false, error: { kind: error.kind, message: error.message, ...(where ? { where } : {}) } };
      }
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { kind: 'unknown', message } };
    }
  },
};

export type AnalysisWorkerApi = typeof api;
Comlink.expose(api);
