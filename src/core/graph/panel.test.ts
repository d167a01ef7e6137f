import { describe, expect, it } from 'vitest';
import { analyseCode } from '../analysis/testing';
import { statementView } from './view';
import { panelModel } from './panel';
import { dataflowAccount } from '../dataflow';
import type { LineageNode } from '../model';

function modelOf(code: string, label: string) {
  const g = analyseCode(code);
  const graph = { sourceCodes: g.out.sourceCodes, nodes: g.out.nodes };
  const byId = new Map<string, LineageNode>(graph.nodes.map((n) => [n.id, n]));
  const view = statementView(graph);
  const vn = view.nodes.find((n) => n.label.startsWith(label));
  if (!vn) throw new Error(`no view node ${label}: ${view.nodes.map((n) => n.label).join(' | ')}`);
  return { vn, model: panelModel(vn, byId)!, graph };
}

describe('panelModel', () => {
  it('describes a print statement by its call, not by the print builtin', () => {
    const { vn, model, graph } = modelOf('x = 1\nprint(f"x is {x}")', 'print(');
    expect(vn.kind).toBe('Call');
    expect(model.kind).toBe('Call');
    expect(model.subject.kind).toBe('Call');
    expect(model.bindsName).toBe(false);
    expect(dataflowAccount(graph, model.subject.id)).not.toMatch(/^value <-- print$/m);
  });

  it('describes an import statement by its Import node', () => {
    for (const code of ['import os.path', 'from os import path', 'import pandas as pd']) {
      const { vn, model } = modelOf(code, code.slice(0, 6));
      expect(vn.kind).toBe('Import');
      expect(model.subject.kind).toBe('Import');
      expect(model.kind).toBe('Import');
    }
  });

  it('keeps the bound value for an assignment', () => {
    const { model } = modelOf('import math\ny = math.sqrt(2)', 'y =');
    expect(model.subject.names).toContain('y');
    expect(model.bindsName).toBe(true);
  });
});
