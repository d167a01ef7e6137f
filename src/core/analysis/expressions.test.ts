import { describe, expect, it } from 'vitest';
import type { CallNode, LiteralNode } from '../model';
import { analyseCode } from './testing';

const lit = (code: string): LiteralNode => {
  const g = analyseCode(`x = ${code}`);
  const n = g.binding('x');
  if (n.kind !== 'Literal') throw new Error(`expected Literal, got ${n.kind}`);
  return n;
};

describe('literals', () => {
  it('int', () => expect(lit('42')).toMatchObject({ value: 42, valueType: 'int' }));
  it('int with underscores', () => expect(lit('1_000')).toMatchObject({ value: 1000, valueType: 'int' }));
  it('hex int', () => expect(lit('0xff')).toMatchObject({ value: 255, valueType: 'int' }));
  it('big int keeps source text', () => expect(lit('123456789012345678901234567890')).toMatchObject({ value: '123456789012345678901234567890', valueType: 'int' }));
  it('float', () => expect(lit('2.5')).toMatchObject({ value: 2.5, valueType: 'float' }));
  it('float written with a trailing dot', () => expect(lit('3.')).toMatchObject({ value: 3, valueType: 'float' }));
  it('float with exponent and trailing dot', () => expect(lit('1.e3')).toMatchObject({ value: 1000, valueType: 'float' }));
  it('complex keeps source text', () => expect(lit('2j')).toMatchObject({ value: '2j', valueType: 'complex' }));
  it('str with escapes', () => expect(lit(String.raw`"a\tb\n\x41"`)).toMatchObject({ value: 'a\tb\nA', valueType: 'str' }));
  it('raw str keeps backslashes', () => expect(lit(String.raw`r"a\n"`)).toMatchObject({ value: String.raw`a\n`, valueType: 'str' }));
  it('triple-quoted str', () => expect(lit('"""hi\nthere"""')).toMatchObject({ value: 'hi\nthere', valueType: 'str' }));
  it('implicitly concatenated strings', () => expect(lit(`"ab" 'cd'`)).toMatchObject({ value: 'abcd', valueType: 'str' }));
  it('bytes keep source text', () => expect(lit(`b"\\x00"`)).toMatchObject({ value: 'b"\\x00"', valueType: 'bytes' }));
  it('True/False', () => expect(lit('False')).toMatchObject({ value: false, valueType: 'bool' }));
  it('None', () => expect(lit('None')).toMatchObject({ value: null, valueType: 'NoneType' }));
  it('Ellipsis', () => expect(lit('...')).toMatchObject({ valueType: 'ellipsis' }));
});

describe('names', () => {
  it('an unknown name is a Lookup', () => {
    const g = analyseCode('x = foo');
    const alias = g.binding('x') as CallNode;
    expect(g.calleeName(alias)).toBe('l_alias');
    expect(g.node(alias.args[0].id)).toMatchObject({ kind: 'Lookup', name: 'foo' });
  });
  it('a builtin call uses a Lookup for the builtin', () => {
    const g = analyseCode('n = len([1])');
    const call = g.binding('n') as CallNode;
    expect(g.node(call.functionId)).toMatchObject({ kind: 'Lookup', name: 'len' });
  });
  it('a bound name resolves to its binding', () => {
    const g = analyseCode('a = 1\nb = a + 1');
    const add = g.binding('b') as CallNode;
    expect(g.calleeName(add)).toBe('add');
    expect(add.args[0].id).toBe(g.binding('a').id);
  });
  it('a rebound name resolves to the newest binding', () => {
    const g = analyseCode('a = 1\na = 2\nb = a * 3');
    expect(g.sliceLines('b')).toEqual([2, 3]);
  });
});

