/// <reference lib="webworker" />
/**
 * The run worker: loads Pyodide from our own origin (`<base>pyodide/`, served by
 * vite-plugins/pyodide-assets.ts) and runs sessions with src/core/run.
 *
 * Pyodide is imported by URL at run time (only a type import here), so it never enters a
 * JS chunk. Package wheels are fetched from Pyodide's CDN only when the caller allows
 * package downloads; otherwise they resolve against our origin, where they do not exist,
 * and a run that needs one stops with a message naming the package.
 *
 * Runs are serialised: one at a time per worker (one warm interpreter, one namespace per run);
 * each slice verification gets two fresh interpreters of its own.
 */
import * as Comlink from 'comlink';
import type { PyodideAPI } from 'pyodide';
import { runSession, verifySlice } from '../core/run';
import type { CellRecord, RecordedValue, RunCell, RunResult, RunTarget, VerifyResult } from '../core/run';

export interface RunWorkerConfig {
  /** SharedArrayBuffer-backed; the UI thread writes 2 (SIGINT) into [0] to interrupt Python. */
  interruptBuffer?: Int32Array;
  /** Fetch package wheels (numpy, pandas …) from Pyodide's CDN. Default false. */
  allowPackageDownloads?: boolean;
  /** Where the Pyodide files are served. Default `${import.meta.env.BASE_URL}pyodide/`. */
  indexURL?: string;
}

export interface RunWorkerOptions {
  maxReprChars?: number;
  packageTimeoutMs?: number;
}

export interface VerifyWorkerOptions extends RunWorkerOptions {
  sourceCodeId?: string;
}

export interface RunProgressSink {
  progress(done: number, total: number): void;
  cell(cell: CellRecord, values: RecordedValue[]): void;
}

type LoadPyodide = (config: { indexURL: string; packageBaseUrl?: string; stdout?: (s: string) => void; stderr?: (s: string) => void }) => Promise<PyodideAPI>;

let config: RunWorkerConfig = {};
let pyodidePromise: Promise<PyodideAPI> | undefined;
let coldStartMs: number | undefined;
let controller: AbortController | undefined;
let queue: Promise<unknown> = Promise.resolve();

function indexURL(): string {
  const raw = config.indexURL ?? `${import.meta.env.BASE_URL}pyodide/`;
  return new URL(raw.endsWith('/') ? raw : `${raw}/`, self.location.href).href;
}

/** A new interpreter (its own module state), loaded from our origin. */
async function createPython(): Promise<PyodideAPI> {
  const url = indexURL();
  const mod = (await import(/* @vite-ignore */ `${url}pyodide.mjs`)) as { loadPyodide: LoadPyodide; version: string };
  const py = await mod.loadPyodide({
    indexURL: url,
    ...(config.allowPackageDownloads ? { packageBaseUrl: `https://cdn.jsdelivr.net/pyodide/v${mod.version}/full/` } : {}),
    stdout: () => {},
    stderr: () => {},
  });
  if (config.interruptBuffer) py.setInterruptBuffer(config.interruptBuffer);
  return py;
}

/** The worker's long-lived interpreter for runs (loaded once, kept warm). */
function loadPython(): Promise<PyodideAPI> {
  pyodidePromise ??= (async () => {
    const started = performance.now();
    const py = await createPython();
    coldStartMs = performance.now() - started;
    return py;
  })();
  pyodidePromise.catch(() => {
    pyodidePromise = undefined;
  });
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

function beginRun(): AbortController {
  controller = new AbortController();
  // A SIGINT written after the last run ended must not hit this one.
  if (config.interruptBuffer) Atomics.store(config.interruptBuffer, 0, 0);
  return controller;
}

const api = {
  /** Sets the config (before the first run) and starts loading Python. Returns the cold start time. */
  async init(next: RunWorkerConfig): Promise<{ coldStartMs: number; crossOriginIsolated: boolean }> {
    if (!pyodidePromise) config = next;
    await loadPython();
    return { coldStartMs: coldStartMs ?? 0, crossOriginIsolated: self.crossOriginIsolated };
  },

  run(cells: RunCell[], targets: RunTarget[], sink?: RunProgressSink, options: RunWorkerOptions = {}): Promise<RunResult> {
    return serialised(async () => {
      const signal = beginRun().signal;
      let py: PyodideAPI;
      try {
        py = await loadPython();
      } catch (error) {
        return startFailure(error);
      }
      return runSession(py, cells, {
        targets,
        signal,
        packageDownloads: config.allowPackageDownloads ? 'allowed' : 'disabled',
        ...options,
        onProgress: (done, total) => void sink?.progress(done, total),
        onCell: (cell, values) => void sink?.cell(cell, values),
      });
    });
  },

  /**
   * Runs the original (up to the artifact's cell) and the slice, each in a FRESH interpreter,
   * so state the original leaves in imported modules cannot make a wrong slice pass. Both load
   * in parallel and are dropped afterwards; the warm run interpreter is not touched.
   */
  verify(originalCells: RunCell[], sliceCode: string, variableName: string, options: VerifyWorkerOptions = {}): Promise<VerifyResult> {
    return serialised(async () => {
      const signal = beginRun().signal;
      let pair: [PyodideAPI, PyodideAPI];
      try {
        pair = await Promise.all([createPython(), createPython()]);
      } catch (error) {
        const message = startFailure(error).error!.message;
        return { verified: false, original: '', slice: '', problem: message };
      }
      return verifySlice({ original: pair[0], slice: pair[1] }, originalCells, sliceCode, variableName, {
        packageDownloads: config.allowPackageDownloads ? 'allowed' : 'disabled',
        ...options,
        signal,
      });
    });
  },

  /** Stops the current run between cells (a cell in progress needs the interrupt buffer). */
  cancel(): void {
    controller?.abort();
  },
};

export type RunWorkerApi = typeof api;
Comlink.expose(api);
