import { describe, expect, it } from 'vitest';
import type { CallNode, ImportNode, LiteralNode } from '../model';
import { analyseCode } from './testing';

describe('assignment', () => {
  it('creates no node of its own: the name is bound to the value node', () => {
    const g = analyseCode('x = 1');
    expect(g.nodes).toHaveLength(1);
    expect(g.binding('x')).toMatchObject({ kind: 'Literal', names: ['x'] });
  });
  it('chained targets bind the same node', () => {
    const g = analyseCode('a = b = [1]');
    expect(g.binding('a').id).toBe(g.binding('b').id);
    expect(g.binding('a').names.sort()).toEqual(['a', 'b']);
  });
  it('x = y makes an alias call', () => {
    const g = analyseCode('y = [1]\nx = y');
    const alias = g.binding('x') as CallNode;
    expect(g.calleeName(alias)).toBe('l_alias');
    expect(alias.args[0].id).toBe(g.binding('y').id);
  });
  it('tuple unpacking: an unpack call then getitem per target', () => {
    const g = analyseCode('t = (1, 2)\na, b = t');
    const a = g.binding('a') as CallNode;
    expect(g.calleeName(a)).toBe('getitem');
    const unpack = g.node(a.args[0].id) as CallNode;
    expect(g.calleeName(unpack)).toBe('l_unpack_sequence');
    expect(unpack.args[0].id).toBe(g.binding('t').id);
    expect((g.node((g.binding('b') as CallNode).args[1].id) as LiteralNode).value).toBe(1);
  });
  it('nested unpacking', () => {
    const g = analyseCode('t = 1\n(a, (b, c)) = t');
    const c = g.binding('c') as CallNode;
    const inner = g.node(c.args[0].id) as CallNode;
    expect(g.calleeName(inner)).toBe('l_unpack_sequence');
    expect(g.calleeName(g.node(inner.args[0].id) as CallNode)).toBe('getitem');
  });
  it('list target unpacking', () => {
    const g = analyseCode('t = 1\n[a, b] = t');
    expect(g.calleeName(g.binding('b') as CallNode)).toBe('getitem');
  });
  it('starred target uses l_unpack_ex', () => {
    const g = analyseCode('t = 1\na, *rest, z = t');
    const rest = g.binding('rest') as CallNode;
    const unpack = g.node(rest.args[0].id) as CallNode;
    expect(g.calleeName(unpack)).toBe('l_unpack_ex');
    expect(unpack.args.slice(1).map((x) => (g.node(x.id) as LiteralNode).value)).toEqual([1, 1]);
  });
  it('a.f = v is setattr and mutates a', () => {
    const g = analyseCode('a = C()\na.f = 1');
    const m = g.binding('a');
    expect(m.kind).toBe('Mutate');
    if (m.kind !== 'Mutate') return;
    expect(g.calleeName(g.node(m.callId) as CallNode)).toBe('setattr');
  });
  it('a[k] = v is setitem and mutates a', () => {
    const g = analyseCode('a = {}\na["k"] = 1');
    const m = g.binding('a');
    expect(m.kind).toBe('Mutate');
    if (m.kind !== 'Mutate') return;
    expect(g.calleeName(g.node(m.callId) as CallNode)).toBe('setitem');
  });
  it('a.b[k] = v mutates the base variable a too', () => {
    const g = analyseCode('a = C()\na.b["k"] = 1\nz = a');
    expect(g.isMutated('a')).toBe(true);
    expect(g.sliceLines('z')).toEqual([1, 2, 3]);
  });
  it('annotated assignment binds; a bare annotation does not', () => {
    const g = analyseCode('x: int = 5\ny: int');
    expect(g.binding('x')).toMatchObject({ kind: 'Literal', value: 5 });
    expect(g.hasBinding('y')).toBe(false);
  });
  it('walrus binds the value', () => {
    const g = analyseCode('a = 1\nprint((y := a + 1))');
    expect(g.calleeName(g.binding('y') as CallNode)).toBe('add');
  });
  it('walrus as a call argument binds too', () => {
    const g = analyseCode('f(y := 3)');
    expect(g.binding('y')).toMatchObject({ kind: 'Literal', value: 3 });
  });
  it('augmented assignment is opaque: reads and rebinds the name', () => {
    const g = analyseCode('n = 1\nn += 2');
    const gl = g.binding('n');
    expect(gl).toMatchObject({ kind: 'Global', name: 'n' });
    if (gl.kind !== 'Global') return;
    const call = g.node(gl.callId) as CallNode;
    expect(call.blackBox).toBe('n += 2');
    expect(Object.keys(call.globalReads)).toEqual(['n']);
    expect(g.sliceLines('n')).toEqual([1, 2]);
  });
  it('augmented assignment on a list mutates its aliases', () => {
    const g = analyseCode('a = [1]\nb = a\na += [2]\nz = b');
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4]);
  });
  it('augmented subscript assignment mutates the container', () => {
    const g = analyseCode('d = {"a": 1}\nd["a"] += 1');
    expect(g.isMutated('d')).toBe(true);
  });
});

