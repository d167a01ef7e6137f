/**
 * Random programs for the fine-slice proof of helper functions (issue 18.3): module names
 * (ints, lists, a dict, a log list, a global counter), then helper functions whose bodies mix
 * what a call can show (a return value, a change to a parameter, through a local alias or an
 * item store, a module list appended to, a `global` counter, early returns, loops with
 * `break`, recursion, defaults read from module names, calls of earlier helpers, a local that
 * shadows a module list) with noise a fine slice may drop (prints, locals nobody reads, a
 * branch that only counts), then calls of the helpers at module level. Now and then the
 * program catches an exception, which must stop the trimming. Seeded; every program runs
 * without error, deterministically.
 */
import { prng, type ControlProgram } from './generate-control';

interface Rand {
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** Kinds of argument a helper takes: an int, a list of ints, the dict. */
type Arg = 'int' | 'list' | 'dict';

interface Helper {
  /** Body lines, each indented one level (4 spaces) more than the `def`. */
  body: string[];
  params: string;
  args: Arg[];
  /** Returns an int from int arguments only: later helpers may call it. */
  intToInt?: boolean;
}

/** A line (or a small block) a slice of anything may drop, reading parameter `p`. */
function noise(k: string, p: string, r: Rand): string[] {
  switch (r.int(0, 4)) {
    case 0:
      return [`print("step ${k}", ${p})`];
    case 1:
      return [`dbg${k} = len(str(${p}))`];
    case 2:
      return [`if len(str(${p})) > 1:`, `    cnt${k} = 1`, 'else:', `    cnt${k} = 2`];
    case 3:
      return [`note${k} = f"{${p}} seen"`];
    default:
      return [`tmp${k} = ${p} if isinstance(${p}, int) else 0`, `tmp${k} += 1`];
  }
}

/** `lines` with noise on `p` inserted at random points, each at the indentation of the line after it. */
function noisy(lines: string[], n: number, p: string, r: Rand): string[] {
  const out: string[] = [];
  let k = 0;
  const add = (indent: string) => {
    if (r.chance(0.5)) out.push(...noise(`${n}_${k++}`, p, r).map((l) => indent + l));
  };
  for (const l of lines) {
    add(/^ */.exec(l)![0]);
    out.push(l);
  }
  add('');
  return out;
}

type Template = (n: number, r: Rand, callable: readonly number[]) => Helper;

const TEMPLATES: Template[] = [
  // a value from the parameters, a default
  (n, r) => ({ params: `x, y=${r.int(1, 3)}`, args: ['int'], intToInt: true, body: noisy([`z = x * y`, `return z + ${r.int(0, 4)}`], n, 'x', r) }),
  // a change to a list parameter
  (n, r) => ({ params: 'lst, v', args: ['list', 'int'], body: noisy(['lst.append(v)', 'return len(lst)'], n, 'v', r) }),
  // a change through a local alias, an item store
  (n, r) => ({ params: 'lst', args: ['list'], body: noisy(['t = lst', `t.append(${r.int(0, 9)})`, `t[0] = ${r.int(0, 9)}`], n, 'lst', r) }),
  // a module list appended to
  (n, r) => ({ params: 'v', args: ['int'], intToInt: true, body: noisy([r.chance(0.5) ? 'LOG.append(v * 2)' : `LOG.append(${r.int(0, 9)})`, 'return v'], n, 'v', r) }),
  // a global counter
  (n, r) => ({ params: '', args: [], body: ['global counter', ...noisy(['counter += 1', r.chance(0.5) ? 'return counter' : 'return None'], n, 'counter', r)] }),
  // an early return in a branch
  (n, r) => ({ params: 'v', args: ['int'], intToInt: true, body: noisy([`if v > ${r.int(0, 4)}:`, '    w = v - 1', '    return w', 'return 0'], n, 'v', r) }),
  // a loop with break
  (n, r) => ({
    params: 'lst',
    args: ['list'],
    body: ['acc = 0', 'for e in lst:', ...noise(`${n}_l`, 'e', r).map((l) => `    ${l}`), `    if e > ${r.int(3, 8)}:`, '        break', '    acc += e', ...noise(`${n}_e`, 'acc', r), 'return acc'],
  }),
  // recursion
  (n, r) => ({ params: 'k', args: ['int'], intToInt: true, body: noisy(['if k <= 0:', '    return 0', `return k + h${n}(k - 1)`], n, 'k', r) }),
  // a default read from a module name
  (n, r) => ({ params: `v, base=${r.pick(['a', 'b'])}`, args: ['int'], intToInt: true, body: noisy(['return v + base'], n, 'v', r) }),
  // a dict changed by an item store
  (n, r) => ({ params: 'd, key', args: ['dict', 'int'], body: noisy(['d[key] = d.get(key, 0) + 1', 'return len(d)'], n, 'key', r) }),
  // a local that shadows a module list: changing it changes nothing outside
  (n, r) => ({ params: 'v', args: ['int'], intToInt: true, body: noisy([`xs = [v]`, 'xs.append(1)', `return v + ${r.int(0, 3)}`], n, 'v', r) }),
  // a call of an earlier int → int helper
  (n, r, callable) =>
    callable.length > 0
      ? { params: 'v', args: ['int'], intToInt: true, body: noisy([`u = h${r.pick(callable)}(v)`, 'return u * 2'], n, 'v', r) }
      : { params: 'v', args: ['int'], intToInt: true, body: noisy(['return -v'], n, 'v', r) },
];

/** Program `seed`: module names, 2 to 4 helpers, calls of each. */
export function helperProgram(seed: number): ControlProgram {
  // Its own stream of the shared generator, so these programs differ from the others' at the same seed.
  const next = prng(seed ^ 0x2c1b3c6d);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const r: Rand = { int, pick: (xs) => xs[Math.floor(next() * xs.length)], chance: (p) => next() < p };
  const lines = [`a = ${int(0, 5)}`, `b = ${int(0, 5)}`, `xs = [${int(0, 4)}, ${int(0, 9)}]`, `ys = [${int(0, 4)}]`, 'cfg = {}', 'LOG = []', 'counter = 0'];
  const binds = new Set(['a', 'b', 'xs', 'ys', 'cfg', 'LOG', 'counter']);
  const callable: number[] = [];
  const argOf = (kind: Arg): string => (kind === 'int' ? r.pick(['a', 'b', String(int(0, 4))]) : kind === 'list' ? r.pick(['xs', 'ys']) : 'cfg');
  for (let n = 0, helpers = int(2, 4); n < helpers; n++) {
    const h = r.pick(TEMPLATES)(n, r, callable);
    lines.push(`def h${n}(${h.params}):`, ...h.body.map((l) => `    ${l}`));
    for (let j = 0, calls = int(1, 2); j < calls; j++) {
      const call = `h${n}(${h.args.map(argOf).join(', ')})`;
      if (r.chance(0.7)) {
        lines.push(`r${n}_${j} = ${call}`);
        binds.add(`r${n}_${j}`);
      } else lines.push(call);
    }
    if (h.intToInt) callable.push(n);
  }
  if (r.chance(0.15)) {
    lines.push('try:', '    q = int("x")', 'except ValueError:', '    q = a');
    binds.add('q');
  }
  return { code: `${lines.join('\n')}\n`, candidates: [...binds] };
}
