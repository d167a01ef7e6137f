/**
 * The UI side of the bundle worker, over the one worker bridge (src/workers/bridge.ts): import
 * a file and export the store without blocking the UI thread. Aborting an import terminates the
 * worker (its transaction aborts, nothing is written); a crash fails the call instead of leaving
 * it pending, and the next call gets a fresh worker.
 */
import { InputError, type ThreadlineError } from '../../core/errors';
import { InvalidBundleError, type ImportResult } from '../../store';
import { createBridge, WorkerExitError } from '../../workers/bridge';
import type { BundleProgress, BundleWorkerApi, BundleWorkerError, BundleWorkerResult } from '../../workers/bundle.worker';
import { errorFromWorker } from '../actions/ingestFile';
import { appDb } from './db';
import type { TeamProvenance } from '../../core/model';

export type { BundleProgress } from '../../workers/bundle.worker';

const bundle = createBridge<BundleWorkerApi>(
  () => new Worker(new URL('../../workers/bundle.worker.ts', import.meta.url), { type: 'module', name: 'bundle' }),
);

async function outcome<T>(what: string, call: Promise<BundleWorkerResult<T>>): Promise<T> {
  let result: BundleWorkerResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw new InputError(`The ${what} was cancelled. Nothing was changed.`);
    if (error instanceof WorkerExitError) throw new Error(`the ${what} stopped unexpectedly. Nothing was changed; you can try again.`, { cause: error });
    throw error;
  }
  if (result.ok) return result.result;
  throw fromWorker(what, result.error);
}

function fromWorker(what: string, error: BundleWorkerError): ThreadlineError | Error {
  if (error.problems && error.problems.length > 0) return new InvalidBundleError(error.problems, error.stopped === true);
  if (error.kind === 'unknown') return new Error(`the ${what} failed (${error.message}). Nothing was changed.`);
  return errorFromWorker('the bundle', error);
}

/** Reads, checks and writes a bundle file in the bundle worker, with progress. */
export function importBundleInWorker(file: File, opts: { signal?: AbortSignal; onProgress?: (p: BundleProgress) => void; fromTeam?: TeamProvenance } = {}): Promise<ImportResult> {
  return outcome(
    'import',
    bundle.call('importFile', { file, dbName: appDb().name, ...(opts.fromTeam ? { fromTeam: opts.fromTeam } : {}) }, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) }),
  );
}

/** The whole store as a JSON Blob, built in the bundle worker. */
export function exportBundleInWorker(): Promise<Blob> {
  return outcome('export', bundle.call('exportFile', { dbName: appDb().name }));
}