describe('simple statements', () => {
  it('del x unbinds the name', () => {
    const g = analyseCode('x = 1\ndel x');
    expect(g.hasBinding('x')).toBe(false);
  });
  it('del a[k] is delitem and mutates a', () => {
    const g = analyseCode('a = {"k": 1}\ndel a["k"]');
    const m = g.binding('a');
    expect(m.kind).toBe('Mutate');
    if (m.kind === 'Mutate') expect(g.calleeName(g.node(m.callId) as CallNode)).toBe('delitem');
  });
  it('del a.f is delattr', () => {
    const g = analyseCode('a = C()\ndel a.f');
    const m = g.binding('a');
    if (m.kind !== 'Mutate') throw new Error('not mutated');
    expect(g.calleeName(g.node(m.callId) as CallNode)).toBe('delattr');
  });
  it('assert reads its operands', () => {
    const g = analyseCode('x = 1\nassert x > 0, "bad"');
    const a = g.calls('l_assert');
    expect(a).toHaveLength(1);
    expect(a[0].args).toHaveLength(2);
  });
  it('pass, global and nonlocal create nothing', () => {
    const g = analyseCode('pass\nglobal q');
    expect(g.nodes).toHaveLength(0);
  });
  it('return at top level is a diagnostic', () => {
    const g = analyseCode('x = 1\nreturn x');
    expect(g.diagnostics).toMatchObject([{ code: 'top-level-return', severity: 'warning', line: 2 }]);
  });
  it('semicolon-separated statements are analysed each', () => {
    const g = analyseCode('a = 1; b = a');
    expect(g.calleeName(g.binding('b') as CallNode)).toBe('l_alias');
  });
});

