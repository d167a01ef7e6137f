import * as Comlink from 'comlink';
import type { AnalysisWorkerApi, WorkerIngestResult } from '../../workers/analysis.worker';
import type { LayoutWorkerApi } from '../../workers/layout.worker';
import type { LayoutEdgeInput, LayoutNodeInput, LayoutOptions, LayoutResult } from '../../workers/layered';

let analysisWorker: Worker | undefined;
let analysis: Comlink.Remote<AnalysisWorkerApi> | undefined;
let layoutWorker: Worker | undefined;
let layoutRemote: Comlink.Remote<LayoutWorkerApi> | undefined;

/**
 * Run one call on the analysis worker. Aborting terminates the worker (a fresh one starts next
 * time); a crash inside the worker fails the call instead of leaving it pending for ever.
 */
function callAnalysisWorker<T>(
  name: string,
  signal: AbortSignal | undefined,
  call: (remote: Comlink.Remote<AnalysisWorkerApi>, crashForTest: boolean) => Promise<T>,
): Promise<T> {
  if (!analysisWorker) {
    analysisWorker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    analysis = Comlink.wrap<AnalysisWorkerApi>(analysisWorker);
  }
  const worker = analysisWorker;
  const remote = analysis!;
  const dispose = () => {
    if (analysisWorker === worker) {
      worker.terminate();
      analysisWorker = undefined;
      analysis = undefined;
    }
  };
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      worker.removeEventListener('error', onCrash);
      worker.removeEventListener('messageerror', onCrash);
    };
    const onAbort = () => {
      cleanup();
      dispose();
      reject(new DOMException('Analysis cancelled', 'AbortError'));
    };
    const onCrash = (e: Event) => {
      e.preventDefault();
      cleanup();
      dispose();
      const detail = e instanceof ErrorEvent && e.message ? ` (${e.message.replace(/^Uncaught (Error: )?/, '')})` : '';
      reject(new Error(`the analysis of ${name} stopped unexpectedly${detail}. Nothing was saved; you can try again.`));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    const crashForTest = typeof window !== 'undefined' && (window as { __threadlineCrashAnalysisWorker?: boolean }).__threadlineCrashAnalysisWorker === true;
    call(remote, crashForTest).then(
      (r) => {
        cleanup();
        resolve(r);
      },
      (e: unknown) => {
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
  opts: { author: string; dbName?: string; signal?: AbortSignal; onSaving?: () => void },
): Promise<WorkerIngestResult> {
  return callAnalysisWorker<WorkerIngestResult>(name, opts.signal, (remote, crashForTest) =>
    remote.ingest(
      name,
      Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]),
      { author: opts.author, ...(opts.dbName ? { dbName: opts.dbName } : {}), ...(crashForTest ? { crashForTest } : {}) },
      Comlink.proxy(() => opts.onSaving?.()),
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
