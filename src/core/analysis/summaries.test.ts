/**
 * Function effect summaries, containment across blocks, walrus and comments between
 * arguments (issue 14 points 2, 4, 6). Each case is the slice text of a variable.
 */
import { describe, expect, it } from 'vitest';
import { analyseCode } from './testing';

function sliceOf(code: string, name: string): string {
  const lines = code.split('\n');
  return analyseCode(code)
    .sliceLines(name)
    .map((l) => lines[l - 1])
    .join('\n');
}
const src = (...lines: string[]): string => lines.join('\n');

describe('comments between arguments, elements and keys', () => {
  it('a keyword argument after a comment keeps its dependency', () => {
    const code = src('weights = {0: 1.0, 1: 3.0}', 'def train(x, w=None):', '    return (x, w)', 'result = train(', '    5,', '    # the weights go here', '    w=weights)');
    expect(sliceOf(code, 'result')).toBe(code);
  });
  it('a positional argument after a comment', () => {
    const code = src('k = 1', 'r = max(', '    # first', '    k, 2)');
    expect(sliceOf(code, 'r')).toBe(code);
  });
  it('a parenthesised expression after a comment', () => {
    const code = src('k = 1', 'y = (  # note', '    k + 1)');
    expect(sliceOf(code, 'y')).toBe(code);
  });
  it('a subscript key after a comment', () => {
    const code = src("d = {'a': 2}", "key = 'a'", 'z = d[  # key', '    key]');
    expect(sliceOf(code, 'z')).toBe(code);
  });
  it('a dict display with a comment between entries', () => {
    const code = src('k = 1', "d = {'a': 0,  # note", "     'b': k}");
    expect(sliceOf(code, 'd')).toBe(code);
  });
});

describe('function effect summaries', () => {
  it('a function that only reads a module does not mutate it', () => {
    const code = src('import numpy as np', 'def scale(v):', '    return np.sqrt(v) * 2', 'a = scale(4)', 'b = np.arange(5)');
    expect(sliceOf(code, 'b')).toBe(src('import numpy as np', 'b = np.arange(5)'));
  });
  it('a module function with a mutating rule, called in a body, still mutates the module', () => {
    const code = src('import matplotlib.pyplot as plt', 'def draw(v):', '    plt.plot(v)', 'draw([1])', 'fig = plt.gcf()');
    expect(sliceOf(code, 'fig')).toBe(code);
  });
  it('df.drop(inplace=True) on a parameter mutates the argument; df.head() does not', () => {
    const code = src(
      'import pandas as pd',
      "df = pd.DataFrame({'a': [1], 'b': [2]})",
      "other = pd.DataFrame({'a': [1]})",
      'def clean(frame):',
      "    frame.drop(columns=['b'], inplace=True)",
      'def peek(frame):',
      '    return frame.head()',
      'clean(df)',
      'peek(other)',
      'n = len(other)',
      'm = len(df)',
    );
    expect(sliceOf(code, 'n')).toBe(src('import pandas as pd', "other = pd.DataFrame({'a': [1]})", 'n = len(other)'));
    expect(sliceOf(code, 'm')).toContain('clean(df)');
  });
  it('lst.append in a body mutates the global; the keyword argument is the one mutated', () => {
    const code = src('log = []', 'keep = []', 'def add(x, into=None):', '    into.append(x)', 'add(1, into=log)', 'r = len(keep)', 's = len(log)');
    expect(sliceOf(code, 'r')).toBe(src('keep = []', 'r = len(keep)'));
    expect(sliceOf(code, 's')).toBe(src('log = []', 'def add(x, into=None):', '    into.append(x)', 'add(1, into=log)', 's = len(log)'));
  });
  it('summaries compose: a function calling a mutating helper mutates the argument it passes', () => {
    const code = src('a = []', 'b = []', 'def push(t):', '    t.append(1)', 'def outer(u):', '    push(u)', 'outer(b)', 'ra = len(a)', 'rb = len(b)');
    expect(sliceOf(code, 'ra')).toBe(src('a = []', 'ra = len(a)'));
    expect(sliceOf(code, 'rb')).toContain('outer(b)');
  });
  it('recursion terminates and keeps the effect', () => {
    const code = src('acc = []', 'def walk(n):', '    if n > 0:', '        acc.append(n)', '        walk(n - 1)', 'walk(3)', 'k = len(acc)');
    expect(sliceOf(code, 'k')).toBe(code);
  });
  it('a method that does not change self leaves the instance alone; one that does mutates it', () => {
    const code = src(
      'class Box:',
      '    def __init__(self):',
      '        self.items = []',
      '    def size(self):',
      '        return len(self.items)',
      '    def put(self, x):',
      '        self.items.append(x)',
      'b = Box()',
      'c = Box()',
      'n = b.size()',
      'c.put(1)',
      'rb = b.items',
      'rc = c.items',
    );
    expect(sliceOf(code, 'rb')).not.toContain('b.size()');
    expect(sliceOf(code, 'rc')).toContain('c.put(1)');
  });
  it('a loop that only reads a module does not mutate it', () => {
    const code = src('import math', 'total = 0', 'for i in range(3):', '    total += math.sqrt(i)', 'r = math.pi');
    expect(sliceOf(code, 'r')).toBe(src('import math', 'r = math.pi'));
  });
  it('an attribute store on a module global is a mutation', () => {
    const code = src('import types', "cfg = types.SimpleNamespace(x=0)", 'def setx():', '    cfg.x = 1', 'setx()', 'r = cfg.x');
    expect(sliceOf(code, 'r')).toBe(code);
  });
  it('an unknown method on a parameter mutates that argument, not the globals the body reads', () => {
    const code = src('import math', 'class T:', '    def bump(self):', '        pass', 't = T()', 'def go(o):', '    o.bump()', '    return math.sqrt(2)', 'go(t)', 'r = math.e');
    expect(sliceOf(code, 'r')).toBe(src('import math', 'r = math.e'));
  });
});

