import { describe, expect, it } from 'vitest';
import { analyseCode } from '../analysis/testing';
import { searchVariables, variablesOf, type VariableInfo } from './variables';

function variables(code: string | string[]): Map<string, VariableInfo> {
  const g = analyseCode(code);
  const vars = variablesOf({ sourceCodes: g.out.sourceCodes, nodes: g.out.nodes }, g.out.bindings);
  return new Map(vars.map((v) => [v.name, v]));
}

describe('variablesOf', () => {
  it('lists every module-level name in order of first binding, with bindings, mutations and uses by cell and line', () => {
    const g = analyseCode(['import pandas as pd', 'df = pd.read_csv("a.csv")\ndf.dropna(inplace=True)', 'n = len(df)\nprint(df.head())', 'df = df.fillna(0)']);
    const vars = variablesOf({ sourceCodes: g.out.sourceCodes, nodes: g.out.nodes }, g.out.bindings);
    expect(vars.map((v) => v.name)).toEqual(['pd', 'df', 'n']);
    const df = vars[1];
    expect(df.bindings.map((b) => [b.change, b.where, b.code])).toEqual([
      ['assigned', 'cell 2 · line 1', 'df = pd.read_csv("a.csv")'],
      ['mutated', 'cell 2 · line 2', 'df.dropna(inplace=True)'],
      ['assigned', 'cell 4 · line 1', 'df = df.fillna(0)'],
    ]);
    expect(df.bindings.map((b) => [b.cell, b.line])).toEqual([[2, 1], [2, 2], [4, 1]]);
    // The latest binding is the last assignment; it is the binding "Name as artifact" names.
    expect(df.latestId).toBe(g.binding('df').id);
    expect(df.latestId).toBe(df.bindings[2].nodeId);
    // Read by: the mutating call, len, the print and the fillna (one entry per line).
    expect(df.uses.map((u) => u.where)).toEqual(['cell 2 · line 2', 'cell 3 · line 1', 'cell 3 · line 2', 'cell 4 · line 1']);
    expect(vars[0].uses.map((u) => u.where)).toEqual(['cell 2 · line 1']);
    expect(vars[2].uses).toEqual([]);
  });

  it('lists a loop that rebinds a variable once, as its latest binding', () => {
    const v = variables(['total = 0', 'for i in range(3):\n    total += i', 'print(total)']);
    const total = v.get('total')!;
    // The loop may mutate and rebinds total: one entry for the statement, the rebinding (the latest).
    expect(total.bindings.map((b) => [b.where, b.change])).toEqual([
      ['cell 1 · line 1', 'assigned'],
      ['cell 2 · line 1', 'assigned'],
    ]);
    expect(total.latestId).toBe(total.bindings[1].nodeId);
    expect(total.uses.map((u) => u.where)).toEqual(['cell 2 · line 1', 'cell 3 · line 1']);
    expect(v.get('i')!.bindings.map((b) => b.where)).toEqual(['cell 2 · line 1']);
  });

  it('infers types from literals, displays, comprehensions, definitions, builtins and known constructors', () => {
    const v = variables(
      [
        'import pandas as pd',
        'import numpy as np',
        'from pandas import DataFrame as Frame',
        's = "hi"',
        'k = 3',
        'f = 2.5',
        'ok = True',
        'nothing = None',
        'xs = [1, 2]',
        'pair = (1, 2)',
        'conf = {"a": 1}',
        'squares = [i * i for i in range(3)]',
        'lookup = {c: i for i, c in enumerate("ab")}',
        'uniq = {c for c in "abc"}',
        'tags = {"x", "y"}',
        'gen = (i for i in range(3))',
        'label = f"{k} items"',
        'def fit(x):\n    return x',
        'class Model:\n    pass',
        'frame = pd.DataFrame({"a": [1]})',
        'raw = pd.read_csv("a.csv")',
        'other = Frame()',
        'top = raw.head()',
        'arr = np.zeros(3)',
        'size = len(xs)',
        'names = sorted(conf)',
        'alias = frame',
        'total = k + f',
        'shout = s.upper()',
        'parts = s.split(",")',
        'mystery = np.mean(arr)',
        'square = lambda x: x * x',
      ].join('\n'),
    );
    const type = (name: string) => v.get(name)?.type;
    expect(
      Object.fromEntries(
        ['pd', 'np', 'Frame', 's', 'k', 'f', 'ok', 'nothing', 'xs', 'pair', 'conf', 'squares', 'lookup', 'uniq', 'tags', 'gen', 'label', 'fit', 'Model', 'frame', 'raw', 'other', 'top', 'arr', 'size', 'names', 'alias', 'total', 'shout', 'parts', 'mystery', 'square'].map((n) => [n, type(n)]),
      ),
    ).toEqual({
      pd: 'module',
      np: 'module',
      Frame: undefined,
      s: 'str',
      k: 'int',
      f: 'float',
      ok: 'bool',
      nothing: 'NoneType',
      xs: 'list',
      pair: 'tuple',
      conf: 'dict',
      squares: 'list',
      lookup: 'dict',
      uniq: 'set',
      tags: 'set',
      gen: 'generator',
      label: 'str',
      fit: 'function',
      Model: 'type',
      frame: 'DataFrame',
      raw: 'DataFrame',
      other: 'DataFrame',
      top: 'DataFrame',
      arr: 'ndarray',
      size: 'int',
      names: 'list',
      alias: 'DataFrame',
      total: 'float',
      shout: 'str',
      parts: 'list',
      mystery: undefined,
      square: 'function',
    });
  });

  it('keeps the type of a mutated value and of each binding', () => {
    const v = variables('xs = [3, 1]\nxs.sort()\nxs = "done"');
    const xs = v.get('xs')!;
    expect(xs.bindings.map((b) => [b.change, b.type])).toEqual([
      ['assigned', 'list'],
      ['mutated', 'list'],
      ['assigned', 'str'],
    ]);
    expect(xs.type).toBe('str');
  });

  it('does not take a user function that shadows a builtin for the builtin', () => {
    const v = variables('def len(x):\n    return "many"\nn = len([1])');
    expect(v.get('n')?.type).toBeUndefined();
  });

  it('does not count the call that mutates another value as a use of what the call returns', () => {
    const v = variables('from sklearn.pipeline import Pipeline\npipe = Pipeline([])\nout = pipe.fit_transform([[1]])\nprint(out)');
    expect(v.get('pipe')!.bindings.map((b) => b.change)).toEqual(['assigned', 'mutated']);
    expect(v.get('out')!.uses.map((u) => u.where)).toEqual(['line 4']);
  });

  it('has no variables for code that binds nothing', () => {
    expect(variables('print(1)').size).toBe(0);
  });
});

