/**
 * The UI's handle on Python runs, over the one worker bridge (src/workers/bridge.ts). Python
 * runs in the run sandbox: a hidden `<iframe sandbox="allow-scripts">` (opaque origin, strict
 * CSP, no network) that hosts the Pyodide worker (src/workers/sandbox-host.ts). The bridge's
 * endpoint is a `MessagePort` handed to that iframe once it says `ready` (the only window
 * message accepted, and only from our iframe's window); every reply on the port is checked with
 * `fromSandboxSchema`, and a run's or verify's value again with its own schema. The iframe is
 * created on the first run, verify or warm-up, so Pyodide loads only when a run is asked for;
 * a crash or a hard stop removes it and the next call starts a fresh one.
 *
 * Cancel: during Python's cold start (or without an interrupt buffer) the sandbox is removed at
 * once; the run ends "cancelled" ("nothing ran" during the cold start). Otherwise the bridge
 * asks the worker to stop: the host interrupts the running cell (SIGINT) and the worker stops
 * between cells, and the run's own reply settles it; if none comes within
 * {@link CANCEL_GRACE_MS} (a loop that catches BaseException), the bridge removes the iframe.
 * Either way the run ends `cancelled` with the values recorded so far; a KeyboardInterrupt that
 * our cancel caused is never reported as an error.
 */
import type { CellRecord, RecordedValue, RunCell, RunResult, RunTarget, VerifyResult } from '../core/run';
import { createBridge, portEndpoint, WorkerExitError, type Endpoint } from './bridge';
import type { RunWorkerApi } from './run.worker';
import {
  CONNECT,
  parseFromSandbox,
  parseRunResult,
  parseVerifyResult,
  SANDBOX_PACKAGES_PAGE,
  SANDBOX_PAGE,
  type RunProgress,
  type Warm,
} from './sandbox-protocol';

export interface RunWorkerOptions {
  maxReprChars?: number;
  packageTimeoutMs?: number;
  /** Allow fetching package wheels (numpy, pandas …) from Pyodide's CDN. Default false (offline-safe). */
  allowPackageDownloads?: boolean;
}

export interface VerifyWorkerOptions extends RunWorkerOptions {
  sourceCodeId?: string;
}

/** After a cancel, how long a run may take to stop before its sandbox is removed. */
export const CANCEL_GRACE_MS = 2000;
/** How long the sandbox page may take to load before a run gives up. */
const READY_TIMEOUT_MS = 30_000;

export const COLD_START_CANCELLED = 'Cancelled while Python was starting, so no cell ran.';

export interface RunClient {
  /** Runs cells in a fresh namespace; never rejects for notebook problems (see RunResult.status). */
  run(cells: RunCell[], targets: RunTarget[], onProgress?: (done: number, total: number) => void, options?: RunWorkerOptions): Promise<RunResult>;
  /** Compares the artifact's repr in the original session and in the slice. */
  verify(originalCells: RunCell[], sliceCode: string, variableName: string, options?: VerifyWorkerOptions): Promise<VerifyResult>;
  /** Stops the current runs and verifies. */
  cancel(): void;
  /** Starts Python ahead of the first run (optional). Resolves with the cold start time. */
  warmUp(options?: Pick<RunWorkerOptions, 'allowPackageDownloads'>): Promise<Warm>;
  /** True when cancel interrupts in place (known once Python has started). */
  readonly interruptible: boolean;
  /** Removes the sandbox; calls in flight end cancelled. */
  dispose(): void;
}

/** A KeyboardInterrupt (or an interpreter failure saying so): what our own cancel causes. */
export function isInterruptError(result: RunResult): boolean {
  const e = result.error;
  return e !== undefined && (e.exceptionType === 'KeyboardInterrupt' || /KeyboardInterrupt/.test(`${e.message}\n${e.traceback}`));
}

/** The outcome of a run the user cancelled: a KeyboardInterrupt we caused is a cancel, not an error. */
export function afterCancel(result: RunResult): RunResult {
  if (result.status !== 'error' || !isInterruptError(result)) return result;
  const { error: _error, ...rest } = result;
  return { ...rest, status: 'cancelled' };
}

/** One run or verify in flight. */
interface Live {
  controller: AbortController;
  startedAt: number;
  /** Python had started for this call when it was cancelled (so a cancel can interrupt it). */
  started: boolean;
  cancelled: boolean;
  cells: CellRecord[];
  values: RecordedValue[];
}

