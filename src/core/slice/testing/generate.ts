/**
 * Random Python programs (stdlib only) for the generated slice proof. A program is decoded
 * from a list of integer choices (so fast-check can generate and shrink it), keeping a small
 * type state so every program runs without error and deterministically (no randomness, no
 * time, no ids in reprs: user classes define `__repr__`).
 *
 * Shapes: ints, lists, dicts and straight-line mutations; user functions with effects (mutate
 * a parameter, mutate a global, rebind a global with `global`, call another user function,
 * read `math`, return fresh values); a user class whose methods mutate `self`; blocks
 * (`if`/`for`/`with`/`try`) that put lists into containers, then mutate an element or the
 * container; `obj.attr = inner`; sets of hashable user objects holding lists; walrus inside
 * larger expressions; calls and displays over several lines with comments between arguments;
 * file writes and reads in the run's directory (`open` in `with`, `pathlib.Path.write_text` /
 * `read_text`, `json.dump` / `json.load`, two names per kind so a path is sometimes written
 * twice); iterators made from lists and consumed by `next`, `list`, loops and comprehensions;
 * `lineapy.save`. Each family is a `Feature`, so a family the analyser gets wrong
 * can be kept out of the always-on set (see ./known-gaps.ts).
 *
 * Every program has at least one junk statement (`zz_N = …`, never read), so a
 * correct slice of any other variable is strictly shorter than the program.
 */
import fc from 'fast-check';

export interface GeneratedProgram {
  cells: string[];
  /** One variable bound at the end (kept for shrinking reports). */
  target: string;
  /** All variables bound at the end that could be targets (no functions, no loop variables). */
  candidates: string[];
}

export const FEATURES = [
  'functions',
  'classes',
  'blocks',
  'walrus',
  'multiline',
  'files',
  'lineapy',
  'sets',
  /** Iterators (`iter`, `map`, `filter`, `reversed`, generator expressions and functions) consumed by `next`, `list`, loops and comprehensions. */
  'iterators',
  // Shapes the analyser gets wrong today (see ./known-gaps.ts):
  /** `if`/`with`/`try`/`for` blocks that put an existing list into a container. */
  'blockContainment',
  /** `obj.attr = inner`, `setattr(obj, 'attr', inner)`. */
  'setattr',
  /** Sets of hashable user objects that hold lists. */
  'setObjects',
  /** A set display `{(1, 2)}` then `.add(...)` (set() works). */
  'setDisplay',
  /** Comments after or between the arguments of a multi-line call. */
  'commentArgs',
  /** Files written and read inside `with open(...)` blocks (`fh.write`, `json.dump`, `fh.read`, `json.load`). */
  'withFiles',
] as const;
export type Feature = (typeof FEATURES)[number];

type VarType = 'int' | 'list' | 'dict' | 'nest' | 'obj' | 'set' | 'str' | 'iter';

interface FnInfo {
  name: string;
  kind: 'addGlobal' | 'mutArg' | 'mutGlobal' | 'mutDict' | 'bumpGlobal' | 'pure' | 'fresh';
  /** Takes a keyword `y`. */
  kw?: boolean;
}

const BOX_CLASS = `class Box:
    def __init__(self, v):
        self.items = [v]

    def add(self, x):
        self.items.append(x)
        return len(self.items)

    def total(self):
        return sum(self.items)

    def __repr__(self):
        return f"Box({self.items!r}, {getattr(self, 'extra', None)!r})"`;

const KEY_CLASS = `class Key:
    def __init__(self, k, tags):
        self.k = k
        self.tags = tags

    def __hash__(self):
        return self.k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k

    def __repr__(self):
        return f"Key({self.k!r}, {self.tags!r})"`;

const TEXT_FILES = ['a.txt', 'b.txt'];
const JSON_FILES = ['c.json', 'd.json'];

