/**
 * A run result → the store's records: one `Execution` (mode `run`) and its `NodeValue`s.
 */
import type { Execution, NodeValue, NodeValueType } from '../model';
import type { RunError, RunResult } from './types';

/** Rough kind of a value from its Python type name, for the side panel's icon. */
export function valueTypeOf(typeName: string): NodeValueType {
  const t = typeName.toLowerCase();
  if (/(^|\.)(dataframe|series|index)$/.test(t) || t.startsWith('pandas.') || t.startsWith('polars.')) return 'dataset';
  if (/(^|\.)(ndarray|tensor|matrix)$/.test(t) || t.startsWith('numpy.')) return 'array';
  if (t.startsWith('matplotlib.') || t.includes('figure') || t.includes('axes')) return 'chart';
  if (/^(function|builtin_function_or_method|type|method|module|code)$/.test(t) || t.endsWith('.abcmeta')) return 'code';
  return 'value';
}

/** A user-facing account of a run error: the sentence, then the traceback. */
export function formatRunError(error: RunError): string {
  return error.traceback ? `${error.message}\n\n${error.traceback.trimEnd()}` : error.message;
}

export function runToRecords(result: RunResult, ids: { executionId: string; sessionId: string }): { execution: Execution; nodeValues: NodeValue[] } {
  const execution: Execution = {
    id: ids.executionId,
    sessionId: ids.sessionId,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    mode: 'run',
    status: result.status,
    ...(result.error ? { error: formatRunError(result.error) } : {}),
  };
  const seen = new Set<string>();
  const nodeValues: NodeValue[] = [];
  // The store keys node values by [nodeId+executionId]: keep the last value per node.
  for (let i = result.values.length - 1; i >= 0; i--) {
    const v = result.values[i];
    if (seen.has(v.nodeId)) continue;
    seen.add(v.nodeId);
    nodeValues.push({
      nodeId: v.nodeId,
      executionId: ids.executionId,
      value: v.value,
      mime: 'text/plain',
      valueType: valueTypeOf(v.typeName),
      typeName: v.typeName,
      ...(v.truncated ? { truncated: true } : {}),
      startedAt: v.startedAt,
      endedAt: v.endedAt,
    });
  }
  nodeValues.reverse();
  return { execution, nodeValues };
}
