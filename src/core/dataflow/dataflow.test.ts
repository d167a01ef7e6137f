import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors';
import { GraphBuilder } from '../slice/testing/graph-builder';
import { dataflowAccount } from './index';

/**
 * from sklearn.linear_model import LogisticRegression
 * import numpy as np
 * X = np.ones((4, 2))
 * y = [0, 1, 0, 1]
 * split = train_test_split(X, y, test_size=0.5)
 * X_train = split[0]
 * model = LogisticRegression()
 * model.fit(X_train, y)
 */
function modelGraph() {
  const b = new GraphBuilder();
  const c = b.cell('');
  const getattr = b.lookup('getattr');
  const lImport = b.lookup('l_import');
  const np = b.call(lImport, [b.importModule('numpy')], { cell: c, line: 2 }, { names: ['np'] });
  const ones = b.call(getattr, [np, b.literal('ones')]);
  const shape = b.call(b.lookup('l_tuple'), [b.literal(4), b.literal(2)]);
  const X = b.call(ones, [shape], { cell: c, line: 3 }, { names: ['X'] });
  const y = b.call(b.lookup('l_list'), [b.literal(0), b.literal(1), b.literal(0), b.literal(1)], undefined, { names: ['y'] });
  const split = b.call(b.lookup('train_test_split'), [X, y], undefined, { names: ['split'], kwargs: [{ key: 'test_size', id: b.literal(0.5) }] });
  const xTrain = b.call(b.lookup('getitem'), [split, b.literal(0)], undefined, { names: ['X_train'] });
  const model = b.call(b.lookup('LogisticRegression'), [], undefined, { names: ['model'] });
  const fit = b.call(getattr, [model, b.literal('fit')]);
  const fitCall = b.call(fit, [xTrain, y]);
  const fitted = b.mutate(model, fitCall, undefined, ['model']);
  return { b, fitted, xTrain, np };
}

describe('dataflowAccount', () => {
  it('explains a value in redun style, inputs indented, each value once', () => {
    const { b, fitted } = modelGraph();
    expect(dataflowAccount(b.graph(), fitted)).toBe(
      [
        'model <-- fit(model, X_train, y)',
        '  model <-- LogisticRegression()',
        '  X_train <-- getitem(split, 0)',
        '    split <-- train_test_split(X, y, test_size=0.5)',
        '      X <-- np.ones((4, 2))',
        '      y <-- [0, 1, 0, 1]',
      ].join('\n'),
    );
  });

  it('honours maxDepth', () => {
    const { b, fitted } = modelGraph();
    expect(dataflowAccount(b.graph(), fitted, { maxDepth: 1 }).split('\n')).toHaveLength(4);
    expect(dataflowAccount(b.graph(), fitted, { maxDepth: 0 })).toBe('model <-- fit(model, X_train, y)');
  });

  it('shows opaque units, global reads, literals and imports', () => {
    const b = new GraphBuilder();
    const n = b.literal(3, undefined, ['n']);
    const s = b.literal("it's", undefined, ['s']);
    const loop = b.call(b.lookup('l_exec'), [], undefined, { blackBox: 'for i in range(n):\n    total = i', globalReads: { n, s } });
    const total = b.global('total', loop);
    expect(dataflowAccount(b.graph(), total)).toBe(['total <-- for i in range(n):… [reads n, s]', '  n <-- 3', `  s <-- "it's"`].join('\n'));
    const imp = b.call(b.lookup('l_import'), [b.importModule('os.path')], undefined, { names: ['osp'] });
    expect(dataflowAccount(b.graph(), imp)).toBe('osp <-- import os.path');
  });

  it('throws NotFoundError for an unknown node', () => {
    const { b } = modelGraph();
    expect(() => dataflowAccount(b.graph(), 'missing')).toThrow(NotFoundError);
  });
});

describe('dataflowAccount over the analyser', () => {
  it('explains a fitted model', async () => {
    const { analyseProgram } = await import('../analysis/index');
    const code = [
      'import lineapy',
      'from sklearn.linear_model import LogisticRegression',
      'import pandas as pd',
      'df = pd.read_csv("data.csv")',
      'X = df[["a", "b"]]',
      'y = df["target"]',
      'split = train_test_split(X, y, test_size=0.2)',
      'X_train = split[0]',
      'model = LogisticRegression(C=1.0)',
      'model.fit(X_train, y)',
      'lineapy.save(model, "churn_model")',
    ].join('\n');
    const out = analyseProgram({ kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] }, { sessionId: 's' });
    const text = dataflowAccount({ sourceCodes: out.sourceCodes, nodes: out.nodes }, out.artifacts[0].nodeId);
    const lines = text.split('\n');
    expect(lines[0]).toBe('model <-- fit(model, X_train, y)');
    expect(lines).toContain('  model <-- LogisticRegression(C=1.0)');
    expect(lines.some((l) => /^ {4}LogisticRegression <-- from \.?sklearn\.linear_model import LogisticRegression$/.test(l))).toBe(true);
    expect(lines).toContain('  X_train <-- getitem(split, 0)');
    expect(lines).toContain('      X <-- getitem(df, [\'a\', \'b\'])');
    expect(lines).toContain("        df <-- pd.read_csv('data.csv') [uses file_system]");
  });
});
