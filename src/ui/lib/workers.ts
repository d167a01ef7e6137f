import * as Comlink from 'comlink';
import type { AnalysisWorkerApi, AnalysisResult } from '../../workers/analysis.worker';
import type { LayoutWorkerApi } from '../../workers/layout.worker';
import type { LayoutEdgeInput, LayoutNodeInput, LayoutOptions, LayoutResult } from '../../workers/layered';

let analysis: Comlink.Remote<AnalysisWorkerApi> | undefined;
let layoutWorker: Worker | undefined;
let layoutRemote: Comlink.Remote<LayoutWorkerApi> | undefined;

/** Analyse a file off the UI thread. */
export function analyseInWorker(name: string, bytes: Uint8Array): Promise<AnalysisResult> {
  analysis ??= Comlink.wrap<AnalysisWorkerApi>(
    new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
  );
  return analysis.analyse(name, Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]));
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
