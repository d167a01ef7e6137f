/**
 * The UI's handle on the run worker.
 *
 * Cancellation: when the page is cross-origin isolated (COOP/COEP, so SharedArrayBuffer
 * exists), `cancel()` writes SIGINT into Pyodide's interrupt buffer: the running cell stops
 * with a KeyboardInterrupt, the run ends `cancelled` with its values, and the interpreter
 * stays warm. Otherwise `cancel()` terminates the worker (the next run starts a new one and
 * pays the cold start again); the pending run resolves `cancelled` with the values that
 * had already reached the UI thread, cell by cell.
 */
import * as Comlink from 'comlink';
import type { CellRecord, RecordedValue, RunCell, RunResult, RunTarget, VerifyResult } from '../core/run';
import type { RunWorkerApi, RunWorkerOptions, VerifyWorkerOptions } from './run.worker';

export interface RunClientOptions {
  /** Allow fetching package wheels (numpy, pandas …) from Pyodide's CDN. Default false (offline-safe). */
  allowPackageDownloads?: boolean;
  /** For tests: how to start the worker. */
  createWorker?: () => Worker;
}

export interface RunClient {
  /** Runs cells in a fresh namespace; never rejects for notebook problems (see RunResult.status). */
  run(cells: RunCell[], targets: RunTarget[], onProgress?: (done: number, total: number) => void, options?: RunWorkerOptions): Promise<RunResult>;
  /** Compares the artifact's repr in the original session and in the slice. */
  verify(originalCells: RunCell[], sliceCode: string, variableName: string, options?: VerifyWorkerOptions): Promise<VerifyResult>;
  /** Stops the current run or verify. */
  cancel(): void;
  /** Starts Python ahead of the first run (optional). Resolves with the cold start time. */
  warmUp(): Promise<{ coldStartMs: number; crossOriginIsolated: boolean }>;
  /** True when cancel interrupts in place (interrupt buffer) rather than killing the worker. */
  readonly interruptible: boolean;
  /** Terminates the worker. */
  dispose(): void;
}

interface Pending {
  cancelWith(): void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module', name: 'run' });
}

export function createRunClient(options: RunClientOptions = {}): RunClient {
  const interruptible = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
  let worker: Worker | undefined;
  let remote: Comlink.Remote<RunWorkerApi> | undefined;
  let interrupt: Int32Array | undefined;
  let ready: Promise<{ coldStartMs: number; crossOriginIsolated: boolean }> | undefined;
  const pending = new Set<Pending>();

  function connect(): Comlink.Remote<RunWorkerApi> {
    if (remote) return remote;
    worker = (options.createWorker ?? defaultWorker)();
    remote = Comlink.wrap<RunWorkerApi>(worker);
    interrupt = interruptible ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    ready = remote.init({ allowPackageDownloads: options.allowPackageDownloads ?? false, ...(interrupt ? { interruptBuffer: interrupt } : {}) });
    ready.catch(() => {}); // Surfaced by the run itself.
    return remote;
  }

  function kill(): void {
    worker?.terminate();
    remote?.[Comlink.releaseProxy]();
    worker = undefined;
    remote = undefined;
    interrupt = undefined;
    ready = undefined;
  }

  /** Races a worker call against a kill-style cancel, which resolves with `onKill()`. */
  function guarded<T>(call: Promise<T>, onKill: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { cancelWith: () => resolve(onKill()) };
      pending.add(entry);
      call.then(resolve, (e: unknown) => reject(e instanceof Error ? e : new Error(String(e)))).finally(() => pending.delete(entry));
    });
  }

  return {
    interruptible,

    warmUp() {
      connect();
      return ready!;
    },

    run(cells, targets, onProgress, runOptions) {
      const api = connect();
      const startedAt = Date.now();
      const partial: { cells: CellRecord[]; values: RecordedValue[] } = { cells: [], values: [] };
      const sink = Comlink.proxy({
        progress: (done: number, total: number) => onProgress?.(done, total),
        cell: (cell: CellRecord, values: RecordedValue[]) => {
          partial.cells.push(cell);
          partial.values.push(...values);
        },
      });
      return guarded(api.run(cells, targets, sink, runOptions), () => ({
        status: 'cancelled',
        startedAt,
        endedAt: Date.now(),
        values: partial.values,
        cells: partial.cells,
        loadedPackages: [],
      }));
    },

    verify(originalCells, sliceCode, variableName, verifyOptions) {
      const api = connect();
      return guarded(api.verify(originalCells, sliceCode, variableName, verifyOptions), () => ({
        verified: false,
        original: '',
        slice: '',
        problem: 'Verification was cancelled.',
      }));
    },

    cancel() {
      if (!remote) return;
      if (interrupt) {
        Atomics.store(interrupt, 0, 2); // SIGINT → KeyboardInterrupt inside the running cell.
        void remote.cancel(); // And stop between cells / while packages load.
        return;
      }
      kill();
      for (const p of [...pending]) p.cancelWith();
      pending.clear();
    },

    dispose() {
      kill();
    },
  };
}
