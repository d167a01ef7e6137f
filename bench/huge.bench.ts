/**
 * Huge inputs (issue 13) vs the raw @lezer/python parse of the same text, in the same run:
 * a 5 MB one-line list literal, a chained assignment of 100,000 names, and a 25 MB script
 * of short lines (refused by the node budget: the figure is the time to say so).
 */
import { parser } from '@lezer/python';
import { analyseProgram } from '../src/core/analysis/index';
import { InputError } from '../src/core/errors';
import type { BenchFigure } from './figure';
import { chainedAssignment, oneLineList, shortLines } from './huge-inputs';

function once(label: string, code: string, parse: boolean): BenchFigure[] {
  const figures: BenchFigure[] = [];
  let parseMs: number | undefined;
  if (parse) {
    const t = performance.now();
    parser.parse(code);
    parseMs = performance.now() - t;
    figures.push({ name: `huge: ${label} (raw lezer parse)`, value: round(parseMs), unit: 'ms' });
  }
  const t = performance.now();
  let outcome: string;
  try {
    const out = analyseProgram({ kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] }, { sessionId: 'bench' });
    outcome = `${out.nodes.length.toLocaleString('en')} nodes`;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    outcome = 'refused: node limit';
  }
  const ms = performance.now() - t;
  figures.push({
    name: `huge: ${label} → ${outcome}`,
    value: round(ms),
    unit: 'ms',
    ...(parseMs !== undefined ? { ratio: round(ms / parseMs), baseline: 'raw @lezer/python parse of the same text' } : {}),
  });
  return figures;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export async function benchHuge(): Promise<BenchFigure[]> {
  return [
    ...once('5 MB one-line list literal', oneLineList(5_000_000), true),
    ...once('chained assignment of 100,000 names', chainedAssignment(100_000), true),
    // The raw parse of all 25 MB alone takes minutes and gigabytes: the figure is the refusal.
    ...once('25 MB script of short lines', shortLines(25_000_000), false),
    { name: 'huge: peak RSS after the huge inputs', value: Math.round(process.memoryUsage().rss / 1e6), unit: 'MB' },
  ];
}
