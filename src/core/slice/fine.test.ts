/**
 * Fine slices (issue 18.1) and slices of function locals (18.2), by their text: what a block
 * keeps, what it drops, and where it stays whole because cutting would not be sound.
 */
import { describe, expect, it } from 'vitest';
import { createSlicer } from './index';
import { analyseCells } from './testing/prove';

function slicerOf(code: string) {
  const out = analyseCells([code]);
  const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
  const idOf = (name: string): string => out.bindings.find((b) => b.name === name)!.nodeId;
  return {
    slicer,
    fine: (name: string) => slicer.slice([idOf(name)], { fine: true, names: [name] }).code,
    whole: (name: string) => slicer.slice([idOf(name)]).code,
  };
}

describe('fine slices', () => {
  it('keeps the branch statements a variable needs, the headers around them, and pass for an emptied branch', () => {
    const s = slicerOf('total = 0\nlog = []\nfor i, x in enumerate([3, 1, 4]):\n    if x > 2:\n        total += x\n        log.append(i)\n    else:\n        log.append(-i)\n    if total > 100:\n        break\n');
    expect(s.fine('total')).toBe('total = 0\nfor i, x in enumerate([3, 1, 4]):\n    if x > 2:\n        total += x\n    else:\n        pass\n    if total > 100:\n        break\n');
    expect(s.fine('log')).toBe(s.whole('log'));
  });

  it('follows loop-carried definitions to a fixed point', () => {
    const s = slicerOf('a = 0\nb = 0\nc = 0\nfor i in range(5):\n    c = b\n    b = a\n    a = i\n    junk = i * 2\n');
    expect(s.fine('c')).toBe('a = 0\nb = 0\nc = 0\nfor i in range(5):\n    c = b\n    b = a\n    a = i\n');
  });

  it('cuts a loop over a sequence that is only iterated, like range()', () => {
    const s = slicerOf('xs = [3, 1, 4]\nn = len(xs)\ntotal = 0\nsquares = 0\nfor x in xs:\n    total += x\n    squares += x * x\n    if x > 2:\n        print(x)\n');
    expect(s.fine('total')).toBe('xs = [3, 1, 4]\ntotal = 0\nfor x in xs:\n    total += x\n');
    const word = slicerOf('word = "abc"\nout = ""\nn = 0\nfor ch in word:\n    out += ch\n    n += 1\n');
    expect(word.fine('out')).toBe('word = "abc"\nout = ""\nfor ch in word:\n    out += ch\n');
    const tuple = slicerOf('ps = 1, 2\nt = 0\nu = 0\nfor p in ps:\n    t += p\n    u += 1\n');
    expect(tuple.fine('t')).toBe('ps = 1, 2\nt = 0\nfor p in ps:\n    t += p\n');
  });

  it('keeps a loop over a sequence whole when the sequence may hold or reach anything else', () => {
    const body = 'total = 0\nsquares = 0\nfor x in xs:\n    total += x\n    squares += x * x\n';
    expect(slicerOf(`xs = [3, 1, 4]\n${body}`.replace('total += x', 'total += x if isinstance(x, int) else 0')).fine('total')).not.toContain('squares');
    for (const start of ['xs = [3, 1, 4]\nys = xs\n', 'xs = [3, 1, 4]\nxs.append(2)\n', 'def f(s):\n    return s\nxs = [3, 1, 4]\nf(xs)\n', 'xs = [3, [1]]\n', 'xs = [3, 1]\nxs += [4]\n', 'k = []\nxs = [k, 1]\n']) {
      const s = slicerOf(`${start}${body}`.replace('total += x', 'total += x if isinstance(x, int) else 0'));
      expect(s.fine('total'), start).toContain('squares += x * x');
    }
  });

  it('a bare tuple is not a scalar: a change through it keeps the statement', () => {
    const s = slicerOf('ys = [0]\nxs = 1, ys\nfor i in range(2):\n    xs[1].append(5)\n    k = i\n');
    expect(s.fine('ys')).toBe('ys = [0]\nxs = 1, ys\nfor i in range(2):\n    xs[1].append(5)\n');
  });

  it('a change through an alias keeps the statement', () => {
    const s = slicerOf('xs = [1]\nys = xs\nn = 0\nfor i in range(3):\n    ys.append(i)\n    n += 1\n');
    expect(s.fine('xs')).toBe('xs = [1]\nys = xs\nfor i in range(3):\n    ys.append(i)\n');
  });

  it('keeps calls with effects it cannot see, and try/with blocks whole', () => {
    const s = slicerOf('def note(v):\n    print(v)\nt = 0\nfor i in range(3):\n    note(i)\n    try:\n        t += i\n    finally:\n        pass\n');
    // The call stays (its body is trimmed as a helper's: ./fine-helpers.test.ts).
    expect(s.fine('t')).toBe(s.whole('t').replace('    print(v)\n', '    pass\n'));
  });

  it('trims nothing when the slice holds a class (its operators may do anything); a class outside it does not matter', () => {
    const s = slicerOf('class A:\n    def __add__(self, o):\n        return self\nt = A()\nk = []\nfor i in range(3):\n    t = t + i\n    k.append(i)\n');
    expect(s.fine('t')).toBe(s.whole('t'));
    expect(s.whole('t')).toContain('k.append(i)');
    const other = slicerOf('class A:\n    pass\nt = 0\nk = []\nfor i in range(3):\n    t += i\n    k.append(i)\n');
    expect(other.fine('t')).toBe('t = 0\nfor i in range(3):\n    t += i\n');
  });

  it('a statement sharing a line with another stays', () => {
    const s = slicerOf('t = 0\nk = []\nfor i in range(3):\n    t += i; k.append(i)\n');
    expect(s.fine('t')).toBe(s.whole('t'));
  });
});

describe('locals of functions', () => {
  const code = 'import math\nBASE = 2\ndef main(n):\n    out = []\n    noise = [0]\n    for i in range(n):\n        if i == 3:\n            break\n        out.append(math.pow(BASE, i))\n        noise.append(i)\n    return out\nif __name__ == "__main__":\n    main(5)\n';
  it('slices main.out: header, needed body statements, the module code main needs', () => {
    const { slicer } = slicerOf(code);
    const slice = slicer.sliceLocal('main', 'out');
    expect(slice.code).toBe('import math\nBASE = 2\ndef main(n):\n    out = []\n    for i in range(n):\n        if i == 3:\n            break\n        out.append(math.pow(BASE, i))\n    return out\n');
    expect(slice.diagnostics).toBeUndefined();
    expect(slicer.checkLines(slice.lines).unbound).toEqual([]);
  });
  it('lists locals and the functions the main guard calls', () => {
    const { slicer } = slicerOf(code);
    expect(slicer.mainFunctions()).toEqual(['main']);
    expect(slicer.functionLocals('main')).toEqual(['n', 'out', 'noise', 'i']);
    expect(() => slicer.sliceLocal('main', 'nope')).toThrow('Its locals: n, out, noise, i.');
  });
});
