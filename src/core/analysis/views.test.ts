/**
 * View sets and reads that the slicer's Pyodide proof found missing
 * (docs/notes/slicer-analyser-gaps.md, gaps 1–4). Each case asserts the exact edge.
 */
import { describe, expect, it } from 'vitest';
import type { CallNode, MutateNode } from '../model';
import { analyseCode } from './testing';

describe('gap 4: in-place operators keep the view set', () => {
  const program = 'a = [1]\nb = a\na += [2]\nfor i in range(2):\n    a.append(i)\nc = 0';
  it('a += [...] on a list, then a loop mutates a: the alias b is mutated by the loop', () => {
    const g = analyseCode(program);
    const b = g.binding('b') as MutateNode;
    expect(b.kind).toBe('Mutate');
    expect((g.node(b.callId) as CallNode).blackBox).toMatch(/^for i in range\(2\):/);
    expect(g.sliceLines('b')).toEqual([1, 2, 3, 4, 5]);
  });
  it('a stays bound to a version in the same view set (its type is kept)', () => {
    const g = analyseCode('a = [1]\nb = a\na += [2]\na.pop()');
    expect((g.binding('b') as MutateNode).callId).toBe(g.calls('pop')[0].id);
    expect((g.binding('a') as MutateNode).callId).toBe(g.calls('pop')[0].id);
  });
  it('near miss: n += 1 on an int literal does not join the alias to later loop writes', () => {
    const g = analyseCode('n = 0\nm = n\nn += 1\nfor i in range(2):\n    n += i');
    expect(g.sliceLines('m')).toEqual([1, 2, 3]);
  });
});

describe('gap 3: star-import names inside opaque units', () => {
  it('a comprehension reads a star-imported name from the module', () => {
    const g = analyseCode('from math import *\nroots = [sqrt(x) for x in range(4)]');
    const roots = g.binding('roots') as CallNode;
    expect(Object.keys(roots.globalReads)).toEqual(['sqrt']);
    expect(roots.globalReads.sqrt).toBe(g.calls('l_import')[0].id);
    expect(g.sliceLines('roots')).toEqual([1, 2]);
  });
  it('a loop reads a star-imported name; builtins are not reads', () => {
    const g = analyseCode('from math import *\nacc = []\nfor i in range(3):\n    acc.append(factorial(i))');
    const acc = g.binding('acc') as MutateNode;
    const loop = g.node(acc.callId) as CallNode;
    expect(Object.keys(loop.globalReads).sort()).toEqual(['acc', 'factorial']);
    expect(loop.globalReads.factorial).toBe(g.calls('l_import')[0].id);
    expect(g.sliceLines('acc')).toEqual([1, 2, 3, 4]);
  });
  it('calling a function whose body uses a star-imported name reads the module', () => {
    const g = analyseCode('from math import *\ndef f():\n    return sqrt(2)\nv = f()');
    const v = g.binding('v') as CallNode;
    expect(v.globalReads.sqrt).toBe(g.calls('l_import')[0].id);
  });
  it('near miss: without a star import, an unknown name in a block is no read', () => {
    const g = analyseCode('import math\nroots = [sqrt(x) for x in range(4)]');
    expect((g.binding('roots') as CallNode).globalReads).toEqual({});
  });
});

