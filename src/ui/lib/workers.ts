import * as Comlink from 'comlink';
import type { AnalysisWorkerApi, AnalysisResult } from '../../workers/analysis.worker';
import type { LayoutWorkerApi } from '../../workers/layout.worker';
import type { LayoutEdgeInput, LayoutNodeInput, LayoutOptions, LayoutResult } from '../../workers/layered';

let analysisWorker: Worker | undefined;
let analysis: Comlink.Remote<AnalysisWorkerApi> | undefined;
let layoutWorker: Worker | undefined;
let layoutRemote: Comlink.Remote<LayoutWorkerApi> | undefined;

/** Analyse a file off the UI thread. Aborting terminates the worker (a fresh one starts next time). */
export function analyseInWorker(name: string, bytes: Uint8Array, signal?: AbortSignal): Promise<AnalysisResult> {
  if (!analysisWorker) {
    analysisWorker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    analysis = Comlink.wrap<AnalysisWorkerApi>(analysisWorker);
  }
  const worker = analysisWorker;
  const remote = analysis!;
  return new Promise<AnalysisResult>((resolve, reject) => {
    const onAbort = () => {
      if (analysisWorker === worker) {
        worker.terminate();
        analysisWorker = undefined;
        analysis = undefined;
      }
      reject(new DOMException('Analysis cancelled', 'AbortError'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    remote.analyse(name, Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])).then(
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
