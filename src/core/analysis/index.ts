/**
 * The analyser's public API: ProgramInput → AnalysisOutput (docs/DESIGN.md "Analysis").
 * Never throws on any Python text: problems become diagnostics.
 */
import type { AnalysisOutput, ProgramInput } from '../model';
import type { AnalyseOptions } from './context';
import { analyse } from './driver';

export type { AnalyseOptions } from './context';
export { AnalysisCancelledError, DEFAULT_MAX_NODES, type CancelSignal, type ProgressCallback } from './limits';
export { RULE_TABLES } from './rules/index';

export function analyseProgram(input: ProgramInput, opts: AnalyseOptions): AnalysisOutput {
  return analyse(input, opts);
}