describe('containment that survives blocks', () => {
  it('a list filled in an if block holds its element', () => {
    const code = src('x = [0]', 'c = True', 'if c:', '    y = [x]', 'y.append(1)', 'z = 0');
    expect(sliceOf(code, 'y')).toBe(src('x = [0]', 'c = True', 'if c:', '    y = [x]', 'y.append(1)'));
    // Conservative: the container and its element are one view set (as outside blocks).
    expect(sliceOf(code, 'x')).toBe(src('x = [0]', 'c = True', 'if c:', '    y = [x]', 'y.append(1)'));
  });
  it('a loop appends elements of rows: mutating one through the container mutates rows', () => {
    const code = src('rows = [[1], [2]]', 'out = []', 'for r in rows:', '    out.append(r)', 'out[0].append(9)', 'k = 0');
    expect(sliceOf(code, 'rows')).toBe(src('rows = [[1], [2]]', 'out = []', 'for r in rows:', '    out.append(r)', 'out[0].append(9)'));
  });
  it('a subscript store in a block: box holds items, so a later items.append reaches box', () => {
    const code = src('box = {}', 'items = [0]', 'if True:', "    box['k'] = items", 'items.append(3)', 's = 0');
    expect(sliceOf(code, 'box')).toBe(src('box = {}', 'items = [0]', 'if True:', "    box['k'] = items", 'items.append(3)'));
  });
  it('obj.attr = inner: a later inner.append reaches obj', () => {
    const code = src('inner = [0]', 'class O:', '    pass', 'o = O()', 'o.attr = inner', 'inner.append(5)', 'z = 1');
    expect(sliceOf(code, 'o')).toBe(src('inner = [0]', 'class O:', '    pass', 'o = O()', 'o.attr = inner', 'inner.append(5)'));
  });
  it('s.add on a set display mutates it', () => {
    const code = src('s = {1}', 's.add(2)', 't = 0');
    expect(sliceOf(code, 's')).toBe(src('s = {1}', 's.add(2)'));
  });
  it('an attribute store on a module does not make the module hold the value', () => {
    const code = src('import types', 'arr = [1]', 'types.extra = arr', 'arr.append(2)', 'r = types.SimpleNamespace');
    expect(sliceOf(code, 'r')).not.toContain('arr.append(2)');
  });
});

describe('walrus', () => {
  for (const expr of ['z = (y := x) + 1', 't = ((y := x), 2)', 'print((y := x))', 'z = -(y := x)', "d = {'k': (y := x)}"]) {
    it(`${expr} binds y to the statement's alias of x`, () => {
      const code = src('x = [3]', expr, 'other = 1');
      expect(sliceOf(code, 'y')).toBe(src('x = [3]', expr));
    });
  }
  it('a mutation through the walrus name reaches the original', () => {
    const code = src('x = [3]', 'z = (y := x)', 'y.append(1)');
    expect(sliceOf(code, 'x')).toBe(code);
  });
  it('a statement across lines keeps every name it reads', () => {
    const code = src('a = 1', 'b = 2', 'c = 3', 'r = (a +', '     b) * [', '  c]', 'q = 0');
    expect(sliceOf(code, 'r')).toBe(src('a = 1', 'b = 2', 'c = 3', 'r = (a +', '     b) * [', '  c]'));
  });
});

describe('local aliases in a body', () => {
  it('q = p; q.append(...) mutates the argument', () => {
    const code = src('a = [1]', 'b = [0]', 'def f(p):', '    q = p', '    q.append(2)', 'f(a)', 'r = a', 's = b');
    expect(sliceOf(code, 'r')).toBe(src('a = [1]', 'def f(p):', '    q = p', '    q.append(2)', 'f(a)', 'r = a'));
    expect(sliceOf(code, 's')).toBe(src('b = [0]', 's = b'));
  });
  it('for row in p: row.append(...) mutates the argument', () => {
    const code = src('rows = [[1]]', 'def f(p):', '    for row in p:', '        row.append(0)', 'f(rows)', 'r = rows');
    expect(sliceOf(code, 'r')).toBe(code);
  });
});

describe('summaries stay bounded', () => {
  it('a diamond of 30 helpers, each calling the next twice, is summarised once per call and keeps the mutation', () => {
    const defs: string[] = [];
    for (let i = 0; i < 30; i++) defs.push(`def h${i}(v):`, i === 29 ? '    v.append(1)' : `    h${i + 1}(v)\n    h${i + 1}(v)`);
    const code = src('a = []', 'b = []', ...defs, 'h0(a)', 'n = len(b)');
    expect(sliceOf(code, 'a')).toContain('h0(a)');
    expect(sliceOf(code, 'n')).toBe(src('b = []', 'n = len(b)'));
  });
});
