/// <reference lib="webworker" />
/**
 * Bundle import and export off the UI thread (over the bridge, ./bridge.ts). The worker reads the file, parses and
 * validates it record by record, and writes it in the store's one transaction, reporting
 * progress. Cancel = terminate the worker: the open transaction aborts, nothing is written.
 */
import type { TeamProvenance } from '../core/model';
import { serve, type ServeContext } from './bridge';
import type { ThreadlineErrorKind } from '../core/errors';
import { toWorkerError, workerDatabase } from './shared';
import {
  bundleJsonParts,
  exportBundle,
  importBundle,
  InvalidBundleError,
  type BundleProblem,
  type ImportProgress,
  type ImportResult,
} from '../store';

/** An error as plain data (it crosses the worker boundary); `problems` for an invalid bundle. */
export type BundleWorkerError = {
  kind: ThreadlineErrorKind | 'unknown';
  message: string;
  where?: string;
  reason?: string;
  problems?: BundleProblem[];
  stopped?: boolean;
};

export type BundleWorkerResult<T> = { ok: true; result: T } | { ok: false; error: BundleWorkerError };

/** Progress as the UI shows it: reading the file, then records checked, then records written. */
export type BundleProgress = { phase: 'reading' } | ImportProgress;

function toBundleWorkerError(error: unknown): BundleWorkerError {
  if (error instanceof InvalidBundleError) {
    return { kind: 'input', message: error.message, ...(error.where ? { where: error.where } : {}), problems: error.problems, stopped: error.stopped };
  }
  return toWorkerError(error);
}

/** At most one progress message per 50 ms (and always the last one of a phase). */
function throttled(send: (p: BundleProgress) => void): (p: BundleProgress) => void {
  let last = 0;
  let phase = '';
  return (p) => {
    const now = performance.now();
    const final = 'done' in p && p.done === p.total;
    if (p.phase !== phase || final || now - last >= 50) {
      phase = p.phase;
      last = now;
      send(p);
    }
  };
}

const api = {
  async importFile({ file, dbName, fromTeam }: { file: Blob; dbName?: string; fromTeam?: TeamProvenance }, ctx: ServeContext<BundleProgress>): Promise<BundleWorkerResult<ImportResult>> {
    try {
      const progress = throttled(ctx.progress);
      progress({ phase: 'reading' });
      let text: string;
      try {
        text = await file.text();
      } catch {
        const mb = Math.round(file.size / 1024 / 1024);
        return { ok: false, error: { kind: 'input', message: `This file (${mb.toLocaleString('en-US')} MB) could not be read as text, so it was not imported. Nothing was changed.` } };
      }
      return { ok: true, result: await importBundle(workerDatabase(dbName), text, { onProgress: progress, ...(fromTeam ? { fromTeam } : {}) }) };
    } catch (error) {
      return { ok: false, error: toBundleWorkerError(error) };
    }
  },

  /** The whole store as a JSON Blob, built from parts so a big store never becomes one string. */
  async exportFile({ dbName }: { dbName?: string }): Promise<BundleWorkerResult<Blob>> {
    try {
      const bundle = await exportBundle(workerDatabase(dbName));
      return { ok: true, result: new Blob(bundleJsonParts(bundle), { type: 'application/json' }) };
    } catch (error) {
      return { ok: false, error: toBundleWorkerError(error) };
    }
  },
};

export type BundleWorkerApi = typeof api;
serve(api, self);
