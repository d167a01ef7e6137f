import * as Comlink from 'comlink';
import { InputError } from '../../core/errors';
import type { AnalysisWorkerApi, IngestProgress, WorkerIngestResult } from '../../workers/analysis.worker';
import type { LayoutWorkerApi } from '../../workers/layout.worker';
import type { LayoutEdgeInput, LayoutNodeInput, LayoutOptions, LayoutResult } from '../../workers/layered';

let analysisWorker: Worker | undefined;
let analysis: Comlink.Remote<AnalysisWorkerApi> | undefined;
let layoutWorker: Worker | undefined;
let layoutRemote: Comlink.Remote<LayoutWorkerApi> | undefined;

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

export const abortError = () => new DOMException('Analysis cancelled', 'AbortError');

/** A sign of life from the worker; `atLeastMs` lengthens the bound until the next one. */
type Alive = (atLeastMs?: number) => void;

/** One call at a time: a cancel terminates only the call it belongs to, never a queued one. */
let analysisTurn: Promise<unknown> = Promise.resolve();

/**
 * Run one call on the analysis worker. Aborting terminates the worker (a fresh one starts next
 * time); a crash inside the worker, or no sign of life for `ANALYSIS_STALL_MS`, fails the call
 * instead of leaving it pending for ever. `call` gets an `alive` callback to report progress.
 */
function callAnalysisWorker<T>(
  name: string,
  signal: AbortSignal | undefined,
  call: (remote: Comlink.Remote<AnalysisWorkerApi>, alive: Alive) => Promise<T>,
): Promise<T> {
  const turn = analysisTurn.then(() => runOnAnalysisWorker(name, signal, call));
  analysisTurn = turn.then(
    () => undefined,
    () => undefined,
  );
  if (!signal) return turn;
  // A call still waiting for its turn is cancelled at once.
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function runOnAnalysisWorker<T>(
  name: string,
  signal: AbortSignal | undefined,
  call: (remote: Comlink.Remote<AnalysisWorkerApi>, alive: Alive) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (!analysisWorker) {
    analysisWorker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    analysis = Comlink.wrap<AnalysisWorkerApi>(analysisWorker);
  }
  const worker = analysisWorker;
  const remote = analysis!;
  const baseStallMs = ANALYSIS_STALL_MS;
  let stallMs = baseStallMs;
  const dispose = () => {
    if (analysisWorker === worker) {
      worker.terminate();
      analysisWorker = undefined;
      analysis = undefined;
    }
  };
  return new Promise<T>((resolve, reject) => {
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const cleanup = () => {
      settled = true;
      clearTimeout(stallTimer);
      signal?.removeEventListener('abort', onAbort);
      worker.removeEventListener('error', onCrash);
      worker.removeEventListener('messageerror', onCrash);
    };
    const fail = (error: Error) => {
      cleanup();
      dispose();
      reject(error);
    };
    const onAbort = () => {
      void remote.cancel().catch(() => undefined);
      fail(abortError());
    };
    const onCrash = (e: Event) => {
      e.preventDefault();
      const detail = e instanceof ErrorEvent && e.message ? ` (${e.message.replace(/^Uncaught (Error: )?/, '')})` : '';
      fail(new Error(`the analysis of ${name} stopped unexpectedly${detail}. Nothing was saved; you can try again.`));
    };
    const onStall = () =>
      fail(
        new InputError(
          `The analysis of ${name} made no progress for ${stallText(stallMs)}, so it was stopped. Nothing was saved. ` +
            'The file may be too big to analyse here: split it, or lower the “Node limit per file” in Settings.',
          'analysis time',
        ),
      );
    const alive: Alive = (atLeastMs) => {
      if (settled) return;
      stallMs = Math.max(baseStallMs, atLeastMs ?? 0);
      clearTimeout(stallTimer);
      stallTimer = setTimeout(onStall, stallMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    alive();
    call(remote, alive).then(
      (r) => {
        if (settled) return;
        cleanup();
        resolve(r);
      },
      (e: unknown) => {
        if (settled) return;
        cleanup();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Analyse and store a file entirely in the analysis worker: the UI thread only waits. */
export function ingestInWorker(
  name: string,
  bytes: Uint8Array,
  opts: { author: string; dbName?: string; maxNodes?: number; signal?: AbortSignal; onProgress?: (progress: IngestProgress) => void },
): Promise<WorkerIngestResult> {
  return callAnalysisWorker<WorkerIngestResult>(name, opts.signal, (remote, alive) =>
    remote.ingest(
      name,
      Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]),
      {
        author: opts.author,
        ...(opts.dbName ? { dbName: opts.dbName } : {}),
        ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
      },
      Comlink.proxy((progress: IngestProgress) => {
        alive(progress.phase === 'saving' && progress.nodes ? progress.nodes * SAVE_STALL_MS_PER_NODE : undefined);
        opts.onProgress?.(progress);
      }),
    ),
  );
}

/**
 * Lay out a graph in the layout worker. Cancelling terminates the worker (a new one
 * starts for the next request), so a stale layout never blocks a new one.
 */
export function layoutInWorker(
  nodes: LayoutNodeInput[],
  edges: LayoutEdgeInput[],
  opts: LayoutOptions,
  signal?: AbortSignal,
): Promise<LayoutResult> {
  if (!layoutWorker) {
    layoutWorker = new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' });
    layoutRemote = Comlink.wrap<LayoutWorkerApi>(layoutWorker);
  }
  const worker = layoutWorker;
  const remote = layoutRemote!;
  return new Promise<LayoutResult>((resolve, reject) => {
    const onAbort = () => {
      if (layoutWorker === worker) {
        worker.terminate();
        layoutWorker = undefined;
        layoutRemote = undefined;
      }
      reject(new DOMException('Layout cancelled', 'AbortError'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    remote.layout(nodes, edges, opts).then(
      (r) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (e: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
