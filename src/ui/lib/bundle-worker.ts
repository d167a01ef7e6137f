/**
 * The UI side of the bundle worker: import a file and export the store without blocking the
 * UI thread. Aborting an import terminates the worker (its transaction aborts, nothing is
 * written); a crash fails the call instead of leaving it pending.
 */
import * as Comlink from 'comlink';
import { InputError, type ThreadlineError } from '../../core/errors';
import { InvalidBundleError, type ImportResult } from '../../store';
import type { BundleProgress, BundleWorkerApi, BundleWorkerError, BundleWorkerResult } from '../../workers/bundle.worker';
import { errorFromWorker } from '../actions/ingestFile';
import { appDb } from './db';

export type { BundleProgress } from '../../workers/bundle.worker';

let worker: Worker | undefined;
let remote: Comlink.Remote<BundleWorkerApi> | undefined;

function call<T>(what: string, signal: AbortSignal | undefined, run: (r: Comlink.Remote<BundleWorkerApi>) => Promise<BundleWorkerResult<T>>): Promise<T> {
  if (!worker) {
    worker = new Worker(new URL('../../workers/bundle.worker.ts', import.meta.url), { type: 'module', name: 'bundle' });
    remote = Comlink.wrap<BundleWorkerApi>(worker);
  }
  const mine = worker;
  const dispose = () => {
    if (worker === mine) {
      mine.terminate();
      worker = undefined;
      remote = undefined;
    }
  };
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      mine.removeEventListener('error', onCrash);
      mine.removeEventListener('messageerror', onCrash);
    };
    const onAbort = () => {
      cleanup();
      dispose();
      reject(new InputError(`The ${what} was cancelled. Nothing was changed.`));
    };
    const onCrash = (e: Event) => {
      e.preventDefault();
      cleanup();
      dispose();
      reject(new Error(`the ${what} stopped unexpectedly. Nothing was changed; you can try again.`));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    mine.addEventListener('error', onCrash);
    mine.addEventListener('messageerror', onCrash);
    run(remote!).then(
      (outcome) => {
        cleanup();
        if (outcome.ok) resolve(outcome.result);
        else reject(fromWorker(what, outcome.error));
      },
      (e: unknown) => {
        cleanup();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function fromWorker(what: string, error: BundleWorkerError): ThreadlineError | Error {
  if (error.problems && error.problems.length > 0) return new InvalidBundleError(error.problems, error.stopped === true);
  if (error.kind === 'unknown') return new Error(`the ${what} failed (${error.message}). Nothing was changed.`);
  return errorFromWorker('the bundle', error);
}

/** Reads, checks and writes a bundle file in the bundle worker, with progress. */
export function importBundleInWorker(file: File, opts: { signal?: AbortSignal; onProgress?: (p: BundleProgress) => void } = {}): Promise<ImportResult> {
  return call('import', opts.signal, (r) => r.importFile(file, { dbName: appDb().name }, Comlink.proxy((p: BundleProgress) => opts.onProgress?.(p))));
}

/** The whole store as a JSON Blob, built in the bundle worker. */
export function exportBundleInWorker(): Promise<Blob> {
  return call('export', undefined, (r) => r.exportFile({ dbName: appDb().name }));
}