describe('searchVariables', () => {
  const vars = [...variables('customers = 1\ncustomer_count = 2\nCHURN = 3\nmodel = [c for c in "ab"]').values()];

  it('matches a substring, ignoring case, names that start with it first', () => {
    expect(searchVariables(vars, 'CUSTOMER').map((v) => v.name)).toEqual(['customers', 'customer_count']);
    expect(searchVariables(vars, 'urn').map((v) => v.name)).toEqual(['CHURN']);
    expect(searchVariables(vars, 'Count').map((v) => v.name)).toEqual(['customer_count']);
    expect(searchVariables(vars, 'c').map((v) => v.name)).toEqual(['customers', 'customer_count', 'CHURN']);
    // A comprehension's own variable is not a module-level name.
    expect(vars.map((v) => v.name)).not.toContain('c');
  });

  it('puts the name itself before longer names that start with it', () => {
    const vs = [...variables('HOUSING_PATH = "x"\nhousing_raw = 1\nhousing = 2\nold_housing = 3').values()];
    expect(searchVariables(vs, 'housing').map((v) => v.name)).toEqual(['housing', 'HOUSING_PATH', 'housing_raw', 'old_housing']);
  });

  it('matches the type too, and a blank query keeps every variable', () => {
    expect(searchVariables(vars, 'list').map((v) => v.name)).toEqual(['model']);
    expect(searchVariables(vars, '  ').length).toBe(vars.length);
    expect(searchVariables(vars, 'zzz')).toEqual([]);
  });
});