describe('attributes and subscripts', () => {
  it('o.f is getattr(o, "f")', () => {
    const g = analyseCode('o = 1\nv = o.real');
    const c = g.binding('v') as CallNode;
    expect(g.calleeName(c)).toBe('getattr');
    expect(c.args[0].id).toBe(g.binding('o').id);
    expect(g.node(c.args[1].id)).toMatchObject({ kind: 'Literal', value: 'real' });
  });
  it('o[k] is getitem(o, k)', () => {
    const g = analyseCode('o = [1]\nv = o[0]');
    const c = g.binding('v') as CallNode;
    expect(g.calleeName(c)).toBe('getitem');
    expect(g.node(c.args[1].id)).toMatchObject({ value: 0 });
  });
  it('o[a:b] uses slice(a, b)', () => {
    const g = analyseCode('o = [1]\nv = o[1:2]');
    const c = g.binding('v') as CallNode;
    const s = g.node(c.args[1].id) as CallNode;
    expect(g.calleeName(s)).toBe('slice');
    expect(s.args.map((a) => (g.node(a.id) as LiteralNode).value)).toEqual([1, 2]);
  });
  it('o[::2] fills missing slice parts with None', () => {
    const g = analyseCode('o = [1]\nv = o[::2]');
    const s = g.node((g.binding('v') as CallNode).args[1].id) as CallNode;
    expect(s.args.map((a) => (g.node(a.id) as LiteralNode).value)).toEqual([null, null, 2]);
  });
  it('o[i, j] uses a tuple key', () => {
    const g = analyseCode('o = 1\nv = o[1, 2]');
    const key = g.node((g.binding('v') as CallNode).args[1].id) as CallNode;
    expect(g.calleeName(key)).toBe('l_tuple');
    expect(key.args).toHaveLength(2);
  });
  it('method call: the callee is getattr of the receiver', () => {
    const g = analyseCode('s = "a"\nu = s.upper()');
    const call = g.binding('u') as CallNode;
    const fn = g.node(call.functionId) as CallNode;
    expect(g.calleeName(fn)).toBe('getattr');
    expect(fn.args[0].id).toBe(g.binding('s').id);
  });
});

describe('operators', () => {
  const op = (code: string): string | undefined => {
    const g = analyseCode(`a = 1\nb = 2\nx = ${code}`);
    return g.calleeName(g.binding('x') as CallNode);
  };
  it.each([
    ['a + b', 'add'], ['a - b', 'sub'], ['a * b', 'mul'], ['a @ b', 'matmul'], ['a / b', 'truediv'], ['a // b', 'floordiv'],
    ['a % b', 'mod'], ['a ** b', 'pow'], ['a << b', 'lshift'], ['a >> b', 'rshift'], ['a & b', 'and_'], ['a | b', 'or_'],
    ['a ^ b', 'xor'], ['a < b', 'lt'], ['a <= b', 'le'], ['a > b', 'gt'], ['a >= b', 'ge'], ['a == b', 'eq'], ['a != b', 'ne'],
    ['a is b', 'is_'], ['a is not b', 'is_not'], ['-a', 'neg'], ['+a', 'pos'], ['~a', 'invert'], ['not a', 'not_'],
    ['a and b', 'l_and'], ['a or b', 'l_or'],
  ])('%s → %s', (code, name) => expect(op(code)).toBe(name));
  it('a in b is contains(b, a)', () => {
    const g = analyseCode('a = 1\nb = [1]\nx = a in b');
    const c = g.binding('x') as CallNode;
    expect(g.calleeName(c)).toBe('contains');
    expect(c.args.map((x) => x.id)).toEqual([g.binding('b').id, g.binding('a').id]);
  });
  it('a not in b is not_(contains(b, a))', () => {
    const g = analyseCode('a = 1\nb = [1]\nx = a not in b');
    const c = g.binding('x') as CallNode;
    expect(g.calleeName(c)).toBe('not_');
    expect(g.calleeName(g.node(c.args[0].id) as CallNode)).toBe('contains');
  });
});

