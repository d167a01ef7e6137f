/**
 * The analyser's public API: ProgramInput → AnalysisOutput (DESIGN.md §3).
 * Never throws on any Python text: problems become diagnostics.
 */
import type { AnalysisOutput, ProgramInput } from '../model';
import { Transformer, type AnalyseOptions } from './transformer';

export type { AnalyseOptions } from './transformer';
export { RULE_TABLES } from './rules/index';

export function analyseProgram(input: ProgramInput, opts: AnalyseOptions): AnalysisOutput {
  return new Transformer(opts).run(input);
}
