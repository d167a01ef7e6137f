/**
 * `npm run bench`: runs every benchmark and prints one line per figure, with its ratio
 * to a baseline measured in the same run. Benchmarks are figures, never test assertions.
 *
 * Each bench module exports an async function returning BenchFigure[].
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFigure } from './figure';

const here = dirname(fileURLToPath(import.meta.url));

const suites: Array<{ file: string; fn: string }> = [
  { file: 'analysis.bench.ts', fn: 'benchAnalysis' },
  { file: 'huge.bench.ts', fn: 'benchHuge' },
  { file: 'slice.bench.ts', fn: 'benchSlice' },
  { file: 'fine.bench.ts', fn: 'benchFine' },
  { file: 'run.bench.ts', fn: 'benchRun' },
  { file: 'browser.bench.ts', fn: 'benchBrowser' },
  { file: 'import.bench.ts', fn: 'benchImport' },
  { file: 'catalog.bench.ts', fn: 'benchCatalog' },
  { file: 'graph.bench.ts', fn: 'benchGraph' },
  { file: 'cells.bench.ts', fn: 'benchCells' },
  { file: 'cli.bench.ts', fn: 'benchCli' },
  { file: 'team.bench.ts', fn: 'benchTeam' },
];

function format(f: BenchFigure): string {
  const value = f.unit === 'ms' ? f.value.toFixed(2) : String(Math.round(f.value * 100) / 100);
  const ratio = f.ratio !== undefined ? `  ratio ${f.ratio.toFixed(2)}× ${f.baseline ?? 'baseline'}` : '';
  const goal = f.goal ? `  (goal ${f.goal})` : '';
  return `${f.name}: ${value} ${f.unit}${ratio}${goal}`;
}

const only = process.argv.slice(2);
let failed = false;
for (const suite of suites) {
  if (only.length && !only.some((o) => suite.file.includes(o))) continue;
  const path = join(here, suite.file);
  if (!existsSync(path)) continue;
  try {
    const mod = (await import(path)) as Record<string, () => Promise<BenchFigure[]>>;
    const figures = await mod[suite.fn]();
    for (const f of figures) console.log(format(f));
  } catch (error) {
    failed = true;
    console.error(`${suite.file} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