describe('calls and displays', () => {
  it('records positional, starred, keyword and ** arguments', () => {
    const g = analyseCode('a = 1\nb = [2]\nc = {}\nr = f(a, *b, k=a, **c)');
    const call = g.binding('r') as CallNode;
    expect(call.args.map((x) => x.starred)).toEqual([false, true]);
    expect(call.args[1].id).toBe(g.binding('b').id);
    expect(call.kwargs.map((k) => [k.key, k.starred])).toEqual([['k', false], ['**', true]]);
    expect(call.kwargs[1].id).toBe(g.binding('c').id);
  });
  it('list display is l_list with starred items', () => {
    const g = analyseCode('a = [1]\nx = [0, *a]');
    const c = g.binding('x') as CallNode;
    expect(g.calleeName(c)).toBe('l_list');
    expect(c.args.map((x) => x.starred)).toEqual([false, true]);
  });
  it('tuple display is l_tuple', () => {
    const g = analyseCode('x = (1, 2)');
    expect(g.calleeName(g.binding('x') as CallNode)).toBe('l_tuple');
  });
  it('bare tuple on the right-hand side is l_tuple', () => {
    const g = analyseCode('x = 1, 2');
    expect((g.binding('x') as CallNode).args).toHaveLength(2);
  });
  it('dict display is l_dict with keys and values', () => {
    const g = analyseCode('x = {"a": 1, "b": 2}');
    const c = g.binding('x') as CallNode;
    expect(g.calleeName(c)).toBe('l_dict');
    expect(c.args.map((a) => (g.node(a.id) as LiteralNode).value)).toEqual(['a', 1, 'b', 2]);
  });
  it('dict ** merge is a "**" kwarg', () => {
    const g = analyseCode('d = {}\nx = {**d, "a": 1}');
    const c = g.binding('x') as CallNode;
    expect(c.kwargs).toEqual([{ key: '**', id: g.binding('d').id, starred: true }]);
  });
  it('generator argument is an opaque unit reading its free names', () => {
    const g = analyseCode('xs = [1]\ns = sum(x * 2 for x in xs)');
    const call = g.binding('s') as CallNode;
    const gen = g.node(call.args[0].id) as CallNode;
    expect(gen.blackBox).toBe('x * 2 for x in xs');
    expect(Object.keys(gen.globalReads)).toEqual(['xs']);
  });
  it('parenthesised expression is transparent', () => {
    const g = analyseCode('a = 1\nx = (a + 1)');
    expect(g.calleeName(g.binding('x') as CallNode)).toBe('add');
  });
});

describe('opaque expressions', () => {
  const opaque = (code: string, pre = 'a = 1\nb = [1]\n'): CallNode => {
    const g = analyseCode(`${pre}x = ${code}`);
    const c = g.binding('x') as CallNode;
    expect(g.calleeName(c)).toBe('l_exec_expr');
    return c;
  };
  it('list comprehension reads free names, not its loop variable', () => {
    const c = opaque('[i + a for i in b]');
    expect(Object.keys(c.globalReads).sort()).toEqual(['a', 'b']);
    expect(c.blackBox).toBe('[i + a for i in b]');
  });
  it('dict comprehension', () => expect(Object.keys(opaque('{i: a for i in b}').globalReads).sort()).toEqual(['a', 'b']));
  it('set comprehension', () => expect(Object.keys(opaque('{i for i in b if i > a}').globalReads).sort()).toEqual(['a', 'b']));
  it('set display', () => expect(Object.keys(opaque('{a, 2}').globalReads)).toEqual(['a']));
  it('lambda reads its free variables only', () => expect(Object.keys(opaque('lambda y, z=a: y + b').globalReads).sort()).toEqual(['a', 'b']));
  it('f-string', () => expect(Object.keys(opaque('f"{a}-{b!r:>4}"').globalReads).sort()).toEqual(['a', 'b']));
  it('conditional expression', () => expect(Object.keys(opaque('a if b else 0').globalReads).sort()).toEqual(['a', 'b']));
  it('await', () => expect(Object.keys(opaque('await a').globalReads)).toEqual(['a']));
  it('nested comprehension keeps inner targets local', () => {
    expect(Object.keys(opaque('[[j for j in i] for i in b]').globalReads)).toEqual(['b']);
  });
  it('walrus inside a comprehension binds a Global', () => {
    const g = analyseCode('b = [1]\nx = [(y := i) for i in b]');
    expect(g.binding('y')).toMatchObject({ kind: 'Global', name: 'y' });
  });
});
