/**
 * The slice self-check (issue 14): the shared free-name analysis over Python's scoping
 * rules, the check's rule over a sequence of statements, and the safety net on slices the
 * analyser gets wrong, proven by running them in Pyodide.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseProgram } from '../analysis/index';
import type { ProgramInput } from '../model';
import { PYTHON_BUILTINS } from '../python/builtins';
import { checkNames, unitNames } from './check';
import { createSlicer } from './index';
import { splitLines, statementUnits } from './statements';
import { createPythonRunner, type PythonRunner } from './testing/pyodide-harness';

/** Free names (read, never bound) and bound names of a program, statement by statement. */
function names(code: string): { free: string[]; bound: string[]; star: string[] } {
  const lines = splitLines(code);
  const units = statementUnits(code);
  const check = checkNames(units.start.map((s, u) => unitNames(lines.slice(s - 1, units.end[u]).join('\n'))));
  return { free: check.unbound.map((r) => r.name).sort(), bound: [...check.bound].sort(), star: check.fromStarImport.sort() };
}

interface Case {
  name: string;
  code: string;
  free: string[];
  bound: string[];
  star?: string[];
}

const CASES: Case[] = [
  { name: 'function body: params local, others free', code: 'def f(a):\n    return a + b\n', free: ['b'], bound: ['f'] },
  { name: 'class body does not enclose methods', code: 'class C:\n    k = 1\n    def m(self):\n        return k\n', free: ['k'], bound: ['C'] },
  { name: 'class body runs at once', code: 'class C:\n    y = x\n', free: ['x'], bound: ['C'] },
  { name: 'class body does not enclose comprehensions (but their first iterable)', code: 'class C:\n    n = 2\n    xs = [1]\n    ys = [x * n for x in xs]\n', free: ['n'], bound: ['C'] },
  { name: 'comprehension variables stay inside', code: 'ys = [x * n for x in xs if x]\nz = x\n', free: ['n', 'x', 'xs'], bound: ['ys', 'z'] },
  { name: 'nested comprehensions', code: 'm = [[i * j for j in range(i)] for i in r]\n', free: ['r'], bound: ['m'] },
  { name: 'generator argument', code: 'total = sum(v * w for v in vals)\n', free: ['vals', 'w'], bound: ['total'] },
  { name: 'generator argument with a tuple target', code: 'd = dict((t, i) for i, t in enumerate(v))\n', free: ['v'], bound: ['d'] },
  { name: 'lambda: default now, body when called', code: 'f = lambda a, b=d: a + b + c\n', free: ['c', 'd'], bound: ['f'] },
  { name: 'global declaration', code: 'def g():\n    global t\n    t = 1\n    return u\n', free: ['u'], bound: ['g'] },
  { name: 'a call binds the globals the function rebinds', code: 'def init():\n    global m\n    m = 1\ninit()\nz = m\n', free: [], bound: ['init', 'm', 'z'] },
  { name: 'nonlocal', code: 'def outer():\n    v = 1\n    def inner():\n        nonlocal v\n        v += 1\n        return v\n    return inner\n', free: [], bound: ['outer'] },
  { name: 'walrus in a comprehension binds outside it', code: 'ok = [y for x in xs if (y := x)]\nlast = y\n', free: ['xs'], bound: ['last', 'ok', 'y'] },
  { name: 'except … as n is unbound after the handler', code: 'try:\n    pass\nexcept ValueError as err:\n    msg = str(err)\nagain = err\n', free: ['err'], bound: ['msg', 'again'].sort() },
  { name: 'del unbinds', code: 'a = 1\ndel a\nb = a\n', free: ['a'], bound: ['b'] },
  { name: 'del of an unbound name', code: 'del ghost\n', free: ['ghost'], bound: [] },
  { name: 'import a.b binds a', code: 'import os.path\nimport numpy as np, json\nfrom a.b import c as d\np = os.path.join(q, np, json, d)\n', free: ['q'], bound: ['d', 'json', 'np', 'os', 'p'] },
  { name: 'star import: unknown names may be bound (and say so)', code: 'x = 1\nfrom math import *\nr = sqrt(x)\n', free: [], bound: ['r', 'x'], star: ['sqrt'] },
  { name: 'reads before a star import are still checked', code: 'r = sqrt(2)\nfrom math import *\n', free: ['sqrt'], bound: ['r'] },
  { name: 'match patterns bind their captures', code: 'match cmd:\n    case [x, *rest]:\n        out = x\n    case {"k": v}:\n        out = v\n    case Point(x=px) as pt:\n        out = px\n', free: ['Point', 'cmd'], bound: ['out', 'pt', 'px', 'rest', 'v', 'x'] },
  { name: 'annotations of parameters, returns and assignments', code: 'def f(a: T = 1) -> R:\n    pass\nx: int = y\n', free: ['R', 'T', 'y'], bound: ['f', 'x'] },
  { name: 'decorators run at once', code: '@cache\ndef f():\n    pass\n@app.route(path)\ndef g():\n    pass\n', free: ['app', 'cache', 'path'], bound: ['f', 'g'] },
  { name: 'defaults are evaluated in the enclosing scope', code: 'def f(a=default):\n    return a\n', free: ['default'], bound: ['f'] },
  { name: 'f-strings, nested format specs and conversions', code: 's = f"{name!r:>{width}} {d[k]}"\n', free: ['d', 'k', 'name', 'width'], bound: ['s'] },
  { name: 'builtins and module attributes', code: 'if __name__ == "__main__":\n    print(len(sys.argv), __file__, ExceptionGroup, aiter)\n', free: ['sys'], bound: [] },
  { name: 'recursion', code: 'def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\nr = fact(5)\n', free: [], bound: ['fact', 'r'] },
  { name: 'a function called before its free name is bound anywhere', code: 'def f():\n    return w\nr = f()\n', free: ['w'], bound: ['f', 'r'] },
  { name: 'for and with targets', code: 'for i, (a, b) in enumerate(pairs):\n    t = a\nwith open(p) as fh:\n    data = fh.read()\n', free: ['p', 'pairs'], bound: ['a', 'b', 'data', 'fh', 'i', 't'] },
  { name: 'keyword names are not reads, even after a comment', code: 'r = f(\n    5,\n    # the weights\n    w=weights)\n', free: ['f', 'weights'], bound: ['r'] },
  { name: 'augmented assignment reads first', code: 'n += 1\n', free: ['n'], bound: ['n'] },
  { name: 'conditional bindings count as bound', code: 'if c:\n    q = 1\nprint(q)\n', free: ['c'], bound: ['q'] },
  { name: 'attribute and subscript stores read their base', code: 'cfg.x = 1\nd[k] = v\n', free: ['cfg', 'd', 'k', 'v'], bound: [] },
  { name: 'IPython names in a notebook', code: 'display(df)\n', free: ['df'], bound: [] },
];

