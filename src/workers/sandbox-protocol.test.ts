import { describe, expect, it } from 'vitest';
import { isWorkerInit, parseFromSandbox, parseRunResult, parseToSandbox, parseVerifyResult } from './sandbox-protocol';
import { afterCancel } from './run-client';
import type { RunResult } from '../core/run/types';

const cell = { sourceCodeId: 's1', code: 'x = 1\n' };
const value = { nodeId: 'n1', value: '1', typeName: 'int', startedAt: 1, endedAt: 2 };
const result: RunResult = { status: 'ok', startedAt: 1, endedAt: 2, values: [value], cells: [{ sourceCodeId: 's1', startedAt: 1, endedAt: 2 }], loadedPackages: [] };

/** A bridge call of the run worker's `run`, as it goes on the wire. */
function run(input: Record<string, unknown>, id: number): unknown {
  return { bridge: 'call', id, method: 'run', input };
}

describe('sandbox messages', () => {
  it('accepts the app\'s messages in their exact shape', () => {
    expect(parseToSandbox(run({ cells: [cell], targets: [{ nodeId: 'n1', name: 'x', sourceCodeId: 's1' }], options: {} }, 3))).toMatchObject({ bridge: 'call', method: 'run', id: 3 });
    expect(parseToSandbox({ bridge: 'call', id: 4, method: 'verify', input: { originalCells: [cell], sliceCode: 'x = 1', variableName: 'x', options: { sourceCodeId: 's1' } } })).toMatchObject({ method: 'verify' });
    expect(parseToSandbox({ bridge: 'cancel', id: 3 })).toEqual({ bridge: 'cancel', id: 3 });
    expect(parseToSandbox({ bridge: 'call', id: 1, method: 'warmUp', input: undefined })).toMatchObject({ method: 'warmUp' });
  });

  it('drops anything else: unknown types, wrong fields, extra nesting, non-objects', () => {
    for (const bad of [
      null,
      'run',
      42,
      [],
      {},
      { type: 'eval', code: 'alert(1)' },
      { bridge: 'call', id: 1, method: 'eval', input: 'alert(1)' },
      { bridge: 'call', id: 1, method: 'warmUp', input: { code: 'x' } },
      { bridge: 'cancel' },
      run({ cells: [], targets: [], options: {} }, -1),
      run({ cells: [], targets: [], options: {} }, 1.5),
      run({ cells: [{ sourceCodeId: 's1' }], targets: [], options: {} }, 1),
      run({ cells: [{ ...cell, code: 7 }], targets: [], options: {} }, 1),
      run({ cells: [], targets: [{ nodeId: 'n', name: 'x', sourceCodeId: 's', kind: 'exec' }], options: {} }, 1),
      run({ cells: [], targets: [], options: { maxReprChars: 'all' } }, 1),
      { bridge: 'call', id: 1, method: 'verify', input: { originalCells: [], sliceCode: 'x', options: {} } },
    ]) {
      expect(parseToSandbox(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('accepts the sandbox\'s replies and refuses forged or malformed ones', () => {
    expect(parseFromSandbox({ bridge: 'done', id: 1, value: result })).toEqual({ bridge: 'done', id: 1, value: result });
    expect(parseRunResult(result)).toEqual(result);
    expect(parseVerifyResult(result)).toBeUndefined();
    expect(parseFromSandbox({ bridge: 'progress', id: 1, progress: { cell: result.cells[0], values: [value] } })).toMatchObject({ bridge: 'progress' });
    expect(parseFromSandbox({ bridge: 'progress', id: 1, progress: { done: 1, total: 3 } })).toMatchObject({ bridge: 'progress' });
    expect(parseFromSandbox({ bridge: 'progress', id: 1, progress: { warm: { coldStartMs: 2500, crossOriginIsolated: true, interruptible: true } } })).toMatchObject({ bridge: 'progress' });
    expect(parseFromSandbox({ bridge: 'fail', id: 2, message: 'x' })).toEqual({ bridge: 'fail', id: 2, message: 'x' });
    expect(parseFromSandbox({ type: 'failed', message: 'x' })).toEqual({ type: 'failed', message: 'x' });
    for (const bad of [
      { bridge: 'done', id: 1, value: { ...result, status: 'running' } },
      { bridge: 'done', id: 1, value: { ...result, values: [{ ...value, value: 5 }] } },
      { bridge: 'done', id: 1, value: { ...result, startedAt: Number.NaN } },
      { bridge: 'done', id: 1, value: { ...result, error: { kind: 'shell', cellIndex: 0, message: '', traceback: '' } } },
      { bridge: 'done', id: 1, value: { verified: 'yes', original: '', slice: '' } },
      { bridge: 'done', id: -1, value: result },
      { bridge: 'progress', id: 1, progress: { done: -1, total: 3 } },
      { bridge: 'progress', id: 1, progress: { done: 1 } },
      { bridge: 'progress', id: 1, progress: { done: 1, total: 3, cell: result.cells[0], values: [] } },
      { bridge: 'progress', id: 1, progress: { warm: { coldStartMs: -5, crossOriginIsolated: true, interruptible: true } } },
      { bridge: 'fail', id: 1 },
      { type: 'write-store', table: 'artifacts' },
      { bridge: 'done', id: 1, value: { ...result, values: [{ ...value, value: 'x'.repeat(5_000_001) }] } },
    ]) {
      expect(parseFromSandbox(bad), JSON.stringify(bad).slice(0, 120)).toBeUndefined();
    }
  });

  it('the worker\'s init message carries only its config', () => {
    expect(isWorkerInit({ type: 'init', indexURL: 'http://x/pyodide/', allowPackageDownloads: false })).toBe(true);
    expect(isWorkerInit({ type: 'init', indexURL: 'http://x/pyodide/', allowPackageDownloads: false, interruptBuffer: new Int32Array(1) })).toBe(true);
    expect(isWorkerInit({ type: 'init', indexURL: 'http://x/pyodide/', allowPackageDownloads: 'yes' })).toBe(false);
    expect(isWorkerInit({ type: 'init', indexURL: 'http://x/pyodide/', allowPackageDownloads: false, interruptBuffer: [2] })).toBe(false);
    expect(isWorkerInit({ type: 'run' })).toBe(false);
  });
});

describe('afterCancel', () => {
  it('turns a KeyboardInterrupt that a cancel caused into "cancelled", keeping the values', () => {
    const python: RunResult = { ...result, status: 'error', error: { kind: 'python', cellIndex: 1, message: 'Cell 2, line 2: KeyboardInterrupt', traceback: 'Traceback …\nKeyboardInterrupt', exceptionType: 'KeyboardInterrupt' } };
    expect(afterCancel(python)).toEqual({ ...result, status: 'cancelled' });
    // During start-up the interrupt surfaces as an interpreter failure.
    const internal: RunResult = { ...result, status: 'error', error: { kind: 'internal', cellIndex: 0, message: 'The Python interpreter failed: KeyboardInterrupt', traceback: 'Traceback\nKeyboardInterrupt' } };
    expect(afterCancel(internal).status).toBe('cancelled');
    expect(afterCancel(internal).error).toBeUndefined();
  });

  it('leaves other outcomes alone', () => {
    const other: RunResult = { ...result, status: 'error', error: { kind: 'python', cellIndex: 0, message: 'Cell 1, line 1: ZeroDivisionError: division by zero', traceback: 'Traceback', exceptionType: 'ZeroDivisionError' } };
    expect(afterCancel(other)).toBe(other);
    expect(afterCancel(result)).toBe(result);
  });
});