describe('imports', () => {
  it('import m: an Import node and an l_import call bound to m', () => {
    const g = analyseCode('import pandas');
    const call = g.binding('pandas') as CallNode;
    expect(g.calleeName(call)).toBe('l_import');
    expect(g.node(call.implicitDeps[0])).toMatchObject({ kind: 'Import', name: 'pandas', packageName: 'pandas' });
    expect(call.location).toMatchObject({ line: 1 });
  });
  it('import m as a', () => {
    const g = analyseCode('import numpy as np');
    expect(g.calleeName(g.binding('np') as CallNode)).toBe('l_import');
    expect(g.hasBinding('numpy')).toBe(false);
  });
  it('dotted import binds the top package', () => {
    const g = analyseCode('import os.path');
    expect(g.ofKind('Import')[0]).toMatchObject({ name: 'os.path', packageName: 'os' });
    expect(g.hasBinding('os')).toBe(true);
  });
  it('import a.b after import a mutates a', () => {
    const g = analyseCode('import a\nimport a.b');
    expect(g.isMutated('a')).toBe(true);
    expect(g.sliceLines('a')).toEqual([1, 2]);
  });
  it('import a.b as c binds c', () => {
    const g = analyseCode('import matplotlib.pyplot as plt');
    expect((g.ofKind('Import')[0] as ImportNode).name).toBe('matplotlib.pyplot');
    expect(g.hasBinding('plt')).toBe(true);
  });
  it('several modules in one statement', () => {
    const g = analyseCode('import os, sys');
    expect(g.ofKind('Import').map((i) => i.name)).toEqual(['os', 'sys']);
  });
  it('from m import x as y: getattr of the module', () => {
    const g = analyseCode('from sklearn.linear_model import LogisticRegression as LR, Ridge');
    const lr = g.binding('LR') as CallNode;
    expect(g.calleeName(lr)).toBe('getattr');
    expect(g.calleeName(g.node(lr.args[0].id) as CallNode)).toBe('l_import');
    expect(g.hasBinding('Ridge')).toBe(true);
    expect(g.ofKind('Import')).toHaveLength(1);
  });
  it('from a dotted absolute module: no leading dot in the Import node or the l_import literal', () => {
    const g = analyseCode('from sklearn.linear_model import LogisticRegression');
    expect(g.ofKind('Import').map((i) => [i.name, i.packageName])).toEqual([['sklearn.linear_model', 'sklearn']]);
    const imp = g.calls('l_import')[0];
    expect((g.node(imp.args[0].id) as LiteralNode).value).toBe('sklearn.linear_model');
  });
  it('relative dotted imports keep only their leading dots', () => {
    const g = analyseCode('from ..a.b import c\nfrom ...x.y import z');
    expect(g.ofKind('Import').map((i) => [i.name, i.packageName])).toEqual([['..a.b', 'a'], ['...x.y', 'x']]);
    expect(g.calls('l_import').map((c) => (g.node(c.args[0].id) as LiteralNode).value)).toEqual(['..a.b', '...x.y']);
  });
  it('relative imports keep their dots', () => {
    const g = analyseCode('from ..pkg import mod\nfrom . import sib');
    expect(g.ofKind('Import').map((i) => [i.name, (i as ImportNode).packageName])).toEqual([['..pkg', 'pkg'], ['.', '.']]);
  });
  it('star import: unknown names resolve to the module lazily', () => {
    const g = analyseCode('from math import *\nx = sqrt(2)\ny = len([])');
    const x = g.binding('x') as CallNode;
    const fn = g.node(x.functionId) as CallNode;
    expect(g.calleeName(fn)).toBe('getattr');
    expect(g.sliceLines('x')).toEqual([1, 2]);
    expect(g.sliceLines('y')).toEqual([3]);
  });
  it('imports used by a value are in its lineage; unused ones are not', () => {
    const g = analyseCode('import os\nimport numpy as np\nx = np.zeros(3)');
    expect(g.sliceLines('x')).toEqual([2, 3]);
  });
});

