/**
 * Analysis speed vs the raw @lezer/python parse of the same text, measured in the same
 * run (docs/DESIGN.md "Quality targets": analysis ≤ 2.5× the parse). Called by bench/run.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parser } from '@lezer/python';
import { analyseProgram } from '../src/core/analysis/index';
import type { ProgramInput } from '../src/core/model';
import { readSourceFile } from '../src/core/notebook/index';
import type { BenchFigure } from './figure';

const CELL_TEMPLATES = [
  (i: number) => `import pandas as pd\nimport numpy as np\ndf${i} = pd.read_csv("data_${i}.csv")\ndf${i}.dropna(inplace=True)\ndf${i}["total"] = df${i}["a"] + df${i}["b"] * 2\nsummary${i} = df${i}.groupby("k").agg({"total": "sum"})\nprint(summary${i}.head())\n`,
  (i: number) => `xs${i} = [1, 2, 3, 4.5, "s", None]\nfor v in xs${i}:\n    if v is not None:\n        xs${i}.append(v)\nd${i} = {"a": xs${i}, "b": len(xs${i})}\nd${i}.update(c=3)\nres${i} = [x * 2 for x in range(10) if x % 2]\n`,
  (i: number) => `from sklearn.linear_model import LogisticRegression\nmodel${i} = LogisticRegression(C=1.0, max_iter=100)\nX${i}, y${i} = load_xy(${i})\nmodel${i}.fit(X${i}, y${i})\npred${i} = model${i}.predict(X${i})\nscore${i} = (pred${i} == y${i}).mean()\n`,
  (i: number) => `def helper${i}(a, b=2):\n    total = 0\n    for k in range(a):\n        total += k * b\n    return total + offset\noffset = ${i}\nval${i} = helper${i}(10)\n`,
  (i: number) => `import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(4, 3))\nax.plot([1, 2, 3], [4, 5, 6], label=f"run {${i}}")\nax.set_title("t${i}")\nplt.savefig("fig_${i}.png")\n`,
];

/** A notebook of about `lines` lines of typical data-science code. */
export function generateNotebook(lines: number): ProgramInput {
  const cells: ProgramInput['cells'] = [];
  let total = 0;
  let i = 0;
  while (total < lines) {
    const code = CELL_TEMPLATES[i % CELL_TEMPLATES.length](i);
    cells.push({ code, cellIndex: i, executionCount: i + 1 });
    total += code.split('\n').length - 1;
    i++;
  }
  return { kind: 'notebook', cells, totalCells: cells.length, diagnostics: [] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

function measure(label: string, input: ProgramInput, runs: number): BenchFigure[] {
  const parseAll = (): void => {
    for (const c of input.cells) parser.parse(c.code);
  };
  let n = 0;
  const analyse = (): void => {
    analyseProgram(input, { sessionId: 'bench', newId: () => `n${n++}` });
  };
  // Warm up both paths (JIT), then interleave measurements.
  for (let w = 0; w < 3; w++) {
    parseAll();
    analyse();
  }
  // Interleave the two so that load on the machine affects both alike.
  const parseSamples: number[] = [];
  const analyseSamples: number[] = [];
  for (let r = 0; r < runs; r++) {
    parseSamples.push(time(parseAll, 1));
    analyseSamples.push(time(analyse, 1));
  }
  const parseMs = median(parseSamples);
  const analyseMs = median(analyseSamples);
  return [
    { name: `analysis: ${label} (raw lezer parse)`, value: round(parseMs), unit: 'ms' },
    { name: `analysis: ${label}`, value: round(analyseMs), unit: 'ms', ratio: round(analyseMs / parseMs), baseline: 'raw @lezer/python parse of the same text (goal ≤ 2.5×)' },
  ];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function largestCorpusFile(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(here, '../../shared/corpus');
  if (!existsSync(dir)) return undefined;
  let best: { path: string; size: number } | undefined;
  for (const d of readdirSync(dir)) {
    const p = join(dir, d);
    if (d === 'LICENSES' || !statSync(p).isDirectory()) continue;
    for (const f of readdirSync(p)) {
      if (!f.endsWith('.ipynb') && !f.endsWith('.py')) continue;
      const input = readSourceFile(f, new Uint8Array(readFileSync(join(p, f))));
      const size = input.cells.reduce((s, c) => s + c.code.length, 0);
      if (!best || size > best.size) best = { path: join(p, f), size };
    }
  }
  return best?.path;
}

export async function benchAnalysis(): Promise<BenchFigure[]> {
  const figures = measure('generated 10,000-line notebook', generateNotebook(10_000), 9);
  const largest = largestCorpusFile();
  if (largest) {
    const input = readSourceFile(largest, new Uint8Array(readFileSync(largest)));
    figures.push(...measure(`largest corpus file (${largest.split('/').pop()})`, input, 15));
  }
  return figures;
}

// Allow `npx tsx bench/analysis.bench.ts` on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const f of await benchAnalysis()) console.log(`${f.name}: ${f.value} ${f.unit}${f.ratio !== undefined ? ` (${f.ratio}× ${f.baseline})` : ''}`);
}
