/**
 * Bounds on one analysis (issue 13): a node budget per file, progress reports at a
 * bounded rate, and a cooperative cancel checked between statements.
 */
import { InputError } from '../errors';

/** Default node budget per file (`maxNodes`): past it, nothing is stored. */
export const DEFAULT_MAX_NODES = 500_000;

/** Something with an `aborted` flag: an AbortSignal, or any object the caller flips. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/**
 * Progress callback: `done` of `total` units. Notebooks count cells; a script counts
 * characters of its text. Called at most about 100 times per analysis, and once at the end.
 */
export type ProgressCallback = (done: number, total: number) => void;

/** The analysis was cancelled through its signal; nothing was produced. */
export class AnalysisCancelledError extends InputError {
  constructor(fileName: string | undefined) {
    super(`The analysis of ${fileName !== undefined ? `"${fileName}"` : 'the file'} was cancelled, so nothing was stored.`, 'cancelled');
    this.name = 'AnalysisCancelledError';
  }
}

/** The sentence for a file over the node budget. */
export function nodeBudgetError(fileName: string | undefined, maxNodes: number): InputError {
  const what = fileName !== undefined ? `"${fileName}"` : 'This file';
  return new InputError(
    `${what} would need more than ${maxNodes.toLocaleString('en')} lineage nodes, over the node limit per file, so it was not analysed and nothing was stored. You can raise the “Node limit per file” in Settings.`,
    'node limit',
  );
}

/** Reports progress in steps of at least 1% (and always the last step). */
export class ProgressReporter {
  private last = -1;
  private readonly step: number;
  constructor(
    private readonly callback: ProgressCallback | undefined,
    private readonly total: number,
  ) {
    this.step = Math.max(1, Math.floor(total / 100));
  }

  report(done: number): void {
    if (this.callback === undefined) return;
    if (done < this.total && done - this.last < this.step) return;
    if (done === this.last) return;
    this.last = done;
    this.callback(done, this.total);
  }
}
