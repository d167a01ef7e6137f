/**
 * The UI's handle on Python runs. Python runs in the run sandbox: a hidden
 * `<iframe sandbox="allow-scripts">` (opaque origin, strict CSP, no network) that hosts the
 * Pyodide worker (src/workers/sandbox-host.ts). The iframe is created on the first run,
 * verify or warm-up, so Pyodide loads only when a run is asked for. Every message from it
 * is checked: it must come from our iframe's window and parse as `fromSandboxSchema`.
 *
 * Cancel: during Python's cold start the sandbox is removed at once (the run ends
 * "cancelled", nothing ran). Otherwise the sandbox is asked to stop: it interrupts the
 * running cell (SIGINT in its interrupt buffer, when it is cross-origin isolated) and the
 * worker stops between cells. If the run has not ended {@link CANCEL_GRACE_MS} later (a loop
 * that catches BaseException, no interrupt buffer), the whole iframe is removed and the next
 * run starts a fresh one. Either way the run ends `cancelled` with the values recorded so far;
 * a KeyboardInterrupt that our cancel caused is never reported as an error.
 */
import type { CellRecord, RecordedValue, RunCell, RunResult, RunTarget, VerifyResult } from '../core/run';
import { parseFromSandbox, SANDBOX_PACKAGES_PAGE, SANDBOX_PAGE, type FromSandbox, type ToSandbox } from './sandbox-protocol';

export interface RunWorkerOptions {
  maxReprChars?: number;
  packageTimeoutMs?: number;
}

export interface VerifyWorkerOptions extends RunWorkerOptions {
  sourceCodeId?: string;
}

/** After a cancel, how long a run may take to stop before its sandbox is removed. */
export const CANCEL_GRACE_MS = 2000;
/** How long the sandbox page may take to load before a run gives up. */
const READY_TIMEOUT_MS = 30_000;

export const COLD_START_CANCELLED = 'Cancelled while Python was starting, so no cell ran.';

export interface RunClientOptions {
  /** Allow fetching package wheels (numpy, pandas …) from Pyodide's CDN. Default false (offline-safe). */
  allowPackageDownloads?: boolean;
}

export interface RunClient {
  /** Runs cells in a fresh namespace; never rejects for notebook problems (see RunResult.status). */
  run(cells: RunCell[], targets: RunTarget[], onProgress?: (done: number, total: number) => void, options?: RunWorkerOptions): Promise<RunResult>;
  /** Compares the artifact's repr in the original session and in the slice. */
  verify(originalCells: RunCell[], sliceCode: string, variableName: string, options?: VerifyWorkerOptions): Promise<VerifyResult>;
  /** Stops the current run or verify. */
  cancel(): void;
  /** Starts Python ahead of the first run (optional). Resolves with the cold start time. */
  warmUp(): Promise<{ coldStartMs: number; crossOriginIsolated: boolean; interruptible: boolean }>;
  /** True when cancel interrupts in place (known once Python has started). */
  readonly interruptible: boolean;
  /** Removes the sandbox. */
  dispose(): void;
}

type Warm = Extract<FromSandbox, { type: 'warm' }>;

interface Task {
  kind: 'run' | 'verify';
  startedAt: number;
  cells: CellRecord[];
  values: RecordedValue[];
  cancelRequested: boolean;
  onProgress?: (done: number, total: number) => void;
  settle(outcome: { run?: RunResult; verify?: VerifyResult }): void;
}