describe('gap 2: dict views', () => {
  it('d.keys() is a view of the dict: a later setitem mutates it', () => {
    const g = analyseCode("d = {'a': 1}\nks = d.keys()\nd['b'] = 2");
    const ks = g.binding('ks') as MutateNode;
    expect(ks.kind).toBe('Mutate');
    expect(ks.callId).toBe(g.calls('setitem')[0].id);
    expect(g.sliceLines('ks')).toEqual([1, 2, 3]);
  });
  it('d.items() after d.update(...)', () => {
    const g = analyseCode("d = {'a': 1}\nit = d.items()\nd.update(c=3)");
    expect((g.binding('it') as MutateNode).callId).toBe(g.calls('update')[0].id);
  });
  it('d.values() after d.pop(...)', () => {
    const g = analyseCode("d = {'a': 1, 'x': 2}\nvs = d.values()\nd.pop('x')");
    expect((g.binding('vs') as MutateNode).callId).toBe(g.calls('pop')[0].id);
  });
  it('unknown receivers count too', () => {
    const g = analyseCode('d = make()\nvs = d.values()\nd.clear()');
    expect((g.binding('vs') as MutateNode).callId).toBe(g.calls('clear')[0].id);
  });
  it('d.copy() is still a dict: its keys() is a view of the copy, not of d', () => {
    const g = analyseCode("d = {'a': 1}\nd2 = d.copy()\nks = d2.keys()\nd2['b'] = 2\nd['c'] = 3");
    expect((g.binding('ks') as MutateNode).callId).toBe(g.calls('setitem')[0].id);
    expect(g.sliceLines('ks')).toEqual([1, 2, 3, 4]);
  });
  it('near miss: list(d.keys()) is a copy, not a view', () => {
    const g = analyseCode("d = {'a': 1}\nks = list(d.keys())\nd['b'] = 2");
    expect(g.isMutated('ks')).toBe(false);
    expect(g.sliceLines('ks')).toEqual([1, 2]);
  });
});

describe('gap 1: containment', () => {
  it('an element taken from a nested list is a view of the list', () => {
    const g = analyseCode('rows = [[1], [2]]\nfirst = rows[0]\nfirst.append(10)');
    const rows = g.binding('rows') as MutateNode;
    expect(rows.kind).toBe('Mutate');
    expect(rows.callId).toBe(g.calls('append')[0].id);
    expect(g.sliceLines('rows')).toEqual([1, 2, 3]);
  });
  it('a list display is in the view set of its mutable elements', () => {
    const g = analyseCode('inner = [0]\nouter = [inner, inner]\ninner.append(1)');
    expect((g.binding('outer') as MutateNode).callId).toBe(g.calls('append')[0].id);
    expect(g.sliceLines('outer')).toEqual([1, 2, 3]);
  });
  it('a dict value taken out and mutated mutates the dict', () => {
    const g = analyseCode("cfg = {'a': [1]}\nlst = cfg['a']\nlst.append(2)");
    expect((g.binding('cfg') as MutateNode).callId).toBe(g.calls('append')[0].id);
  });
  it('tuple unpacking of a container of lists keeps the containment', () => {
    const g = analyseCode('pair = ([1], [2])\nx, y = pair\nx.append(3)');
    expect((g.binding('pair') as MutateNode).callId).toBe(g.calls('append')[0].id);
  });
  it('near miss: an element of a list of literals is not a view', () => {
    const g = analyseCode('nums = [1, 2]\nx = nums[0]\nnums.append(3)');
    expect(g.isMutated('x')).toBe(false);
    expect(g.sliceLines('x')).toEqual([1, 2]);
  });
  it('near miss: a display of literals is not a view of anything', () => {
    const g = analyseCode('k = 1\nt = [k, 2]\nt.append(3)');
    expect(g.isMutated('k')).toBe(false);
  });
});

describe('containment inside blocks', () => {
  it('a loop that mutates the elements it iterates mutates the container', () => {
    const g = analyseCode('rows = [[1], [2]]\nfor r in rows:\n    r.append(0)');
    const rows = g.binding('rows') as MutateNode;
    expect(rows.kind).toBe('Mutate');
    expect((g.node(rows.callId) as CallNode).blackBox).toMatch(/^for r in rows:/);
  });
  it('iterating d.items() and mutating the values mutates d', () => {
    const g = analyseCode("d = {'a': [1]}\nfor k, v in d.items():\n    v.append(2)");
    expect(g.isMutated('d')).toBe(true);
  });
  it('an element taken out inside a block and mutated mutates the container', () => {
    const g = analyseCode('rows = [[1]]\nwith ctx():\n    first = rows[0]\n    first.append(1)');
    expect(g.isMutated('rows')).toBe(true);
  });
  it('an alias made inside a block and mutated mutates the original', () => {
    const g = analyseCode('a = [1]\nif a:\n    b = a\n    b.append(2)');
    expect(g.isMutated('a')).toBe(true);
  });
  it('near miss: an in-place operator on the ints of a list of literals does not mutate it', () => {
    const g = analyseCode('nums = [1, 2]\nfor v in nums:\n    v += 1');
    expect(g.isMutated('nums')).toBe(false);
  });
  it('near miss: rebinding the loop variable ends the link to the container', () => {
    const g = analyseCode('rows = [[1]]\nfor r in rows:\n    r = []\n    r.append(1)');
    expect(g.isMutated('rows')).toBe(false);
  });
});

