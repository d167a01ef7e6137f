import { describe, expect, it } from 'vitest';
import { isWorkerInit, parseFromSandbox, parseToSandbox } from './sandbox-protocol';
import { afterCancel } from './run-client';
import type { RunResult } from '../core/run/types';

const cell = { sourceCodeId: 's1', code: 'x = 1\n' };
const value = { nodeId: 'n1', value: '1', typeName: 'int', startedAt: 1, endedAt: 2 };
const result: RunResult = { status: 'ok', startedAt: 1, endedAt: 2, values: [value], cells: [{ sourceCodeId: 's1', startedAt: 1, endedAt: 2 }], loadedPackages: [] };

describe('sandbox messages', () => {
  it('accepts the app\'s messages in their exact shape', () => {
    expect(parseToSandbox({ type: 'run', id: 3, cells: [cell], targets: [{ nodeId: 'n1', name: 'x', sourceCodeId: 's1' }], options: {} })).toMatchObject({ type: 'run', id: 3 });
    expect(parseToSandbox({ type: 'verify', id: 4, originalCells: [cell], sliceCode: 'x = 1', variableName: 'x', options: { sourceCodeId: 's1' } })).toMatchObject({ type: 'verify' });
    expect(parseToSandbox({ type: 'cancel' })).toEqual({ type: 'cancel' });
    expect(parseToSandbox({ type: 'warm-up' })).toEqual({ type: 'warm-up' });
  });

  it('drops anything else: unknown types, wrong fields, extra nesting, non-objects', () => {
    for (const bad of [
      null,
      'run',
      42,
      [],
      {},
      { type: 'eval', code: 'alert(1)' },
      { type: 'run', id: -1, cells: [], targets: [], options: {} },
      { type: 'run', id: 1.5, cells: [], targets: [], options: {} },
      { type: 'run', id: 1, cells: [{ sourceCodeId: 's1' }], targets: [], options: {} },
      { type: 'run', id: 1, cells: [{ ...cell, code: 7 }], targets: [], options: {} },
      { type: 'run', id: 1, cells: [], targets: [{ nodeId: 'n', name: 'x', sourceCodeId: 's', kind: 'exec' }], options: {} },
      { type: 'run', id: 1, cells: [], targets: [], options: { maxReprChars: 'all' } },
      { type: 'verify', id: 1, originalCells: [], sliceCode: 'x', options: {} },
    ]) {
      expect(parseToSandbox(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('accepts the sandbox\'s replies and refuses forged or malformed ones', () => {
    expect(parseFromSandbox({ type: 'run-result', id: 1, result })).toEqual({ type: 'run-result', id: 1, result });
    expect(parseFromSandbox({ type: 'cell', id: 1, cell: result.cells[0], values: [value] })).toMatchObject({ type: 'cell' });
    expect(parseFromSandbox({ type: 'warm', coldStartMs: 2500, crossOriginIsolated: true, interruptible: true })).toMatchObject({ type: 'warm' });
    expect(parseFromSandbox({ type: 'failed', message: 'x' })).toEqual({ type: 'failed', message: 'x' });
    for (const bad of [
      { type: 'run-result', id: 1, result: { ...result, status: 'running' } },
      { type: 'run-result', id: 1, result: { ...result, values: [{ ...value, value: 5 }] } },
      { type: 'run-result', id: 1, result: { ...result, startedAt: Number.NaN } },
      { type: 'run-result', id: 1, result: { ...result, error: { kind: 'shell', cellIndex: 0, message: '', traceback: '' } } },
      { type: 'verify-result', id: 1, result: { verified: 'yes', original: '', slice: '' } },
      { type: 'progress', id: 1, done: -1, total: 3 },
      { type: 'progress', id: 1, done: 1 },
      { type: 'warm', coldStartMs: -5, crossOriginIsolated: true, interruptible: true },
      { type: 'write-store', table: 'artifacts' },
      { type: 'run-result', id: 1, result: { ...result, values: [{ ...value, value: 'x'.repeat(5_000_001) }] } },
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
