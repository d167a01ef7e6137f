import { describe, expect, it } from 'vitest';
import { formatRunError, runToRecords, valueTypeOf } from './records';
import type { RunResult } from './types';

describe('run records', () => {
  it('guesses the kind of value from the Python type', () => {
    expect(valueTypeOf('pandas.core.frame.DataFrame')).toBe('dataset');
    expect(valueTypeOf('numpy.ndarray')).toBe('array');
    expect(valueTypeOf('matplotlib.figure.Figure')).toBe('chart');
    expect(valueTypeOf('function')).toBe('code');
    expect(valueTypeOf('collections.Counter')).toBe('value');
  });

  it('makes one run execution and one node value per node (the last one wins)', () => {
    const result: RunResult = {
      status: 'error',
      startedAt: 10,
      endedAt: 20,
      loadedPackages: [],
      cells: [],
      values: [
        { nodeId: 'a', value: '1', typeName: 'int', fullLength: 1, startedAt: 11, endedAt: 12 },
        { nodeId: 'b', value: "'x'\n… [truncated: 20,000 characters in full]", typeName: 'str', truncated: true, startedAt: 12, endedAt: 13 },
        { nodeId: 'a', value: '2', typeName: 'int', fullLength: 1, startedAt: 13, endedAt: 14 },
      ],
      error: { kind: 'python', cellIndex: 2, line: 3, message: 'Cell 3, line 3: ZeroDivisionError: division by zero', traceback: 'Traceback …\n' },
    };
    const { execution, nodeValues } = runToRecords(result, { executionId: 'e', sessionId: 's' });
    expect(execution).toEqual({
      id: 'e',
      sessionId: 's',
      startedAt: 10,
      endedAt: 20,
      mode: 'run',
      status: 'error',
      error: 'Cell 3, line 3: ZeroDivisionError: division by zero\n\nTraceback …',
    });
    expect(nodeValues.map((v) => [v.nodeId, v.value, v.truncated])).toEqual([
      ['b', "'x'\n… [truncated: 20,000 characters in full]", true],
      ['a', '2', undefined],
    ]);
    expect(formatRunError({ kind: 'package', cellIndex: 0, message: 'm', traceback: '' })).toBe('m');
  });
});