describe('free-name analysis (Python scoping)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = names(c.code);
      expect({ free: got.free, bound: got.bound }).toEqual({ free: c.free, bound: c.bound });
      expect(got.star).toEqual(c.star ?? []);
    });
  }

  it('a unit that does not parse binds what it can and is not checked', () => {
    const u = unitNames('x = (1 +\n');
    expect(u.unknown).toBe(true);
    expect(u.immediate).toEqual([]);
  });
});

function analyse(code: string) {
  const input: ProgramInput = { kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] };
  let k = 0;
  const out = analyseProgram(input, { sessionId: 'check', newId: () => `id-${k++}` });
  return { out, slicer: createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes }) };
}

/** The examples: slices the analyser gets wrong today. */
const GAPS = [
  {
    name: 'lineapy.get',
    code: 'import lineapy\nx = 1\nlineapy.save(x, "x")\nres = lineapy.get("x")\ny = res.get_value() + 1\n',
    variable: 'y',
    missing: ['res', 'lineapy'],
  },
];

let runner: PythonRunner;
beforeAll(async () => {
  runner = await createPythonRunner();
});

describe('Pyodide builtins', () => {
  it('the builtins list is dir(builtins) of the Pyodide we ship', () => {
    const actual = String(runner.pyodide.runPython('import builtins\n" ".join(sorted(n for n in dir(builtins) if not n.startswith("___")))')).split(' ');
    expect([...PYTHON_BUILTINS].sort()).toEqual(actual.sort());
  });
});

