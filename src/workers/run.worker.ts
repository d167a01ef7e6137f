/// <reference lib="webworker" />
/**
 * The run worker. It runs INSIDE the run sandbox (src/workers/sandbox-host.ts: an iframe
 * with an opaque origin and a strict CSP), started from a blob: URL that imports this
 * module, so Python here has no IndexedDB, no storage, no cookies, no DOM and no network
 * beyond what the sandbox's CSP allows (our origin for the runtime files; Pyodide's CDN
 * only in the packages sandbox).
 *
 * It talks to the sandbox host by postMessage: first an `init` (where Pyodide is, whether
 * package downloads are allowed, the interrupt buffer when the sandbox is cross-origin
 * isolated), then it `serve`s `RunWorkerApi` over the worker bridge (src/workers/bridge.ts;
 * the host relays the app's calls and checks them with src/workers/sandbox-protocol.ts).
 * A bridge cancel aborts the call's signal: runs stop between cells and while packages load.
 *
 * Pyodide is imported by URL at run time (only a type import here), so it never enters a
 * JS chunk. Runs are serialised: one at a time (one warm interpreter, one namespace per run);
 * each slice verification gets two fresh interpreters of its own.
 */
import type { PyodideAPI } from 'pyodide';
import { runSession, verifySlice } from '../core/run';
import type { RunResult, VerifyResult } from '../core/run';
import { serve, type ServeContext } from './bridge';
import { isWorkerInit, PYODIDE_CDN, type FromSandbox, type RunInput, type RunProgress, type VerifyInput, type Warm, type WorkerInit } from './sandbox-protocol';

type LoadPyodide = (config: { indexURL: string; packageBaseUrl?: string; stdout?: (s: string) => void; stderr?: (s: string) => void }) => Promise<PyodideAPI>;

let config: WorkerInit | undefined;
let pyodidePromise: Promise<{ py: PyodideAPI; warm: Warm }> | undefined;
let queue: Promise<unknown> = Promise.resolve();

// Captured now: Python can reassign `self.postMessage`, the host validates everything anyway.
const post = self.postMessage.bind(self) as (message: FromSandbox) => void;
const listen = self.addEventListener.bind(self) as (type: 'message', listener: (event: MessageEvent) => void) => void;

/** A new interpreter (its own module state), loaded from our origin. */
async function createPython(): Promise<PyodideAPI> {
  if (!config) throw new Error('the sandbox did not configure the worker');
  const url = config.indexURL;
  const mod = (await import(/* @vite-ignore */ `${url}pyodide.mjs`)) as { loadPyodide: LoadPyodide; version: string };
  const py = await mod.loadPyodide({
    indexURL: url,
    ...(config.allowPackageDownloads ? { packageBaseUrl: `${PYODIDE_CDN}/pyodide/v${mod.version}/full/` } : {}),
    stdout: () => {},
    stderr: () => {},
  });
  if (config.interruptBuffer) py.setInterruptBuffer(config.interruptBuffer);
  return py;
}

/** The worker's long-lived interpreter for runs (loaded once, kept warm), and how it started. */
function loadPython(): Promise<{ py: PyodideAPI; warm: Warm }> {
  if (!pyodidePromise) {
    const started = performance.now();
    pyodidePromise = createPython().then((py) => ({
      py,
      warm: { coldStartMs: performance.now() - started, crossOriginIsolated: self.crossOriginIsolated, interruptible: config?.interruptBuffer !== undefined },
    }));
    pyodidePromise.catch(() => {
      pyodidePromise = undefined;
    });
  }
  return pyodidePromise;
}

function serialised<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

function startFailure(error: unknown): RunResult {
  const now = Date.now();
  const detail = error instanceof Error ? error.message : String(error);
  return {
    status: 'error',
    startedAt: now,
    endedAt: now,
    values: [],
    cells: [],
    loadedPackages: [],
    error: { kind: 'internal', cellIndex: 0, message: `Python could not start in this browser: ${detail}`, traceback: '' },
  };
}

function beginRun(): void {
  // A SIGINT written after the last run ended must not hit this one.
  if (config?.interruptBuffer) Atomics.store(config.interruptBuffer, 0, 0);
}

function startedHere(): Warm {
  return { coldStartMs: 0, crossOriginIsolated: self.crossOriginIsolated, interruptible: config?.interruptBuffer !== undefined };
}

function run({ cells, targets, options }: RunInput, { signal, progress }: ServeContext<RunProgress>): Promise<RunResult> {
  return serialised(async () => {
    beginRun();
    let loaded: { py: PyodideAPI; warm: Warm };
    try {
      loaded = await loadPython();
    } catch (error) {
      return startFailure(error);
    }
    progress({ warm: loaded.warm });
    return runSession(loaded.py, cells, {
      targets,
      signal,
      packageDownloads: config?.allowPackageDownloads ? 'allowed' : 'disabled',
      ...options,
      onProgress: (done, total) => progress({ done, total }),
      onCell: (cell, values) => progress({ cell, values }),
    });
  });
}

/**
 * Runs the original (up to the artifact's cell) and the slice, each in a FRESH interpreter,
 * so state the original leaves in imported modules cannot make a wrong slice pass. Both load
 * in parallel and are dropped afterwards; the warm run interpreter is not touched.
 */
function verify({ originalCells, sliceCode, variableName, options }: VerifyInput, { signal, progress }: ServeContext<RunProgress>): Promise<VerifyResult> {
  return serialised(async () => {
    beginRun();
    let pair: [PyodideAPI, PyodideAPI];
    try {
      pair = await Promise.all([createPython(), createPython()]);
    } catch (error) {
      return { verified: false, original: '', slice: '', problem: startFailure(error).error!.message };
    }
    progress({ warm: startedHere() });
    return verifySlice({ original: pair[0], slice: pair[1] }, originalCells, sliceCode, variableName, {
      packageDownloads: config?.allowPackageDownloads ? 'allowed' : 'disabled',
      ...options,
      signal,
    });
  });
}

/** What the app may call (through the sandbox host). */
export const runWorkerApi = {
  /** Starts Python ahead of the first run; resolves with how it started. */
  warmUp: async (_input: undefined): Promise<Warm> => (await loadPython()).warm,
  run,
  verify,
};
export type RunWorkerApi = typeof runWorkerApi;

// The init comes first (from the host, before any call); the bridge ignores it.
listen('message', (event) => {
  if (isWorkerInit(event.data)) config ??= event.data;
});
serve(runWorkerApi, { addEventListener: listen, postMessage: (message) => post(message as FromSandbox) });

// Tells the host the module has loaded and listens (messages sent earlier could be lost).
post({ type: 'ready' });