interface Sandbox {
  frame: HTMLIFrameElement;
  ready: Promise<void>;
  warm?: Warm;
  onWarm: Array<(w: Warm) => void>;
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

function sandboxUrl(allowPackageDownloads: boolean): string {
  return `${import.meta.env.BASE_URL}${allowPackageDownloads ? SANDBOX_PACKAGES_PAGE : SANDBOX_PAGE}`;
}

export function createRunClient(options: RunClientOptions = {}): RunClient {
  const allow = options.allowPackageDownloads ?? false;
  let sandbox: Sandbox | undefined;
  let nextId = 1;
  const tasks = new Map<number, Task>();

  function onMessage(event: MessageEvent): void {
    if (!sandbox || event.source !== sandbox.frame.contentWindow) return;
    const message = parseFromSandbox(event.data);
    if (!message) return;
    const box = sandbox;
    switch (message.type) {
      case 'ready':
        box.frame.dispatchEvent(new Event('threadline-ready'));
        break;
      case 'warm':
        box.warm = message;
        for (const f of box.onWarm.splice(0)) f(message);
        break;
      case 'progress':
        tasks.get(message.id)?.onProgress?.(message.done, message.total);
        break;
      case 'cell': {
        const task = tasks.get(message.id);
        if (task) {
          task.cells.push(message.cell);
          task.values.push(...message.values);
        }
        break;
      }
      case 'run-result': {
        const task = tasks.get(message.id);
        if (task?.kind === 'run') task.settle({ run: task.cancelRequested ? afterCancel(message.result) : message.result });
        break;
      }
      case 'verify-result': {
        const task = tasks.get(message.id);
        if (task?.kind === 'verify') task.settle({ verify: message.result });
        break;
      }
      case 'failed': {
        const task = message.id !== undefined ? tasks.get(message.id) : undefined;
        for (const t of task ? [task] : [...tasks.values()]) t.settle(failure(t, `The run stopped: ${message.message}`));
        break;
      }
    }
  }

  function failure(task: Task, message: string): { run?: RunResult; verify?: VerifyResult } {
    if (task.kind === 'verify') return { verify: { verified: false, original: '', slice: '', problem: message } };
    return {
      run: {
        status: 'error',
        startedAt: task.startedAt,
        endedAt: Date.now(),
        values: task.values,
        cells: task.cells,
        loadedPackages: [],
        error: { kind: 'internal', cellIndex: 0, message, traceback: '' },
      },
    };
  }

  function cancelled(task: Task, note?: string): { run?: RunResult; verify?: VerifyResult } {
    if (task.kind === 'verify') return { verify: { verified: false, original: '', slice: '', problem: 'Verification was cancelled.' } };
    return {
      run: {
        status: 'cancelled',
        startedAt: task.startedAt,
        endedAt: Date.now(),
        values: task.values,
        cells: task.cells,
        loadedPackages: [],
        ...(note ? { error: { kind: 'internal' as const, cellIndex: 0, message: note, traceback: '' } } : {}),
      },
    };
  }

  function open(): Sandbox {
    if (sandbox) return sandbox;
    const frame = document.createElement('iframe');
    // allow-scripts only: no allow-same-origin, so the page's origin is opaque.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('allow', 'cross-origin-isolated');
    frame.title = 'Python run sandbox';
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    frame.dataset.testid = 'run-sandbox';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the Python sandbox did not load')), READY_TIMEOUT_MS);
      frame.addEventListener('threadline-ready', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    ready.catch(() => {});
    frame.src = sandboxUrl(allow);
    sandbox = { frame, ready, onWarm: [] };
    window.addEventListener('message', onMessage);
    document.body.appendChild(frame);
    return sandbox;
  }

  /** Removes the sandbox iframe: its worker and interpreter go with it. */
  function close(): void {
    if (!sandbox) return;
    sandbox.frame.remove();
    sandbox = undefined;
    window.removeEventListener('message', onMessage);
  }

  function post(box: Sandbox, message: ToSandbox): void {
    // The sandbox's origin is opaque, so it cannot be named as the target: '*' reaches our own iframe only.
    box.frame.contentWindow?.postMessage(message, '*');
  }

  function start<T>(kind: Task['kind'], message: (id: number) => ToSandbox, onProgress: ((d: number, t: number) => void) | undefined, pick: (o: { run?: RunResult; verify?: VerifyResult }) => T): Promise<T> {
    const box = open();
    const id = nextId++;
    return new Promise<T>((resolve) => {
      const task: Task = {
        kind,
        startedAt: Date.now(),
        cells: [],
        values: [],
        cancelRequested: false,
        onProgress,
        settle: (outcome) => {
          if (!tasks.delete(id)) return;
          resolve(pick(outcome));
        },
      };
      tasks.set(id, task);
      box.ready.then(
        () => post(box, message(id)),
        (e: unknown) => {
          if (sandbox === box) close();
          task.settle(failure(task, `Python could not start in this browser: ${e instanceof Error ? e.message : String(e)}.`));
        },
      );
    });
  }

  return {
    get interruptible() {
      return sandbox?.warm?.interruptible ?? false;
    },

    warmUp() {
      const box = open();
      if (box.warm) return Promise.resolve(box.warm);
      void box.ready.then(() => post(box, { type: 'warm-up' }), () => {});
      return new Promise((resolve) => box.onWarm.push(resolve));
    },

    run(cells, targets, onProgress, runOptions = {}) {
      return start('run', (id) => ({ type: 'run', id, cells, targets, options: runOptions }), onProgress, (o) => o.run!);
    },

    verify(originalCells, sliceCode, variableName, verifyOptions = {}) {
      return start('verify', (id) => ({ type: 'verify', id, originalCells, sliceCode, variableName, options: verifyOptions }), undefined, (o) => o.verify!);
    },

    cancel() {
      const box = sandbox;
      if (!box || tasks.size === 0) return;
      const live = [...tasks.values()];
      if (!box.warm || !box.warm.interruptible) {
        // Cold start (nothing to interrupt yet) or no interrupt buffer: remove the sandbox now.
        close();
        for (const t of live) t.settle(cancelled(t, box.warm ? undefined : COLD_START_CANCELLED));
        return;
      }
      for (const t of live) t.cancelRequested = true;
      post(box, { type: 'cancel' });
      setTimeout(() => {
        const stuck = live.filter((t) => [...tasks.values()].includes(t));
        if (stuck.length === 0) return;
        if (sandbox === box) close();
        for (const t of stuck) t.settle(cancelled(t));
      }, CANCEL_GRACE_MS);
    },

    dispose() {
      close();
      for (const t of [...tasks.values()]) t.settle(cancelled(t));
    },
  };
}
