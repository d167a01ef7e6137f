import { describe, expect, it } from 'vitest';
import { importSites, topLevelImports } from './imports';

describe('topLevelImports', () => {
  it('names the top-level module of every unconditional import, with its line', () => {
    const code = ['import numpy as np, os.path', 'from pandas.io import json as j', 'x = 1', 'import a.b.c'].join('\n');
    expect(topLevelImports(code)).toEqual([
      { module: 'numpy', line: 1 },
      { module: 'os', line: 1 },
      { module: 'pandas', line: 2 },
      { module: 'a', line: 4 },
    ]);
  });

  it('leaves out relative imports and imports that may not run', () => {
    const code = [
      'from . import helpers',
      'from .m import q',
      'from ...pkg import r',
      'try:',
      '    import ujson',
      'except ImportError:',
      '    ujson = None',
      'if False:',
      '    import scipy',
      'def f():',
      '    import sklearn',
    ].join('\n');
    expect(topLevelImports(code)).toEqual([]);
  });

  it('reads through IPython syntax and skips a cell that does not parse', () => {
    expect(topLevelImports('%matplotlib inline\n!pip install seaborn\nimport seaborn as sns\n')).toEqual([{ module: 'seaborn', line: 3 }]);
    expect(topLevelImports('import numpy\nx = (\n')).toEqual([]);
  });

  it('does not take an alias for a module', () => {
    expect(topLevelImports('import matplotlib.pyplot as plt, json\n').map((i) => i.module)).toEqual(['matplotlib', 'json']);
  });
});

describe('importSites', () => {
  it('keeps the first site of each module across cells', () => {
    expect(importSites(['x = 1', 'import numpy\nimport json', 'import numpy as np\nimport pandas'])).toEqual([
      { module: 'numpy', cellIndex: 1, line: 1 },
      { module: 'json', cellIndex: 1, line: 2 },
      { module: 'pandas', cellIndex: 2, line: 2 },
    ]);
  });
});
