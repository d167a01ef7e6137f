/**
 * Types of a run: executing a session's code with Pyodide and recording real values.
 * Plain data only, so results cross the Worker boundary unchanged.
 */

/**
 * The part of the Pyodide API that runs use. `PyodideAPI` from the `pyodide` package
 * satisfies it; core never depends on how Pyodide was loaded (Node, Worker, origin).
 */
export interface PyodideLike {
  runPython(code: string, options?: { globals?: unknown; filename?: string }): unknown;
  loadPackagesFromImports(
    code: string,
    options?: { messageCallback?: (message: string) => void; errorCallback?: (message: string) => void },
  ): Promise<unknown>;
  /** Pyodide's package index, when available: tells "unknown package" from "could not download". */
  readonly lockfile?: { packages: Record<string, { imports?: string[]; name?: string }> };
}

/** Enough of `AbortSignal` for core (checked between cells and while loading packages). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface RunCell {
  sourceCodeId: string;
  code: string;
  /** How tracebacks and messages name the cell, e.g. `cell 5`. Default `cell <position+1>`. */
  label?: string;
}

/**
 * A value to record. `variable` (default): after the cell `sourceCodeId` runs, record the
 * variable `name`. `save`: record the value passed to `lineapy.save(value, name)` in that
 * cell, at the save call (for artifacts whose node has no variable name).
 */
export interface RunTarget {
  nodeId: string;
  name: string;
  sourceCodeId: string;
  kind?: 'variable' | 'save';
}

export interface RunOptions {
  targets: RunTarget[];
  /** Called with (0, total) before the first cell and after every cell. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called after each cell that ran (also one that raised), with the values recorded in it,
   * before `onProgress`. Lets a caller keep partial results if it has to kill the runner.
   */
  onCell?: (cell: CellRecord, values: RecordedValue[]) => void;
  /** Checked between cells and while packages load. Inside a cell, see the worker's interrupt buffer. */
  signal?: AbortSignalLike;
  /** Longest repr kept, in characters; longer ones are cut and marked. Default 10,000. */
  maxReprChars?: number;
  /** Longest captured output (stdout + stderr) kept per cell. Default 10,000. */
  maxOutputChars?: number;
  /**
   * Whether the loader may fetch package wheels from the network (Pyodide's CDN). Only
   * changes the wording when a package cannot be loaded. Default: unknown.
   */
  packageDownloads?: 'allowed' | 'disabled';
  /** Give up loading packages after this long. Default 120 s. */
  packageTimeoutMs?: number;
  /** Also return a SHA-256 of each full repr (memory addresses normalised), for comparisons. */
  digests?: boolean;
}

export interface RecordedValue {
  nodeId: string;
  /** `repr()` of the value, cut at `maxReprChars` with {@link TRUNCATION_MARKER} appended. */
  value: string;
  /** Python type, e.g. `int`, `collections.Counter`, `pandas.core.frame.DataFrame`. */
  typeName: string;
  truncated?: boolean;
  /**
   * Length of the full repr, in characters, when known. Big builtin containers (list,
   * tuple, set, dict) are repr'd only up to the limit, so their full length is not known.
   */
  fullLength?: number;
  /** Start and end of the cell that produced it (epoch ms). */
  startedAt: number;
  endedAt: number;
  /** With `digests`: SHA-256 hex of the full repr with ` at 0x…` addresses normalised. */
  digest?: string;
}

export interface CellRecord {
  sourceCodeId: string;
  startedAt: number;
  endedAt: number;
  /** stdout and stderr, interleaved as written; absent when the cell printed nothing. */
  output?: string;
  outputTruncated?: boolean;
}

export type RunErrorKind = 'python' | 'package' | 'internal';

export interface RunError {
  kind: RunErrorKind;
  /** Position of the cell in the `cells` passed to the run. */
  cellIndex: number;
  sourceCodeId?: string;
  /** 1-based line relative to the cell (the top-level statement that was running). */
  line?: number;
  /** One sentence for the user, naming the cell and line. */
  message: string;
  /** Python traceback text (frames of the runner itself removed); '' when not a Python error. */
  traceback: string;
  /** Python exception type, e.g. `ZeroDivisionError`. */
  exceptionType?: string;
  /** For `package` errors: the import names that could not be loaded. */
  packages?: string[];
}

export type RunStatus = 'ok' | 'error' | 'cancelled';

export interface RunResult {
  status: RunStatus;
  startedAt: number;
  endedAt: number;
  /** Values recorded, in cell order; kept when the run later fails or is cancelled. */
  values: RecordedValue[];
  /** Cells that ran (completely or up to an error). */
  cells: CellRecord[];
  error?: RunError;
  /** Packages loaded for this run (import names). */
  loadedPackages: string[];
}

export interface VerifyResult {
  verified: boolean;
  /** repr of the value in the original session (truncated for display), or what went wrong. */
  original: string;
  /** repr of the value after running the slice, or what went wrong. */
  slice: string;
  /** Set when a side could not produce the value (error, cancelled, name unbound). */
  problem?: string;
  /**
   * Set when nothing could be compared for a reason outside the slice: the original session
   * failed, a package could not load, Python did not start, or the run was cancelled. A slice
   * that raises or leaves the name unbound is a wrong slice, not this.
   */
  couldNotRun?: string;
}

export const DEFAULT_MAX_REPR_CHARS = 10_000;

/** Appended to a cut repr or output; followed by the full length. */
export const TRUNCATION_MARKER = '… [truncated:';
