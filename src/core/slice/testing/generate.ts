/**
 * Random straight-line Python programs (stdlib only) over ints, lists, dicts and user
 * functions (no containers of mutable values: containment is a known analyser gap, see
 * docs/notes/slicer-analyser-gaps.md), for the generated slice proof. A program is decoded from a list of
 * integer choices (so fast-check can generate and shrink it), keeping a small type
 * state so every program runs without error.
 *
 * Every program has at least one junk statement (`zz_N = …`, never read), so a
 * correct slice of any other variable is strictly shorter than the program.
 */
import fc from 'fast-check';

export interface GeneratedProgram {
  cells: string[];
  /** The variable whose binding at the end is the slice target. */
  target: string;
  /** All variables bound at the end that could be targets. */
  candidates: string[];
}

type VarType = 'int' | 'list' | 'dict';

interface FnInfo {
  name: string;
  kind: 'addGlobal' | 'mutArg' | 'mutGlobal' | 'mutDict' | 'bumpGlobal' | 'pure';
}

export function decodeProgram(steps: number[][], pick: number, splits: number[]): GeneratedProgram {
  const vars = new Map<string, VarType>();
  const fns: FnInfo[] = [];
  const stmts: string[] = [];
  let fresh = 0;
  let junk = 0;
  const newVar = (t: VarType): string => {
    const name = `v${fresh++}`;
    vars.set(name, t);
    return name;
  };
  const of = (t: VarType): string[] => [...vars].filter(([, ty]) => ty === t).map(([n]) => n);
  const choose = <T>(xs: T[], k: number): T => xs[Math.abs(k) % xs.length];

  // Every program starts with one value of each type.
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
    switch (op % 24) {
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
        fns.push({ name, kind });
        break;
      }
      case 11: case 12: {
        if (fns.length === 0) { stmts.push(`${newVar('int')} = ${i1} - ${lit}`); break; }
        const f = choose(fns, c);
        if (f.kind === 'addGlobal' || f.kind === 'pure') stmts.push(`${newVar('int')} = ${f.name}(${i2})`);
        else if (f.kind === 'mutArg') stmts.push(`${newVar('int')} = ${f.name}(${l2})`);
        else if (f.kind === 'mutDict') stmts.push(`${f.name}(${d1}, ${i2})`);
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

  const candidates = [...vars.keys()];
  return { cells, target: choose(candidates, pick), candidates };
}

export const programArbitrary = fc
  .record({
    steps: fc.array(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000)), { minLength: 3, maxLength: 14 }),
    pick: fc.nat(1000),
    splits: fc.array(fc.nat(1000), { minLength: 1, maxLength: 3 }),
  })
  .map(({ steps, pick, splits }) => decodeProgram(steps, pick, splits));
