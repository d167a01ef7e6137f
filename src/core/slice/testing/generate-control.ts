/**
 * Random control-flow programs for the fine-slice proof (issue 18.1): loops with branches,
 * `break`/`continue`, `while`, `try/except/finally`, `with open(…)`, nested functions and
 * closures, comprehensions with conditions, `global`/`nonlocal`, recursion, generators,
 * early `return`, aliases through containers, one-line bodies. Each program starts from a
 * small pool of ints and lists and chains blocks that read and change them; every program
 * runs without error and deterministically (stdlib only). Seeded, so a failure reproduces.
 */

export interface ControlProgram {
  code: string;
  /** Module-level variables bound at the end (targets). */
  candidates: string[];
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTS = ['a', 'b', 'c', 'd'];
const LISTS = ['xs', 'ys', 'zs'];

type Block = (n: number, r: Rand) => { code: string; binds?: string[] };

interface Rand {
  int(lo: number, hi: number): number;
  i(): string;
  l(): string;
  other(v: string, pool: readonly string[]): string;
}

const BLOCKS: Block[] = [
  // for + if/elif/else + continue + break
  (n, r) => {
    const [a, b, c, l] = [r.i(), r.i(), r.i(), r.l()];
    return {
      code: `for i in range(${r.int(3, 7)}):\n    if i % ${r.int(2, 3)} == 0:\n        ${a} += i\n    elif i > ${r.int(2, 4)}:\n        ${l}.append(${b})\n        continue\n    else:\n        ${b} = ${b} + 1\n    if ${a} > ${r.int(5, 40)}:\n        break\n    ${c} -= 1\n`,
    };
  },
  // while with continue
  (n, r) => {
    const [a, b, l] = [r.i(), r.i(), r.l()];
    return { code: `w${n} = 0\nwhile w${n} < ${r.int(3, 6)}:\n    w${n} += 1\n    if w${n} == ${r.int(1, 3)}:\n        continue\n    ${a} += w${n}\n    ${l}.append(w${n} * ${b})\n`, binds: [`w${n}`] };
  },
  // try/except/finally in a loop
  (n, r) => {
    const [a, b, c] = [r.i(), r.i(), r.i()];
    return { code: `for i in range(${r.int(2, 5)}):\n    try:\n        ${a} += i\n        if i == ${r.int(1, 3)}:\n            raise ValueError(i)\n    except ValueError:\n        ${b} += 1\n    finally:\n        ${c} += 1\n` };
  },
  // with open: write then read back in a loop
  (n, r) => {
    const [a, b, l] = [r.i(), r.i(), r.l()];
    return {
      code: `with open("f${n % 2}.txt", "w") as fh:\n    fh.write(str(${a}))\nfor i in range(${r.int(2, 4)}):\n    if i % 2:\n        ${b} += i\n    with open("f${n % 2}.txt") as fh:\n        ${l}.append(len(fh.read()))\n`,
    };
  },
  // closure over a list
  (n, r) => {
    const [a, b, l] = [r.i(), r.i(), r.l()];
    return {
      code: `def mk${n}(base):\n    acc = [base]\n    def step(x):\n        acc.append(x + base)\n        return len(acc)\n    return step\ns${n} = mk${n}(${a})\nfor i in range(${r.int(2, 5)}):\n    if i % 2 == 0:\n        ${b} += s${n}(i)\n    ${l}.append(i)\n`,
      binds: [`s${n}`],
    };
  },
  // comprehension with a condition in a branch
  (n, r) => {
    const [a, b, l, m] = [r.i(), r.i(), r.l(), r.l()];
    return { code: `for i in range(${r.int(2, 5)}):\n    if i > ${r.int(0, 2)}:\n        ${l} = [x + i for x in ${r.other(l, LISTS.length > 1 ? LISTS : [m])} if x > ${b}]\n    ${a} += len(${l})\n` };
  },
  // global in a function called from a loop
  (n, r) => {
    const [a, b] = [r.i(), r.i()];
    return { code: `def bump${n}(k):\n    global ${a}\n    ${a} += k\n    return ${a}\nfor i in range(${r.int(2, 6)}):\n    if i % 3 == 0:\n        bump${n}(i)\n    ${b} += 1\n` };
  },
  // nonlocal counter
  (n, r) => {
    const [a, l] = [r.i(), r.l()];
    return {
      code: `def counter${n}():\n    c = 0\n    def inc():\n        nonlocal c\n        c += 1\n        return c\n    return inc\ninc${n} = counter${n}()\nfor i in range(${r.int(2, 5)}):\n    v${n} = inc${n}()\n    if v${n} > ${r.int(1, 3)}:\n        ${a} += v${n}\n    else:\n        ${l}.append(v${n})\n`,
      binds: [`inc${n}`],
    };
  },
  // recursion
  (n, r) => {
    const [a, l] = [r.i(), r.l()];
    return { code: `def fact${n}(k):\n    return 1 if k <= 1 else k * fact${n}(k - 1)\nfor i in range(${r.int(2, 6)}):\n    if i % 2:\n        ${a} += fact${n}(i)\n    else:\n        ${l}.append(fact${n}(i) % 7)\n` };
  },
  // generator
  (n, r) => {
    const [a, l] = [r.i(), r.l()];
    return { code: `def gen${n}(k):\n    for j in range(k):\n        if j % 2:\n            yield j\nfor v in gen${n}(${r.int(3, 7)}):\n    ${a} += v\n    ${l}.append(v)\n` };
  },
  // early return from a loop in a function
  (n, r) => {
    const [a, b, l] = [r.i(), r.i(), r.l()];
    return { code: `def find${n}(seq, t):\n    for j, x in enumerate(seq):\n        if x == t:\n            return j\n    return -1\n${a} = find${n}(${l}, ${b}) + ${a}\n` };
  },
  // if/else at module level
  (n, r) => {
    const [a, b, c, l, m] = [r.i(), r.i(), r.i(), r.l(), r.l()];
    return { code: `if ${a} > ${b}:\n    ${c} = ${a} - ${b}\n    ${l}.append(${c})\nelse:\n    ${c} = ${b} - ${a}\n    ${m}.extend([${c}])\n` };
  },
  // nested loops with break, a one-line body
  (n, r) => {
    const [a, l] = [r.i(), r.l()];
    return { code: `for i in range(${r.int(2, 5)}):\n    for j in range(${r.int(2, 5)}):\n        if j > i:\n            break\n        ${a} += j\n    ${l}.append(i)\n    if len(${l}) > 6: ${l}.pop(0)\n` };
  },
  // alias through a container
  (n, r) => {
    const [a, l] = [r.i(), r.l()];
    return { code: `d${n} = {"k": ${l}}\nalias${n} = d${n}["k"]\nfor i in range(${r.int(2, 4)}):\n    alias${n}.append(i)\n    ${a} += 1\n`, binds: [`d${n}`, `alias${n}`] };
  },
  // while True with break, loop-carried swap
  (n, r) => {
    const [a, b, c] = [r.i(), r.i(), r.i()];
    return { code: `k${n} = 0\nwhile True:\n    k${n} += 1\n    ${c} = ${b}\n    ${b} = ${a}\n    ${a} = k${n}\n    if k${n} >= ${r.int(2, 5)}:\n        break\n`, binds: [`k${n}`] };
  },
  // for/else and a dict built in a loop
  (n, r) => {
    const [a, b] = [r.i(), r.i()];
    return { code: `m${n} = {}\nfor i in range(${r.int(2, 5)}):\n    m${n}[i] = i * ${a}\n    if i == ${r.int(5, 9)}:\n        break\nelse:\n    ${b} += len(m${n})\n`, binds: [`m${n}`] };
  },
];

/** Program `seed`: the pool, then 3 to 6 blocks. */
export function controlProgram(seed: number): ControlProgram {
  const next = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const r: Rand = { int, i: () => pick(INTS), l: () => pick(LISTS), other: (v, pool) => pick(pool.filter((p) => p !== v).length > 0 ? pool.filter((p) => p !== v) : pool) };
  const lines = [...INTS.map((v) => `${v} = ${int(0, 5)}`), ...LISTS.map((v) => `${v} = [${int(0, 3)}, ${int(0, 3)}]`)];
  const binds = new Set([...INTS, ...LISTS]);
  const blocks = int(3, 6);
  let code = `${lines.join('\n')}\n`;
  for (let k = 0; k < blocks; k++) {
    const block = pick(BLOCKS)(k, r);
    code += block.code;
    for (const b of block.binds ?? []) if (!b.startsWith('s') && !b.startsWith('inc')) binds.add(b);
  }
  return { code, candidates: [...binds] };
}