describe('slice self-check and safety net', () => {
  for (const g of GAPS) {
    it(`${g.name}: slice-incomplete names ${g.missing.join(', ')}, and the net's slice runs like the program`, () => {
      const { out, slicer } = analyse(g.code);
      const id = out.bindings.find((b) => b.name === g.variable)?.nodeId ?? '';
      const raw = slicer.slice([id], { selfCheck: false });
      expect(runner.run(raw.code, [g.variable]).error).toMatch(/NameError/);
      const slice = slicer.slice([id]);
      const diag = slice.diagnostics?.find((d) => d.code === 'slice-incomplete');
      expect(diag?.names).toEqual(g.missing);
      expect(diag?.unresolved).toBeUndefined();
      expect(diag?.message).toContain(`\`${g.missing[0]}\``);
      const whole = runner.run(g.code, [g.variable]);
      const sliced = runner.run(slice.code, [g.variable]);
      expect(whole.error).toBeUndefined();
      expect(sliced.error).toBeUndefined();
      expect(sliced.reprs[g.variable]).toBe(whole.reprs[g.variable]);
    });
  }

  it('a correct slice has no diagnostics', () => {
    const { out, slicer } = analyse('a = 1\nb = 2\nc = a + 1\n');
    const slice = slicer.slice([out.bindings.find((b) => b.name === 'c')?.nodeId ?? '']);
    expect(slice.code).toBe('a = 1\nc = a + 1\n');
    expect(slice.diagnostics).toBeUndefined();
  });

  it('a name the program never defines is not a slice gap, and is said apart', () => {
    const { out, slicer } = analyse('x = 1\ny = x + undefined_name\n');
    const slice = slicer.slice([out.bindings.find((b) => b.name === 'y')?.nodeId ?? '']);
    expect(slice.code).toBe('x = 1\ny = x + undefined_name\n');
    expect(slice.diagnostics).toEqual([expect.objectContaining({ code: 'slice-reads-undefined', names: ['undefined_name'], severity: 'info' })]);
  });

  it('names the caller provides are not missing', () => {
    const { out, slicer } = analyse('x = 1\ny = x + upstream\n');
    const slice = slicer.slice([out.bindings.find((b) => b.name === 'y')?.nodeId ?? ''], { provided: ['upstream'] });
    expect(slice.diagnostics).toBeUndefined();
  });

  it('names a star import may define are reported as unchecked', () => {
    const { out, slicer } = analyse('from math import *\nr = sqrt(16)\n');
    const slice = slicer.slice([out.bindings.find((b) => b.name === 'r')?.nodeId ?? '']);
    expect(slice.code).toBe('from math import *\nr = sqrt(16)\n');
    expect(slice.diagnostics).toEqual([expect.objectContaining({ code: 'slice-star-import', names: ['sqrt'], severity: 'info' })]);
  });

  it('IPython syntax and non-Python cell magics are not read as Python', () => {
    const input: ProgramInput = {
      kind: 'notebook',
      cells: [
        { code: '%%bash\necho hello world', cellIndex: 0, executionCount: 1 },
        { code: '%matplotlib inline\nx = 1', cellIndex: 1, executionCount: 2 },
        { code: 'y = x + 1', cellIndex: 2, executionCount: 3 },
      ],
      totalCells: 3,
      diagnostics: [],
    };
    const out = analyseProgram(input, { sessionId: 'nb' });
    const slice = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes }).slice([out.bindings.find((b) => b.name === 'y')?.nodeId ?? '']);
    expect(slice.diagnostics).toBeUndefined();
  });
});
