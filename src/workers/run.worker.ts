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
 * isolated), then `warm-up`, `run`, `verify` and `cancel` messages (src/workers/sandbox-protocol.ts).
 *
 * Pyodide is imported by URL at run time (only a type import here), so it never enters a
 * JS chunk. Runs are serialised: one at a time (one warm interpreter, one namespace per run);
 * each slice verification gets two fresh interpreters of its own.
 */
import type { PyodideAPI } from 'pyodide';
import { runSession, verifySlice } from '../core/run';
import type { RunResult } from '../core/run';
import { isWorkerInit, parseToSandbox, PYODIDE_CDN, type FromSandbox, type ToSandbox, type WorkerInit } from './sandbox-protocol';

type LoadPyodide = (config: { indexURL: string; packageBaseUrl?: string; stdout?: (s: string) => void; stderr?: (s: string) => void }) => Promise<PyodideAPI>;

let config: WorkerInit | undefined;
let pyodidePromise: Promise<PyodideAPI> | undefined;
let controller: AbortController | undefined;
let queue: Promise<unknown> = Promise.resolve();

// Captured now: Python can reassign `self.postMessage`, the host validates everything anyway.
const post = self.postMessage.bind(self) as (message: FromSandbox) => void;

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

/** The worker's long-lived interpreter for runs (loaded once, kept warm). */
function loadPython(): Promise<PyodideAPI> {
  if (!pyodidePromise) {
    const started = performance.now();
    pyodidePromise = createPython().then((py) => {
      post({ type: 'warm', coldStartMs: performance.now() - started, crossOriginIsolated: self.crossOriginIsolated, interruptible: config?.interruptBuffer !== undefined });
      return py;
    });
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

function beginRun(): AbortSignal {
  controller = new AbortController();
  // A SIGINT written after the last run ended must not hit this one.
  if (config?.interruptBuffer) Atomics.store(config.interruptBuffer, 0, 0);
  return controller.signal;
}

function run(message: Extract<ToSandbox, { type: 'run' }>): Promise<void> {
  const { id, cells, targets, options } = message;
  return serialised(async () => {
    const signal = beginRun();
    let py: PyodideAPI;
    try {
      py = await loadPython();
    } catch (error) {
      post({ type: 'run-result', id, result: startFailure(error) });
      return;
    }
    const result = await runSession(py, cells, {
      targets,
      signal,
      packageDownloads: config?.allowPackageDownloads ? 'allowed' : 'disabled',
      ...options,
      onProgress: (done, total) => post({ type: 'progress', id, done, total }),
      onCell: (cell, values) => post({ type: 'cell', id, cell, values }),
    });
    post({ type: 'run-result', id, result });
  });
}

/**
 * Runs the original (up to the artifact's cell) and the slice, each in a FRESH interpreter,
 * so state the original leaves in imported modules cannot make a wrong slice pass. Both load
 * in parallel and are dropped afterwards; the warm run interpreter is not touched.
 */
function verify(message: Extract<ToSandbox, { type: 'verify' }>): Promise<void> {
  const { id, originalCells, sliceCode, variableName, options } = message;
  return serialised(async () => {
    const signal = beginRun();
    let pair: [PyodideAPI, PyodideAPI];
    try {
      pair = await Promise.all([createPython(), createPython()]);
    } catch (error) {
      post({ type: 'verify-result', id, result: { verified: false, original: '', slice: '', problem: startFailure(error).error!.message } });
      return;
    }
    const result = await verifySlice({ original: pair[0], slice: pair[1] }, originalCells, sliceCode, variableName, {
      packageDownloads: config?.allowPackageDownloads ? 'allowed' : 'disabled',
      ...options,
      signal,
    });
    post({ type: 'verify-result', id, result });
  });
}

function fail(id: number | undefined, error: unknown): void {
  post({ type: 'failed', ...(id !== undefined ? { id } : {}), message: error instanceof Error ? error.message : String(error) });
}

self.addEventListener('message', (event: MessageEvent) => {
  if (isWorkerInit(event.data)) {
    config ??= event.data;
    return;
  }
  const message = parseToSandbox(event.data);
  if (!message) return;
  switch (message.type) {
    case 'warm-up':
      loadPython().catch((e: unknown) => fail(undefined, e));
      break;
    case 'run':
      run(message).catch((e: unknown) => fail(message.id, e));
      break;
    case 'verify':
      verify(message).catch((e: unknown) => fail(message.id, e));
      break;
    case 'cancel':
      // Stops between cells and while packages load; a cell in progress gets SIGINT from the host.
      controller?.abort();
      break;
  }
});

// Tells the host the module has loaded and listens (messages sent earlier could be lost).
post({ type: 'ready' });