/** The sandbox iframe as a bridge endpoint; `connected` once it holds its port. */
function openSandbox(page: string, onConnect: () => void): Endpoint {
  const frame = document.createElement('iframe');
  // allow-scripts only: no allow-same-origin, so the page's origin is opaque.
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('allow', 'cross-origin-isolated');
  frame.title = 'Python run sandbox';
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  frame.dataset.testid = 'run-sandbox';
  const channel = new MessageChannel();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onWindow: ((event: MessageEvent) => void) | undefined;
  const stopListening = () => {
    clearTimeout(timer);
    if (onWindow) window.removeEventListener('message', onWindow);
  };
  const port = new Promise<MessagePort>((resolve, reject) => {
    timer = setTimeout(() => {
      stopListening();
      reject(new Error('the Python sandbox did not load'));
    }, READY_TIMEOUT_MS);
    onWindow = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      const message = parseFromSandbox(event.data);
      if (!message || !('type' in message)) return;
      stopListening();
      if (message.type === 'failed') return reject(new Error(message.message));
      // The sandbox's origin is opaque, so it cannot be named as the target: '*' reaches our own iframe only.
      frame.contentWindow?.postMessage({ type: CONNECT }, '*', [channel.port2]);
      onConnect();
      resolve(channel.port1);
    };
    window.addEventListener('message', onWindow);
  });
  frame.src = `${import.meta.env.BASE_URL}${page}`;
  document.body.appendChild(frame);
  return portEndpoint({
    port,
    accept: (data) => {
      const message = parseFromSandbox(data);
      if (!message) return undefined;
      if ('bridge' in message) return message;
      return message.type === 'failed' ? new Error(message.message) : undefined;
    },
    close: () => {
      stopListening();
      frame.remove();
    },
  });
}

export function createRunClient(): RunClient {
  /** The setting the current (or next) sandbox was opened with. */
  let allow = false;
  let warm: Warm | undefined;
  let connected = false;
  const live = new Set<Live>();
  const bridge = createBridge<RunWorkerApi>(() => {
    warm = undefined;
    connected = false;
    return openSandbox(allow ? SANDBOX_PACKAGES_PAGE : SANDBOX_PAGE, () => {
      connected = true;
    });
  });

  /** A change of "Allow package downloads" takes a new sandbox, once the current one is idle. */
  function choose(allowPackageDownloads: boolean | undefined): void {
    const want = allowPackageDownloads ?? false;
    if (want === allow) return;
    if (live.size > 0) return; // keeps the running sandbox; the next idle call switches
    allow = want;
    bridge.stop();
  }

  function begin(): Live {
    const call: Live = { controller: new AbortController(), startedAt: Date.now(), started: false, cancelled: false, cells: [], values: [] };
    live.add(call);
    return call;
  }

  function progressOf(call: Live, onProgress?: (done: number, total: number) => void): (p: RunProgress) => void {
    return (p) => {
      if ('warm' in p) {
        warm = p.warm;
        call.started = true;
      } else if ('cell' in p) {
        call.cells.push(p.cell);
        call.values.push(...p.values);
      } else onProgress?.(p.done, p.total);
    };
  }

  /** Why a call failed, in a sentence. */
  function why(error: unknown): string {
    if (error instanceof WorkerExitError && error.reason === 'crashed' && !connected) {
      return `Python could not start in this browser: ${error.detail ?? 'the sandbox failed'}.`;
    }
    const detail = error instanceof WorkerExitError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error);
    return `The run stopped: ${detail}`;
  }

  function partial(call: Live, status: 'cancelled' | 'error', message?: string): RunResult {
    return {
      status,
      startedAt: call.startedAt,
      endedAt: Date.now(),
      values: call.values,
      cells: call.cells,
      loadedPackages: [],
      ...(message ? { error: { kind: 'internal' as const, cellIndex: 0, message, traceback: '' } } : {}),
    };
  }

  function callOptions(call: Live, onProgress?: (done: number, total: number) => void) {
    return {
      signal: call.controller.signal,
      onProgress: progressOf(call, onProgress),
      cancelGrace: () => (call.started && warm?.interruptible ? CANCEL_GRACE_MS : 0),
    };
  }

  return {
    get interruptible() {
      return warm?.interruptible ?? false;
    },

    async warmUp(options = {}) {
      choose(options.allowPackageDownloads);
      const value = await bridge.call('warmUp', undefined);
      warm = value;
      return value;
    },

    async run(cells, targets, onProgress, runOptions = {}) {
      const { allowPackageDownloads, ...options } = runOptions;
      choose(allowPackageDownloads);
      const call = begin();
      try {
        const result = parseRunResult(await bridge.call('run', { cells, targets, options }, callOptions(call, onProgress)));
        if (!result) return partial(call, 'error', 'The run stopped: the sandbox sent a malformed result.');
        return call.cancelled ? afterCancel(result) : result;
      } catch (error) {
        if (call.cancelled) return partial(call, 'cancelled', call.started ? undefined : COLD_START_CANCELLED);
        return partial(call, 'error', why(error));
      } finally {
        live.delete(call);
      }
    },

    async verify(originalCells, sliceCode, variableName, verifyOptions = {}) {
      const { allowPackageDownloads, ...options } = verifyOptions;
      choose(allowPackageDownloads);
      const call = begin();
      try {
        const result = parseVerifyResult(await bridge.call('verify', { originalCells, sliceCode, variableName, options }, callOptions(call)));
        return result ?? { verified: false, original: '', slice: '', problem: 'The sandbox sent a malformed result.' };
      } catch (error) {
        if (call.cancelled) return { verified: false, original: '', slice: '', problem: 'Verification was cancelled.' };
        return { verified: false, original: '', slice: '', problem: why(error) };
      } finally {
        live.delete(call);
      }
    },

    cancel() {
      for (const call of [...live]) {
        call.cancelled = true;
        call.controller.abort();
      }
    },

    dispose() {
      for (const call of live) call.cancelled = true;
      bridge.stop();
    },
  };
}