describe('containment of unbound displays', () => {
  it('near miss: a display passed straight to a call does not tie its elements together', () => {
    const g = analyseCode('import pandas as pd\ndf1 = pd.DataFrame()\ndf2 = pd.DataFrame()\nboth = pd.concat([df1, df2])\ndf1.dropna(inplace=True)');
    expect(g.isMutated('df1')).toBe(true);
    expect(g.isMutated('df2')).toBe(false);
    expect(g.isMutated('both')).toBe(false);
  });
  it('tuple unpacking of a display of names keeps the link to each value', () => {
    const g = analyseCode('a = [1]\nb = [2]\nx, y = a, b\nx.append(3)');
    expect((g.binding('a') as MutateNode).callId).toBe(g.calls('append')[0].id);
  });
  it('a nested display, once bound, contains the inner elements', () => {
    const g = analyseCode('inner = [0]\nouter = [[inner]]\ninner.append(1)');
    expect(g.isMutated('outer')).toBe(true);
  });
});

describe('loops over displays of names', () => {
  it('for item in [a, b]: item.append(...) mutates a and b themselves', () => {
    const g = analyseCode('a = [1]\nb = [2]\nfor item in [a, b]:\n    item.append(0)');
    expect(g.isMutated('a')).toBe(true);
    expect(g.isMutated('b')).toBe(true);
  });
  it('for item in a, b: (a bare tuple) too', () => {
    const g = analyseCode('a = [1]\nb = [2]\nfor item in a, b:\n    item.append(0)');
    expect(g.isMutated('a')).toBe(true);
  });
});

describe('containment through container mutators', () => {
  it('rows.append(inner): a later mutation of inner mutates rows', () => {
    const g = analyseCode('inner = [0]\nrows = []\nrows.append(inner)\ninner.append(1)');
    expect((g.binding('rows') as MutateNode).callId).toBe(g.calls('append')[1].id);
    expect(g.sliceLines('inner')).toEqual([1, 4]);
  });
  it('d[k] = v: a later mutation of v mutates d', () => {
    const g = analyseCode("d = {}\nv = [1]\nd['k'] = v\nv.append(2)");
    expect((g.binding('d') as MutateNode).callId).toBe(g.calls('append')[0].id);
    expect(g.sliceLines('v')).toEqual([2, 4]);
  });
  it('rows.extend([inner]) holds inner', () => {
    const g = analyseCode('inner = [0]\nrows = []\nrows.extend([inner])\ninner.append(1)');
    expect((g.binding('rows') as MutateNode).callId).toBe(g.calls('append')[0].id);
  });
  it('near miss: appending a literal or a name bound to one ties nothing', () => {
    const g = analyseCode('n = 1\nrows = []\nrows.append(n)\nrows.append(2)');
    expect(g.isMutated('n')).toBe(false);
  });
});

describe('comprehension variables', () => {
  it('[r.append(0) for r in rows] mutates rows', () => {
    const g = analyseCode('rows = [[1], [2]]\nout = [r.append(0) for r in rows]');
    expect(g.isMutated('rows')).toBe(true);
  });
  it('nested clauses reach the outer iterable', () => {
    const g = analyseCode('grid = [[[1]]]\nout = [c.append(0) for row in grid for c in row]');
    expect(g.isMutated('grid')).toBe(true);
  });
  it('near miss: a pure method on comprehension variables mutates nothing', () => {
    const g = analyseCode('rows = [[1], [2]]\nout = [r.copy() for r in rows]');
    expect(g.isMutated('rows')).toBe(false);
  });
});