describe('opaque statements', () => {
  it('if: one call with the block text, reads, and a Global per bound name', () => {
    const g = analyseCode('c = True\nif c:\n    x = 1\nelse:\n    x = 2\ny = x');
    const gl = g.globals('x');
    expect(gl).toHaveLength(1);
    const call = g.node(gl[0].kind === 'Global' ? gl[0].callId : '') as CallNode;
    expect(call.blackBox).toBe('if c:\n    x = 1\nelse:\n    x = 2');
    expect(Object.keys(call.globalReads)).toEqual(['c']);
    expect(call.location).toMatchObject({ line: 2, endLine: 5 });
    expect(g.sliceLines('y')).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('a conditional write also reads the previous binding', () => {
    const g = analyseCode('x = 0\nc = 1\nif c:\n    x = 1\ny = x');
    expect(g.sliceLines('y')).toEqual([1, 2, 3, 4, 5]);
  });
  it('if/else that writes a name in every branch does not read its previous binding', () => {
    const g = analyseCode('x = make()\nc = 1\nif c:\n    x = 1\nelse:\n    x = 2\ny = x');
    const call = g.node((g.binding('x') as { callId: string }).callId) as CallNode;
    expect(Object.keys(call.globalReads)).toEqual(['c']);
    expect(g.sliceLines('y')).toEqual([2, 3, 4, 5, 6, 7]);
  });
  it('if/elif/else: a name written in every branch is definite; one written in some is not', () => {
    const g = analyseCode('x = f()\nz = g()\nc = 1\nif c:\n    x = 1\n    z = 1\nelif c > 1:\n    x = 2\nelse:\n    x = 3');
    const call = g.node((g.binding('x') as { callId: string }).callId) as CallNode;
    expect(Object.keys(call.globalReads).sort()).toEqual(['c', 'z']);
  });
  it('near miss: if/elif without else still reads the previous binding', () => {
    const g = analyseCode('x = make()\nc = 1\nif c:\n    x = 1\nelif c > 1:\n    x = 2\ny = x');
    expect(g.sliceLines('y')).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('near miss: a walrus in an elif condition is not a definite write', () => {
    const g = analyseCode('w = 0\nc = 1\nif c:\n    x = 1\nelif (w := 2):\n    x = 2\nelse:\n    x = 3');
    const call = g.node((g.binding('x') as { callId: string }).callId) as CallNode;
    expect(Object.keys(call.globalReads).sort()).toEqual(['c', 'w']);
  });
  it('near miss: writes in with (may suppress), try and loop bodies still read the previous binding', () => {
    for (const block of ['with suppress(KeyError):\n    x = d["k"]', 'try:\n    x = int(s)\nexcept ValueError:\n    pass', 'for i in r:\n    if i:\n        x = 1\n    else:\n        x = 2']) {
      const g = analyseCode(`x = make()\nd = {}\ns = "1"\nr = [1]\n${block}\ny = x`);
      expect(g.sliceLines('y')[0], block).toBe(1);
    }
  });
  it('for: loop target and body bindings become Globals', () => {
    const g = analyseCode('xs = [1]\ntotal = 0\nfor i in xs:\n    total = total + i');
    expect(g.binding('i')).toMatchObject({ kind: 'Global' });
    expect(g.binding('total')).toMatchObject({ kind: 'Global' });
    expect(g.sliceLines('total')).toEqual([1, 2, 3, 4]);
  });
  it('for: a name written before it is read inside the block is not a read', () => {
    const g = analyseCode('tmp = 5\nxs = [1]\nfor i in xs:\n    tmp = i\n    out = tmp');
    const call = g.node((g.binding('out') as { callId: string }).callId) as CallNode;
    expect(Object.keys(call.globalReads).sort()).toEqual(['tmp', 'xs']);
  });
  it('for: mutating a list in the body mutates it', () => {
    const g = analyseCode('res = []\nxs = [1]\nfor x in xs:\n    res.append(x)\nz = res');
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4, 5]);
  });
  it('for: a subscript store in the body mutates the container', () => {
    const g = analyseCode('d = {}\nfor k in "ab":\n    d[k] = 1');
    expect(g.isMutated('d')).toBe(true);
  });
  it('for: a pure method call on a free name does not mutate it', () => {
    const g = analyseCode('s = "a"\nfor k in "ab":\n    print(s.upper())');
    expect(g.isMutated('s')).toBe(false);
  });
  it('while', () => {
    const g = analyseCode('n = 3\nwhile n > 0:\n    n = n - 1');
    expect(g.binding('n')).toMatchObject({ kind: 'Global' });
    expect(g.sliceLines('n')).toEqual([1, 2, 3]);
  });
  it('with ... as binds the target', () => {
    const g = analyseCode('p = "f.txt"\nwith open(p) as fh:\n    data = fh.read()');
    expect(g.binding('fh')).toMatchObject({ kind: 'Global' });
    expect(g.sliceLines('data')).toEqual([1, 2, 3]);
  });
  it('try/except binds the except name and body names', () => {
    const g = analyseCode('try:\n    v = int("x")\nexcept ValueError as err:\n    v = 0');
    expect(g.globals('v')).toHaveLength(1);
    expect(g.hasBinding('err')).toBe(true);
  });
  it('match binds capture patterns and reads class patterns', () => {
    const g = analyseCode('P = 1\ncmd = 2\nmatch cmd:\n    case P(x=0) as hit:\n        r = hit\n    case [first, *rest]:\n        r = first');
    const r = g.binding('r');
    const call = g.node(r.kind === 'Global' ? r.callId : '') as CallNode;
    expect(Object.keys(call.globalReads).sort()).toEqual(['P', 'cmd']);
    for (const n of ['hit', 'first', 'rest', 'r']) expect(g.hasBinding(n)).toBe(true);
  });
  it('def: one Global for the function, reads its free variables', () => {
    const g = analyseCode('k = 2\ndef f(a, b=1):\n    c = a * k\n    return c + b');
    const f = g.binding('f');
    expect(f).toMatchObject({ kind: 'Global', name: 'f' });
    const call = g.node(f.kind === 'Global' ? f.callId : '') as CallNode;
    expect(Object.keys(call.globalReads)).toEqual(['k']);
    expect(g.hasBinding('c')).toBe(false);
  });
  it('async def', () => {
    const g = analyseCode('async def f():\n    return 1');
    expect(g.binding('f')).toMatchObject({ kind: 'Global' });
  });
  it('decorated def reads the decorator', () => {
    const g = analyseCode('import functools\n@functools.lru_cache(maxsize=2)\ndef f(x):\n    return x');
    const f = g.binding('f');
    const call = g.node(f.kind === 'Global' ? f.callId : '') as CallNode;
    expect(Object.keys(call.globalReads)).toEqual(['functools']);
    expect(call.location).toMatchObject({ line: 2, endLine: 4 });
  });
  it('class: Global for the class; class-body names are not globals', () => {
    const g = analyseCode('Base = object\nclass A(Base):\n    x = 1\n    def m(self):\n        return self.x');
    expect(g.binding('A')).toMatchObject({ kind: 'Global' });
    expect(g.hasBinding('x')).toBe(false);
    expect(g.sliceLines('A')).toEqual([1, 2, 3, 4, 5]);
  });
  it('recursion: a function does not read its own previous definition', () => {
    const g = analyseCode('def f(n):\n    return f(n - 1)\ndef f(n):\n    return n');
    const f = g.binding('f');
    const call = g.node(f.kind === 'Global' ? f.callId : '') as CallNode;
    expect(call.globalReads).toEqual({});
  });
  it('raise is opaque and reads its names', () => {
    const g = analyseCode('err = ValueError("x")\nraise err');
    expect(g.calls('l_exec_statement')[0].globalReads).toHaveProperty('err');
  });
});

describe('user functions', () => {
  it('calling a function reads its free globals at call time', () => {
    const g = analyseCode('def f(x):\n    return x + k\nk = 1\nk = 2\ny = f(1)');
    const y = g.binding('y') as CallNode;
    expect(y.globalReads.k).toBe(g.binding('k').id);
    expect(g.sliceLines('y')).toEqual([1, 2, 4, 5]);
  });
  it('a function that mutates a global mutates it when called', () => {
    const g = analyseCode('cache = []\ndef add(v):\n    cache.append(v)\nadd(1)\nz = cache');
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4, 5]);
  });
  it('defining (not calling) such a function does not mutate the global', () => {
    const g = analyseCode('cache = []\ndef add(v):\n    cache.append(v)\nz = cache');
    expect(g.sliceLines('z')).toEqual([1, 4]);
  });
  it('a function with a global declaration rebinds the name when called', () => {
    const g = analyseCode('n = 0\ndef inc():\n    global n\n    n = n + 1\ninc()\nz = n');
    expect(g.globals('n').length).toBeGreaterThanOrEqual(1);
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('a function that mutates its parameter mutates the argument', () => {
    const g = analyseCode('def fill(d):\n    d["a"] = 1\nx = {}\nfill(x)\nz = x');
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4, 5]);
  });
  it('free globals are followed through called functions', () => {
    const g = analyseCode('def g():\n    return base\ndef f():\n    return g()\nbase = 3\ny = f()');
    expect((g.binding('y') as CallNode).globalReads).toHaveProperty('base');
  });
  it('a lambda bound to a name reads its free variables when called', () => {
    const g = analyseCode('k = 2\nf = lambda v: v * k\ny = f(3)');
    expect((g.binding('y') as CallNode).globalReads).toHaveProperty('k');
  });
  it('methods of user-class instances read the class free globals and mutate the instance', () => {
    const g = analyseCode('class Acc:\n    def add(self, v):\n        self.items.append(v)\na = Acc()\na.add(1)\nz = a');
    expect(g.isMutated('a')).toBe(true);
  });
  it('opaque blocks that call a global-mutating function mutate the global', () => {
    const g = analyseCode('log = []\ndef note(v):\n    log.append(v)\nfor i in range(3):\n    note(i)\nz = log');
    expect(g.sliceLines('z')).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
