/**
 * Random programs for the fine-slice proof of loops over variables (issue 18, `for x in xs`):
 * a pool of ints, of sequences that are only ever iterated (`ps = [1, 2, 3]`, a tuple, a
 * string: their loops can be cut) and of lists that are changed (`xs`: their loops stay
 * whole), then blocks that iterate them with several accumulators, branches, prints,
 * `break`/`continue`, nested loops, `len(…)`, and now and then a use that must stop the cut
 * (an alias, a mutation inside the loop, a call that receives the sequence). Seeded; every
 * program runs without error, deterministically.
 */
import { prng, type ControlProgram } from './generate-control';


const INTS = ['a', 'b', 'c'];
/** Only iterated (unless a block below makes them escape). */
const SEQS = ['ps', 'qs', 'word'];
/** Changed in place. */
const LISTS = ['xs', 'ys'];

interface Rand {
  int(lo: number, hi: number): number;
  i(): string;
  s(): string;
  l(): string;
}

type Block = (n: number, r: Rand) => { code: string; binds?: string[] };

const BLOCKS: Block[] = [
  // two accumulators and a print on a branch: the slice of one drops the other
  (n, r) => {
    const [a, b, s] = [r.i(), r.i(), r.s()];
    return { code: `for v in ${s}:\n    ${a} += len(str(v))\n    ${b} = ${b} * 2 % 97\n    if ${a} % 2 == 0:\n        print("step", v, ${b})\n` };
  },
  // break / continue on the loop variable
  (n, r) => {
    const [a, b, s] = [r.i(), r.i(), r.s()];
    return { code: `for v in ${s}:\n    if str(v) == "2":\n        continue\n    ${a} += 1\n    t${n} = len(str(v)) * 3\n    if ${a} > ${r.int(3, 9)}:\n        break\n    ${b} -= 1\n`, binds: [] };
  },
  // nested loops over two sequences
  (n, r) => {
    const [a, b, s, t] = [r.i(), r.i(), r.s(), r.s()];
    return { code: `for v in ${s}:\n    for w in ${t}:\n        if str(v) < str(w):\n            ${a} += 1\n        else:\n            ${b} += 2\n` };
  },
  // a list changed in place inside a loop over a sequence
  (n, r) => {
    const [a, s, l] = [r.i(), r.s(), r.l()];
    return { code: `for v in ${s}:\n    ${l}.append(len(str(v)))\n    ${a} += ${r.int(1, 4)}\n` };
  },
  // a loop over a changed list: must stay whole where it matters
  (n, r) => {
    const [a, b, l, m] = [r.i(), r.i(), r.l(), r.l()];
    return { code: `for v in ${l}:\n    ${a} += v if isinstance(v, int) else 0\n    ${b} += 1\n    if len(${m}) < 6:\n        ${m}.append(${b})\n` };
  },
  // len() of a sequence, a local bound in the loop
  (n, r) => {
    const [a, b, s] = [r.i(), r.i(), r.s()];
    return { code: `n${n} = len(${s})\nfor v in ${s}:\n    sq${n} = len(str(v)) ** 2\n    ${a} += sq${n}\n    ${b} += n${n}\n`, binds: [`n${n}`] };
  },
  // an escape: the sequence is aliased (its loops can no longer be cut)
  (n, r) => {
    const [s, a] = [r.s(), r.i()];
    return { code: `alias${n} = ${s}\n${a} += len(alias${n})\n`, binds: [`alias${n}`] };
  },
  // an escape: a function receives the sequence
  (n, r) => {
    const [s, a] = [r.s(), r.i()];
    return { code: `def count${n}(seq):\n    return len(seq)\n${a} += count${n}(${s})\n` };
  },
  // a rebinding to another literal (still only scalars)
  (n, r) => {
    const [s, a] = [r.s(), r.i()];
    return { code: `${s} = ${s === 'word' ? `"x${n}y"` : `[${r.int(0, 5)}, ${r.int(0, 5)}]`}\nfor v in ${s}:\n    ${a} += 1\n    junk${n} = ${a} * 2\n`, binds: [] };
  },
  // a bare tuple holding a list, changed through the tuple (the tuple is not a scalar)
  (n, r) => {
    const [a, l] = [r.i(), r.l()];
    return { code: `tup${n} = ${a}, ${l}\nfor v in range(${r.int(1, 3)}):\n    tup${n}[1].append(v)\n    junk${n} = v\n`, binds: [`tup${n}`] };
  },
  // loop variable reused after the loop, for/else
  (n, r) => {
    const [a, b, s] = [r.i(), r.i(), r.s()];
    return { code: `last${n} = None\nfor v in ${s}:\n    last${n} = v\n    ${b} += 1\nelse:\n    ${a} += 1\n`, binds: [`last${n}`] };
  },
];

/** Program `seed`: the pool, then 3 to 6 blocks. */
export function iterProgram(seed: number): ControlProgram {
  // Its own stream of the shared generator, so these programs differ from generate-control's at the same seed.
  const next = prng(seed ^ 0x5bd1e995);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const r: Rand = { int, i: () => pick(INTS), s: () => pick(SEQS), l: () => pick(LISTS) };
  const lines = [
    ...INTS.map((v) => `${v} = ${int(0, 5)}`),
    `ps = [${int(0, 3)}, ${int(0, 3)}, ${int(0, 3)}]`,
    `qs = (${int(0, 3)}, ${int(4, 6)})`,
    `word = "ab${int(0, 9)}"`,
    ...LISTS.map((v) => `${v} = [${int(0, 3)}, ${int(0, 3)}]`),
  ];
  const binds = new Set([...INTS, ...SEQS, ...LISTS]);
  let code = `${lines.join('\n')}\n`;
  for (let k = 0, blocks = int(3, 6); k < blocks; k++) {
    const block = pick(BLOCKS)(k, r);
    code += block.code;
    for (const b of block.binds ?? []) binds.add(b);
  }
  return { code, candidates: [...binds] };
}
