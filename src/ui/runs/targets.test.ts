import { describe, expect, it } from 'vitest';
import type { LineageNode, SessionGraph, SourceCode } from '../../core/model';
import type { RecordedValue } from '../../core/run/types';
import { artifactVariable, cellLabel, planRun, runCellsOf } from './targets';

const sc = (id: string, code: string, cellIndex?: number): SourceCode => ({ id, sessionId: 's', code, ...(cellIndex !== undefined ? { cellIndex } : {}) });
const lit = (id: string, names: string[], cell: string, line = 1): LineageNode => ({
  id,
  sessionId: 's',
  kind: 'Literal',
  seq: 0,
  names,
  value: 1,
  valueType: 'int',
  location: { sourceCodeId: cell, line, col: 0, endLine: line, endCol: 5 },
});

const graph: SessionGraph = {
  sourceCodes: [sc('c1', 'x = 1\ny = 2\n', 0), sc('c2', 'z = x\n', 2), sc('c3', 'print(z)\n', 3)],
  nodes: [
    lit('nx', ['x', 'z'], 'c1'),
    lit('ny', ['y'], 'c1', 2),
    { id: 'expr', sessionId: 's', kind: 'Lookup', seq: 3, names: [], name: 'print', location: { sourceCodeId: 'c3', line: 1, col: 0, endLine: 1, endCol: 8 } },
    { id: 'save', sessionId: 's', kind: 'Lookup', seq: 4, names: [], name: 'save', location: { sourceCodeId: 'c3', line: 1, col: 0, endLine: 1, endCol: 8 } },
  ],
};

const value = (nodeId: string, v: string): RecordedValue => ({ nodeId, value: v, typeName: 'int', startedAt: 1, endedAt: 2 });

describe('run targets', () => {
  it('labels cells by notebook position, and a lone script as "script"', () => {
    expect(runCellsOf(graph).map((c) => c.label)).toEqual(['cell 1', 'cell 3', 'cell 4']);
    expect(cellLabel(sc('a', ''), 0, 1)).toBe('script');
    expect(cellLabel(sc('a', ''), 1, 3)).toBe('cell 2');
  });

  it('records each binding at its node cell and again at the last cell that mentions it', () => {
    const plan = planRun({ bindings: [{ name: 'x', nodeId: 'nx' }, { name: 'z', nodeId: 'nx' }, { name: 'y', nodeId: 'ny' }] }, graph, []);
    expect(plan.targets).toEqual([
      { nodeId: 'nx', name: 'x', sourceCodeId: 'c1' },
      { nodeId: 'late:nx', name: 'x', sourceCodeId: 'c2' },
      { nodeId: 'nx', name: 'z', sourceCodeId: 'c1' },
      { nodeId: 'late:nx', name: 'z', sourceCodeId: 'c3' },
      { nodeId: 'ny', name: 'y', sourceCodeId: 'c1' },
    ]);
    // The late value wins; without one (run stopped early), the early one stays.
    expect(plan.resolve([value('nx', '1'), value('ny', '2'), value('late:nx', '1b')]).map((v) => [v.nodeId, v.value])).toEqual([
      ['ny', '2'],
      ['nx', '1b'],
    ]);
    expect(plan.resolve([value('nx', '1')]).map((v) => [v.nodeId, v.value])).toEqual([['nx', '1']]);
  });

  it('records artifacts by variable, or at their lineapy.save call when they have no name', () => {
    const plan = planRun({ bindings: [] }, graph, [{ name: 'a', nodeId: 'ny' }, { name: 'b', nodeId: 'expr' }, { name: 'c', nodeId: 'nowhere' }], [
      { callId: 'save', savedId: 'expr' },
    ]);
    expect(plan.targets).toEqual([
      { nodeId: 'ny', name: 'y', sourceCodeId: 'c1' },
      { nodeId: 'expr', name: 'b', sourceCodeId: 'c3', kind: 'save' },
    ]);
  });

  it('picks the artifact variable its own cell mentions', () => {
    expect(artifactVariable(graph, graph.nodes[0])).toEqual({ name: 'x', sourceCodeId: 'c1' });
    expect(artifactVariable(graph, { ...graph.nodes[0], names: ['z', 'x'] })).toEqual({ name: 'x', sourceCodeId: 'c1' });
    expect(artifactVariable(graph, graph.nodes[2])).toBeUndefined();
    expect(artifactVariable(graph, undefined)).toBeUndefined();
  });
});