export function decodeProgram(steps: number[][], pick: number, splits: number[], features: ReadonlySet<Feature> = new Set()): GeneratedProgram {
  const vars = new Map<string, VarType>();
  const fns: FnInfo[] = [];
  const stmts: string[] = [];
  const once = new Set<string>();
  const written = { text: new Set<string>(), json: new Set<string>() };
  let fresh = 0;
  let junk = 0;
  let arts = 0;
  const newVar = (t: VarType): string => {
    const name = `v${fresh++}`;
    vars.set(name, t);
    return name;
  };
  const of = (t: VarType): string[] => [...vars].filter(([, ty]) => ty === t).map(([n]) => n);
  const choose = <T>(xs: T[], k: number): T => xs[Math.abs(k) % xs.length];
  /** Emits `line` (an import or a class) the first time it is needed. */
  const need = (line: string): void => {
    if (once.has(line)) return;
    once.add(line);
    stmts.push(line);
  };
  const on = (f: Feature): boolean => features.has(f);

  // Every program starts with one value of each basic type.
  stmts.push(`${newVar('int')} = 3`);
  stmts.push(`${newVar('list')} = [1, 2]`);
  stmts.push(`${newVar('dict')} = {'k': 1}`);

  for (const [op, a, b, c] of steps) {
    const ints = of('int');
    const lists = of('list');
    const dicts = of('dict');
    const i1 = choose(ints, a);
    const i2 = choose(ints, b);
    const l1 = choose(lists, a);
    const l2 = choose(lists, b);
    const d1 = choose(dicts, a);
    const d2 = choose(dicts, c);
    const lit = (c % 7) + 1;
    const fallback = (): void => {
      stmts.push(`${newVar('int')} = ${i1} - ${lit}`);
    };
    const nests = of('nest');
    const objs = of('obj');
    const sets = of('set');
    const strs = of('str');
    switch (op % 48) {
      case 0: stmts.push(`${newVar('int')} = ${lit}`); break;
      case 1: stmts.push(`${newVar('int')} = ${i1} + ${i2}`); break;
      case 2: stmts.push(`${newVar('int')} = ${i1} * ${lit} - ${i2}`); break;
      case 3: stmts.push(`${newVar('list')} = [${i1}, ${lit}]`); break;
      case 4: stmts.push(`${newVar('dict')} = {'k': ${i1}, 'j': ${lit}}`); break;
      case 5: stmts.push(`${newVar('list')} = ${choose([`${l1}[:]`, `list(${l1})`, `sorted(${l1})`, `${l1} + [${i1}]`], c)}`); break;
      case 6: stmts.push(`${newVar('int')} = ${choose([`len(${l1})`, `sum(${l1})`, `${l1}[0]`, `max(${l1})`, `${d1}.get('k', 0)`, `len(${d1})`], c)}`); break;
      case 7: {
        // alias
        const isList = c % 2 === 0;
        stmts.push(`${newVar(isList ? 'list' : 'dict')} = ${isList ? l1 : d1}`);
        break;
      }
      case 8: stmts.push(choose([`${l1}.append(${i1})`, `${l1}.extend(${l2})`, `${l1}.insert(0, ${i1})`, `${l1}.reverse()`, `${l1}.sort()`, `${l1}[0] = ${i1}`, `${l1} += [${i1}]`], c)); break;
      case 9: stmts.push(choose([`${d1}['x'] = ${i1}`, `${d1}.update(${d2})`, `${d1}.setdefault('z', ${i1})`, `${d1}.pop('x', None)`, `${d1}['k'] = ${d1}.get('k', 0) + ${lit}`], c)); break;
      case 10: {
        const name = `f${fns.length}`;
        const kind = choose<FnInfo['kind']>(['addGlobal', 'mutArg', 'mutGlobal', 'mutDict', 'bumpGlobal', 'pure'], c);
        if (kind === 'addGlobal') stmts.push(`def ${name}(x):\n    return x + ${i1}`);
        else if (kind === 'mutArg') stmts.push(`def ${name}(xs):\n    xs.append(len(xs))\n    return len(xs)`);
        else if (kind === 'mutGlobal') stmts.push(`def ${name}():\n    ${l1}.append(${lit})`);
        else if (kind === 'mutDict') stmts.push(`def ${name}(d, v):\n    d['m'] = v`);
        else if (kind === 'bumpGlobal') stmts.push(`def ${name}():\n    global ${i1}\n    ${i1} = ${i1} + ${lit}`);
        else stmts.push(`def ${name}(x, y=${lit}):\n    return x * y`);
        fns.push({ name, kind, kw: kind === 'pure' });
        break;
      }
      case 11: case 12: {
        if (fns.length === 0) { fallback(); break; }
        const f = choose(fns, c);
        if (f.kind === 'addGlobal' || f.kind === 'pure') stmts.push(`${newVar('int')} = ${f.name}(${i2})`);
        else if (f.kind === 'mutArg') stmts.push(`${newVar('int')} = ${f.name}(${l2})`);
        else if (f.kind === 'mutDict') stmts.push(`${f.name}(${d1}, ${i2})`);
        else if (f.kind === 'fresh') stmts.push(`${newVar('list')} = ${f.name}(${i2})`);
        else stmts.push(`${f.name}()`);
        break;
      }
      case 13: stmts.push(`for i in range(${(c % 3) + 1}):\n    ${l1}.append(i + ${i1})`); break;
      case 14: {
        const v = newVar('int');
        stmts.push(`${v} = 0`);
        stmts.push(`for x in ${l1}:\n    ${v} += x`);
        break;
      }
      case 15: stmts.push(`${newVar('list')} = [x * ${i1} for x in ${l1}]`); break;
      case 16: stmts.push(`${newVar('dict')} = {key: val for key, val in ${d1}.items()}`); break;
      case 17: stmts.push(`${i1} = ${i1} + ${lit}`); break;
      case 18: stmts.push(`${l1} = ${l1} + [${lit}]`); break;
      case 19: stmts.push(`${i1} += ${i2}`); break;
      case 20: stmts.push(`${newVar('list')} = ${choose([`${l1} * 2`, `${l1}.copy()`, `[*${l1}, *${l2}]`], c)}`); break;
      case 21: stmts.push(`if ${i1} > ${lit}:\n    ${l1}.append(${i2})\nelse:\n    ${d1}['e'] = ${i2}`); break;
      case 22: stmts.push(`${newVar('int')} = ${choose(['abs', 'int', 'str', 'len'], c) === 'str' ? `len(str(${i1}))` : `abs(${i1} - ${lit})`}`); break;

      // ---- user functions with effects
      case 24: case 25: case 26: case 27: {
        if (!on('functions')) { fallback(); break; }
        const name = `f${fns.length}`;
        const callees = fns.filter((f) => f.kind === 'pure' || f.kind === 'addGlobal');
        const mutators = fns.filter((f) => f.kind === 'mutArg');
        const which = op % 48;
        if (which === 24 && callees.length > 0) {
          stmts.push(`def ${name}(x):\n    return ${choose(callees, c).name}(x) + ${lit}`);
          fns.push({ name, kind: 'pure' });
        } else if (which === 25) {
          need('import math');
          stmts.push(`def ${name}(x):\n    return math.floor(math.sqrt(abs(x))) + x`);
          fns.push({ name, kind: 'pure' });
        } else if (which === 27 && mutators.length > 0) {
          stmts.push(`def ${name}(xs):\n    ${choose(mutators, c).name}(xs)\n    xs.append(${lit})\n    return len(xs)`);
          fns.push({ name, kind: 'mutArg' });
        } else {
          stmts.push(`def ${name}(n):\n    return [n, n + ${lit}]`);
          fns.push({ name, kind: 'fresh' });
        }
        break;
      }

      // ---- a user class whose methods mutate self
      case 28: {
        if (!on('classes')) { fallback(); break; }
        need(BOX_CLASS);
        stmts.push(`${newVar('obj')} = Box(${i1})`);
        break;
      }
      case 29: {
        if (!on('classes') || objs.length === 0) { fallback(); break; }
        const o = choose(objs, a);
        stmts.push(c % 2 === 0 ? `${o}.add(${i1})` : `${newVar('int')} = ${o}.add(${i2})`);
        break;
      }
      case 30: {
        if (!on('classes') || objs.length === 0) { fallback(); break; }
        const o = choose(objs, a);
        stmts.push(`${newVar('int')} = ${choose([`${o}.total()`, `len(${o}.items)`, `${o}.items[-1]`], c)}`);
        break;
      }

      // ---- blocks that put lists into containers
      case 31: {
        if (!on('blocks')) { fallback(); break; }
        const n = newVar('nest');
        const shape = on('blockContainment') ? c % 5 : 0;
        if (shape === 0) stmts.push(`${n} = [[${i1}]]\nfor x in range(${(b % 3) + 1}):\n    ${n}.append([x, ${i2}])`);
        else if (shape === 1) stmts.push(`${n} = [[0]]\nif ${i1} > ${lit}:\n    ${n}.append(${l1})\nelse:\n    ${n}.append(${l2})`);
        else if (shape === 2) {
          need('import contextlib');
          stmts.push(`${n} = [[0]]\nwith contextlib.suppress(KeyError):\n    ${n}.append(${l1})`);
        } else if (shape === 3) stmts.push(`${n} = [[0]]\ntry:\n    ${n}.append(${l1})\nexcept IndexError:\n    ${n}.append([])`);
        else stmts.push(`${n} = [[0]]\nfor x in range(2):\n    ${n}.append(${l1})`);
        break;
      }
      case 32: {
        if (!on('blocks') || nests.length === 0) { fallback(); break; }
        const n = choose(nests, a);
        stmts.push(choose([`${n}[0].append(${i1})`, `${n}[-1].append(${i1})`, `for row in ${n}:\n    row.append(${i1})`, `${n}.append([${i1}])`, `${n}[-1].sort()`], c));
        break;
      }
      case 33: {
        if (!on('blocks') || nests.length === 0) { fallback(); break; }
        const n = choose(nests, a);
        stmts.push(`${newVar('int')} = ${choose([`len(${n})`, `sum(len(r) for r in ${n})`, `len(${n}[-1])`], c)}`);
        break;
      }
      case 45: {
        if (!on('blockContainment')) { fallback(); break; }
        stmts.push(`try:\n    ${d1}['in'] = ${l1}\nexcept KeyError:\n    pass`);
        break;
      }

      // ---- obj.attr = inner
      case 34: {
        if (!on('setattr') || !on('classes') || objs.length === 0) { fallback(); break; }
        const o = choose(objs, a);
        stmts.push(c % 2 === 0 ? `${o}.extra = ${l1}` : `setattr(${o}, 'extra', ${l1})`);
        break;
      }

      // ---- sets of hashable user objects that hold lists
      case 35: {
        if (!on('sets')) { fallback(); break; }
        if (on('setObjects')) {
          need(KEY_CLASS);
          if (sets.length === 0 || c % 3 === 0) stmts.push(`${newVar('set')} = {Key(${lit}, ${l1})}`);
          else stmts.push(`${choose(sets, a)}.add(Key(${lit}, ${l1}))`);
        } else if (sets.length === 0 || c % 3 === 0) stmts.push(on('setDisplay') ? `${newVar('set')} = {(${i1}, ${lit})}` : `${newVar('set')} = set([(${i1}, ${lit})])`);
        else stmts.push(`${choose(sets, a)}.add((${i1}, ${i2}))`);
        break;
      }
      case 46: {
        if (!on('sets') || sets.length === 0) { fallback(); break; }
        const st = choose(sets, a);
        const objects = on('setObjects') && once.has(KEY_CLASS);
        const k = c % 3;
        if (k === 0) stmts.push(`${newVar('int')} = len(${st})`);
        else if (k === 1) stmts.push(objects ? `for key in ${st}:\n    key.tags.append(${i1})` : `${st}.discard((${i1}, ${lit}))`);
        else stmts.push(`${newVar('int')} = ${objects ? `sum(len(key.tags) for key in ${st})` : `sum(t[0] for t in ${st})`}`);
        break;
      }

      // ---- walrus inside larger expressions
      case 36: {
        if (!on('walrus')) { fallback(); break; }
        const shape = c % 3;
        if (shape === 0) {
          const w = newVar('int');
          stmts.push(`${newVar('int')} = (${w} := ${i1} + ${lit}) * 2 + ${w}`);
        } else if (shape === 1) {
          const w = newVar('int');
          stmts.push(`${newVar('list')} = [${w} := ${i1} * 2, ${w} + ${lit}]`);
        } else {
          const w = newVar('int');
          stmts.push(`if (${w} := len(${l1})) > ${lit}:\n    ${l1}.append(${w})`);
        }
        break;
      }

      // ---- calls and displays over several lines, comments between arguments
      case 37: {
        if (!on('multiline')) { fallback(); break; }
        const pure = fns.filter((f) => f.kw);
        const shape = c % 4;
        // Comments after or between call arguments are a known gap (commentArgs); between display elements they are not.
        const cm = on('commentArgs');
        const note = (text: string): string => (cm ? `  # ${text}` : '');
        const between = (text: string): string => (cm ? `    # ${text}\n` : '');
        if (shape === 0 && pure.length > 0) stmts.push(`${newVar('int')} = ${choose(pure, b).name}(\n    ${i1},${note('the value')}\n${between('the factor, by keyword')}    y=${i2},\n)`);
        else if (shape === 1) stmts.push(`${newVar('int')} = max(\n    ${i1},${note('first')}\n${between('second')}    ${i2},\n)`);
        else if (shape === 2) stmts.push(`${newVar('list')} = [\n    ${i1},  # first\n    # a comment between elements\n    ${i2},\n]`);
        else stmts.push(`${newVar('dict')} = dict(\n    k=${i1},${note('key')}\n${between('another')}    j=${i2},\n)`);
        break;
      }

      // ---- files in the run's directory
      case 38: case 39: {
        if (!on('files')) { fallback(); break; }
        const path = choose(TEXT_FILES, b);
        const what = c % 2 === 0 ? `str(${i1})` : `str(${l1})`;
        if (op % 48 === 38 && on('withFiles')) stmts.push(`with open('${path}', 'w') as fh:\n    fh.write(${what})`);
        else {
          need('import pathlib');
          stmts.push(`pathlib.Path('${path}').write_text(${what})`);
        }
        written.text.add(path);
        break;
      }
      case 40: {
        if (!on('withFiles')) { fallback(); break; }
        need('import json');
        const path = choose(JSON_FILES, b);
        stmts.push(`with open('${path}', 'w') as fh:\n    json.dump(${d1}, fh)`);
        written.json.add(path);
        break;
      }
      case 41: {
        if (!on('files') || written.text.size === 0) { fallback(); break; }
        const path = choose([...written.text], b);
        if (c % 2 === 0 && on('withFiles')) stmts.push(`with open('${path}') as fh:\n    ${newVar('str')} = fh.read()`);
        else {
          need('import pathlib');
          stmts.push(`${newVar('str')} = pathlib.Path('${path}').read_text()`);
        }
        break;
      }
      case 42: {
        if (!on('withFiles') || written.json.size === 0) { fallback(); break; }
        need('import json');
        stmts.push(`with open('${choose([...written.json], b)}') as fh:\n    ${newVar('dict')} = json.load(fh)`);
        break;
      }
      case 43: {
        if (strs.length === 0) { fallback(); break; }
        const st = choose(strs, a);
        stmts.push(c % 2 === 0 ? `${newVar('int')} = len(${st}) + ${st}.count('1')` : `${newVar('str')} = ${st} + str(${i1})`);
        break;
      }

      // ---- iterators: made from a list (lazily: a later change of the list shows), then consumed
      case 23: {
        if (!on('iterators')) { fallback(); break; }
        const kind = c % 9;
        if (kind === 5) need('def gen_items(xs):\n    for x in xs:\n        yield x');
        // Iterators known only by how a function or lambda makes them (no yield in sight).
        if (kind === 6) need('def take_items(xs):\n    return (x for x in xs)');
        if (kind === 7) need('def abs_items(xs):\n    return map(abs, xs)');
        if (kind === 8) need('iter_of = lambda xs: iter(xs)');
        const made = [`iter(${l1})`, `map(abs, ${l1})`, `(x for x in ${l1} if x != ${lit})`, `filter(None, ${l1})`, `reversed(${l1})`, `gen_items(${l1})`, `take_items(${l1})`, `abs_items(${l1})`, `iter_of(${l1})`][kind];
        stmts.push(`${newVar('iter')} = ${made}`);
        break;
      }
      case 47: {
        const its = of('iter');
        if (!on('iterators') || its.length === 0) { fallback(); break; }
        const it = choose(its, a);
        const kind = c % 7;
        if (kind === 0) stmts.push(`${newVar('int')} = next(${it}, -1)`);
        else if (kind === 5) stmts.push(`${newVar('int')} = int(any(x > ${lit} for x in ${it}))`);
        else if (kind === 6) stmts.push(`${newVar('list')} = [x for x, _ in zip(${it}, range(2))]`);
        else if (kind === 1) stmts.push(`${newVar('list')} = list(${it})`);
        else if (kind === 2) stmts.push(`${newVar('list')} = [x for x in ${it}]`);
        else if (kind === 3) stmts.push(`${newVar('int')} = len(list(${it}))`);
        else {
          const v = newVar('int');
          stmts.push(`${v} = 0`);
          stmts.push(`for x in ${it}:\n    ${v} += 1\n    if ${v} > ${(c % 2) + 1}:\n        break`);
        }
        break;
      }

      // ---- lineapy.save
      case 44: {
        if (!on('lineapy')) { fallback(); break; }
        need('import lineapy');
        // An iterator's repr holds its address: never a target.
        const all = [...vars.keys()].filter((n) => vars.get(n) !== 'iter');
        stmts.push(`lineapy.save(${choose(all, b)}, 'art_${arts++}')`);
        break;
      }
      default: stmts.push(`zz_${junk++} = ${lit}`); break;
    }
  }
  // At least one junk statement, at a position chosen by the splits.
  const at = splits.length > 0 ? Math.abs(splits[0]) % (stmts.length + 1) : stmts.length;
  stmts.splice(Math.max(3, at), 0, `zz_${junk} = 0`);

  // Cut into 1–3 cells.
  const cuts = [...new Set(splits.slice(1).map((s) => 1 + (Math.abs(s) % stmts.length)))].filter((s) => s < stmts.length).sort((x, y) => x - y);
  const cells: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    cells.push(stmts.slice(start, cut).join('\n'));
    start = cut;
  }
  cells.push(stmts.slice(start).join('\n'));

  // An iterator's repr holds its address, so it is never compared; what was drawn from it is.
  const candidates = [...vars.keys()].filter((n) => vars.get(n) !== 'iter');
  return { cells, target: choose(candidates, pick), candidates };
}

/** Programs using the base shapes plus `features`. */
export function programArbitrary(features: readonly Feature[] = []): fc.Arbitrary<GeneratedProgram> {
  const set = new Set(features);
  return fc
    .record({
      steps: fc.array(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000)), { minLength: 3, maxLength: 16 }),
      pick: fc.nat(1000),
      splits: fc.array(fc.nat(1000), { minLength: 1, maxLength: 3 }),
    })
    .map(({ steps, pick, splits }) => decodeProgram(steps, pick, splits, set));
}
