/**
 * Helper functions in fine slices (issue 18.3), by their text: what a kept function's body
 * drops, what it keeps because a call can show it, and where it stays whole.
 */
import { describe, expect, it } from 'vitest';
import { createSlicer } from './index';
import { analyseCells } from './testing/prove';

function slicerOf(code: string) {
  const out = analyseCells([code]);
  const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
  const idOf = (name: string): string => out.bindings.filter((b) => b.name === name).at(-1)!.nodeId;
  return {
    fine: (name: string) => slicer.slice([idOf(name)], { fine: true, names: [name] }).code,
    whole: (name: string) => slicer.slice([idOf(name)]).code,
  };
}

const CLEAN = `def clean(xs, scale=2):
    """Scale the positive values."""
    print("cleaning", len(xs))
    before = len(xs)
    out = []
    for x in xs:
        if x > 0:
            out.append(x * scale)
    after = len(out)
    msg = f"dropped {before - after}"
    return out
`;

describe('fine slices trim the helper functions they keep', () => {
  it('drops the prints and the locals nothing returned or changed reads; keeps the docstring, defaults and return', () => {
    const s = slicerOf(`${CLEAN}data = [1, -2, 3]\nres = clean(data)\n`);
    expect(s.fine('res')).toBe(
      'def clean(xs, scale=2):\n    """Scale the positive values."""\n    out = []\n    for x in xs:\n        if x > 0:\n            out.append(x * scale)\n    return out\ndata = [1, -2, 3]\nres = clean(data)\n',
    );
    expect(s.whole('res')).toContain('msg = f"dropped');
  });

  it('an emptied body becomes pass', () => {
    const s = slicerOf('def report(xs):\n    n = len(xs)\n    print(n)\nxs = [1]\nreport(xs)\nys = xs\n');
    expect(s.fine('ys')).not.toContain('report');
    const kept = slicerOf('def report(xs):\n    n = len(xs)\n    print(n)\nxs = [1]\nr = report(xs)\n');
    expect(kept.fine('r')).toBe('def report(xs):\n    pass\nxs = [1]\nr = report(xs)\n');
  });

  it('keeps every change to a parameter, also through a local alias, and to module names', () => {
    const alias = slicerOf('def fill(target):\n    t = target\n    junk = 1\n    t.append(3)\n    t[0] = 9\nxs = [1]\nfill(xs)\nys = xs\n');
    expect(alias.fine('ys')).toBe('def fill(target):\n    t = target\n    t.append(3)\n    t[0] = 9\nxs = [1]\nfill(xs)\nys = xs\n');
    const free = slicerOf('LOG = []\ndef step(v):\n    w = v * 2\n    LOG.append(v)\n    return None\nstep(1)\nout = LOG\n');
    expect(free.fine('out')).toContain('    LOG.append(v)\n');
    expect(free.fine('out')).not.toContain('w = v * 2');
    const counter = slicerOf('count = 0\ndef bump():\n    global count\n    tmp = count\n    count += 1\nbump()\nbump()\nc = count\n');
    expect(counter.fine('c')).toBe('count = 0\ndef bump():\n    global count\n    count += 1\nbump()\nbump()\nc = count\n');
  });

  it('keeps what an early return depends on, and the branches around it', () => {
    const s = slicerOf('def sign(v):\n    label = "n/a"\n    if v < 0:\n        label = "neg"\n        return -1\n    print(label)\n    return 1\nr = sign(-4)\n');
    expect(s.fine('r')).toBe('def sign(v):\n    if v < 0:\n        return -1\n    return 1\nr = sign(-4)\n');
  });

  it('trims a recursive helper and the helpers it calls', () => {
    const s = slicerOf('def inc(v):\n    dbg = v\n    return v + 1\ndef fact(n):\n    seen = n\n    if n <= 1:\n        return 1\n    return inc(n - 1) * fact(n - 1)\nr = fact(5)\n');
    expect(s.fine('r')).toBe('def inc(v):\n    return v + 1\ndef fact(n):\n    if n <= 1:\n        return 1\n    return inc(n - 1) * fact(n - 1)\nr = fact(5)\n');
  });

  it('keeps the body whole where trimming is not sound', () => {
    const body = '    n = len(xs)\n    print(n)\n    return xs\n';
    const cases: Record<string, string> = {
      decorated: `import functools\n@functools.lru_cache\ndef f(xs):\n${body}`,
      'a nested function': `def f(xs):\n    def g():\n        return n\n${body}`,
      'reads its own scope': `def f(xs):\n    v = locals()\n${body}`,
      'a slice that catches exceptions': `def f(xs):\n${body}try:\n    z = 1\nexcept ValueError:\n    z = 2\n`,
    };
    for (const [why, code] of Object.entries(cases)) {
      const s = slicerOf(`${code}xs = (1, 2)\nr = f(xs)\n${why.includes('catches') ? 'q = r, z\n' : ''}`);
      expect(s.fine(why.includes('catches') ? 'q' : 'r'), why).toContain('    n = len(xs)\n');
    }
  });

  it('an import inside a helper binds only what it names: the module a dotted path goes through stays free', () => {
    const s = slicerOf('path = []\ndef f(v):\n    import os.path\n    path.append(1)\n    return v\nf(1)\nz = path\n');
    expect(s.fine('z')).toContain('    path.append(1)\n');
    const from = slicerOf('os = [0]\ndef g(v):\n    from os import sep\n    os.append(2)\n    return v\ng(1)\nz = os\n');
    expect(from.fine('z')).toContain('    os.append(2)\n');
  });

  it('a local that shares a module name does not stand for it, but a name bound only in a comprehension does', () => {
    const local = slicerOf('out = [0]\ndef f(v):\n    out = [1]\n    out.append(3)\n    return v\nr = f(2)\n');
    expect(local.fine('r')).toBe('def f(v):\n    return v\nr = f(2)\n');
    const comp = slicerOf('acc = []\ndef f(v):\n    ys = [acc for acc in range(v)]\n    acc.append(v)\n    return v\nr = f(2)\nz = acc\n');
    expect(comp.fine('z')).toContain('    acc.append(v)\n');
  });
});
