/**
 * Run a session's code with Pyodide, cell by cell, in a fresh namespace, and record the
 * repr of chosen variables after the cell where each one is final.
 *
 * Pure TS: works in Node (tests, bench) and in a Worker. Pyodide comes in already loaded
 * (see `PyodideLike`). Cancellation: `signal` is checked between cells and while packages
 * load; a `KeyboardInterrupt` raised inside a cell (the worker's interrupt buffer) also
 * ends the run as `cancelled`.
 */
import { blankIPython } from '../python/ipython';
import { INSTALL_RUNNER } from './python-support';
import {
  DEFAULT_MAX_REPR_CHARS,
  TRUNCATION_MARKER,
  type AbortSignalLike,
  type CellRecord,
  type PyodideLike,
  type RecordedValue,
  type RunCell,
  type RunError,
  type RunOptions,
  type RunResult,
  type RunStatus,
  type RunTarget,
  type VerifyResult,
} from './types';

type PyFn = (...args: unknown[]) => unknown;

interface Runner {
  begin: PyFn;
  end: PyFn;
  runCell: PyFn;
  scanImports: PyFn;
  importable: PyFn;
}

const runners = new WeakMap<PyodideLike, Runner>();
let runCounter = 0;

function getRunner(py: PyodideLike): Runner {
  const cached = runners.get(py);
  if (cached) return cached;
  const mod = py.runPython(INSTALL_RUNNER) as Record<string, unknown> | undefined;
  const fn = (name: string): PyFn => {
    const f = mod?.[name];
    if (typeof f !== 'function') throw new Error(`the run helper has no function ${name}`);
    return f as PyFn;
  };
  const runner: Runner = {
    begin: fn('begin'),
    end: fn('end'),
    runCell: fn('run_cell'),
    scanImports: fn('scan_imports'),
    importable: fn('importable'),
  };
  runners.set(py, runner);
  return runner;
}

/** A repr or output cut at `limit`, with the visible marker and the full length. */
export function truncationMarker(fullLength: number | undefined, limit: number): string {
  return fullLength !== undefined
    ? `\n${TRUNCATION_MARKER} ${fullLength.toLocaleString('en-US')} characters in full]`
    : `\n${TRUNCATION_MARKER} more than ${limit.toLocaleString('en-US')} characters in full]`;
}

export interface PythonValueRecord {
  name: string;
  repr: string;
  /** Full length; null when the repr was cut while being built (it is longer than the limit). */
  len: number | null;
  type: string;
  digest?: string;
}

export interface PythonCellResult {
  started: number;
  ended: number;
  values: PythonValueRecord[];
  saves: PythonValueRecord[];
  error: { type: string; message: string; line: number | null; traceback: string } | null;
  output?: string;
  output_len?: number;
}

/**
 * `run_cell`'s answer: JSON, then a NUL, then the ASCII reprs back to back (JSON never holds
 * a raw NUL). A record whose `repr` is a number takes that many characters from there, in
 * the order saves then values; only ASCII travels this way, so characters = UTF-16 units.
 */
export function parseCellResult(text: string): PythonCellResult {
  const cut = text.indexOf('\u0000');
  if (cut < 0) return JSON.parse(text) as PythonCellResult;
  const parsed = JSON.parse(text.slice(0, cut)) as Omit<PythonCellResult, 'values' | 'saves'> & {
    values: Array<Omit<PythonValueRecord, 'repr'> & { repr: string | number }>;
    saves: Array<Omit<PythonValueRecord, 'repr'> & { repr: string | number }>;
  };
  let at = cut + 1;
  for (const rec of [...parsed.saves, ...parsed.values]) {
    if (typeof rec.repr !== 'number') continue;
    const end = at + rec.repr;
    if (end > text.length) throw new Error('the run helper sent fewer repr characters than it announced');
    rec.repr = text.slice(at, end);
    at = end;
  }
  if (at !== text.length) throw new Error('the run helper sent more repr characters than it announced');
  return parsed as PythonCellResult;
}

interface PreparedCell {
  sourceCodeId: string;
  label: string;
  text: string;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function where(cell: PreparedCell, line: number | undefined): string {
  return line !== undefined ? `${capitalise(cell.label)}, line ${line}` : capitalise(cell.label);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isInterrupt(error: unknown): boolean {
  return /KeyboardInterrupt/.test(errorText(error));
}

const YIELD_EVERY_MS = 16;

/**
 * One trip through the event loop, so queued tasks (a cancel message, timers) run. A
 * MessageChannel message does it without a timer's clamping: chained `setTimeout(0)`s
 * wait about 1 ms each in Node and 4 ms each in a browser once nested five deep.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Lets other tasks (an abort, a progress message) in, at most every ~16 ms. */
function createYielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < YIELD_EVERY_MS) return;
    await nextTask();
    last = performance.now();
  };
}

type Settled<T> = { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted' };

/** Waits for `promise`, but never longer than `timeoutMs`, and not past an abort. */
async function settle<T>(promise: Promise<T>, timeoutMs: number, signal?: AbortSignalLike): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  const guards = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    if (signal) poll = setInterval(() => signal.aborted && resolve({ kind: 'aborted' }), 50);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ kind: 'done', value }),
        (error: unknown): Settled<T> => ({ kind: 'failed', error }),
      ),
      guards,
    ]);
  } finally {
    clearTimeout(timer);
    if (poll !== undefined) clearInterval(poll);
  }
}

function listNames(names: string[]): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function inPackageIndex(py: PyodideLike, importName: string): boolean | undefined {
  let packages: Record<string, { imports?: string[] }> | undefined;
  try {
    packages = py.lockfile?.packages;
  } catch {
    return undefined;
  }
  if (!packages) return undefined;
  const lower = importName.toLowerCase();
  for (const [key, pkg] of Object.entries(packages)) {
    if (pkg.imports?.includes(importName) || key.toLowerCase() === lower) return true;
  }
  return false;
}

type PackageOutcome = { loaded: string[] } | { loaded: string[]; error: RunError } | { loaded: string[]; cancelled: true };

async function ensurePackages(py: PyodideLike, runner: Runner, cells: PreparedCell[], opts: RunOptions): Promise<PackageOutcome> {
  const missing = JSON.parse(String(runner.scanImports(JSON.stringify(cells.map((c) => c.text))))) as Array<[number, number, string]>;
  if (missing.length === 0) return { loaded: [] };
  const names = [...new Set(missing.map((m) => m[2]))];
  const problems: string[] = [];
  const settled = await settle(
    py.loadPackagesFromImports(names.map((n) => `import ${n}`).join('\n'), {
      messageCallback: () => {},
      errorCallback: (message) => problems.push(message),
    }),
    opts.packageTimeoutMs ?? 120_000,
    opts.signal,
  );
  if (settled.kind === 'aborted' || opts.signal?.aborted) return { loaded: [], cancelled: true };
  if (settled.kind === 'failed') problems.push(errorText(settled.error));
  const status = JSON.parse(String(runner.importable(JSON.stringify(names)))) as Record<string, boolean>;
  const loaded = names.filter((n) => status[n]);
  const failed = names.filter((n) => !status[n]);
  if (failed.length === 0) return { loaded };

  const first = missing.find((m) => failed.includes(m[2]))!;
  const cell = cells[first[0]];
  const unknown = failed.filter((n) => inPackageIndex(py, n) === false);
  const known = failed.filter((n) => !unknown.includes(n));
  const sentences: string[] = [];
  if (unknown.length > 0) {
    sentences.push(
      `${listNames(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not available: not in Python's standard library as Pyodide ships it, and not in Pyodide's package index.`,
    );
  }
  if (known.length > 0 && opts.packageDownloads === 'disabled' && settled.kind !== 'timeout') {
    sentences.push(
      `${listNames(known)} ${known.length === 1 ? 'is' : 'are'} in Pyodide's package index, but package downloads are turned off, so ${known.length === 1 ? 'it' : 'they'} cannot be loaded. Allow package downloads (Settings) to fetch ${known.length === 1 ? 'it' : 'them'} from Pyodide's CDN.`,
    );
  } else if (known.length > 0) {
    const why =
      settled.kind === 'timeout'
        ? `loading timed out after ${Math.round((opts.packageTimeoutMs ?? 120_000) / 1000)} s`
        : `the download failed${problems.length ? ` (${lastProblem(problems)})` : ''}`;
    sentences.push(
      `${listNames(known)} could not be loaded: Pyodide fetches ${known.length === 1 ? 'this package' : 'these packages'} over the network, and ${why}. Packages outside the standard library need network access (and package downloads allowed).`,
    );
  }
  return {
    loaded,
    error: {
      kind: 'package',
      cellIndex: first[0],
      sourceCodeId: cell.sourceCodeId,
      line: first[1],
      message: `${where(cell, first[1])} imports ${listNames(failed)}. ${sentences.join(' ')}`,
      traceback: '',
      packages: failed,
    },
  };
}

function lastProblem(problems: string[]): string {
  const meaningful = problems.map((p) => p.trim()).filter((p) => p && !p.endsWith(':'));
  return (meaningful[meaningful.length - 1] ?? problems[problems.length - 1]).slice(0, 200);
}

function toRecorded(rec: PythonValueRecord, nodeId: string, limit: number, startedAt: number, endedAt: number): RecordedValue {
  const fullLength = rec.len ?? undefined;
  const truncated = fullLength === undefined || fullLength > limit;
  return {
    nodeId,
    value: truncated ? rec.repr + truncationMarker(fullLength, limit) : rec.repr,
    typeName: rec.type,
    ...(truncated ? { truncated: true } : {}),
    ...(fullLength !== undefined ? { fullLength } : {}),
    startedAt,
    endedAt,
    ...(rec.digest !== undefined ? { digest: rec.digest } : {}),
  };
}

/**
 * Runs `cells` in order in a fresh namespace and records `opts.targets`. Never throws for
 * problems in the notebook: a Python exception, a missing package or a broken interpreter
 * ends the run with status `error`; values recorded before that are kept.
 */
export async function runSession(py: PyodideLike, cells: RunCell[], opts: RunOptions): Promise<RunResult> {
  const startedAt = Date.now();
  const limit = Math.max(1, Math.floor(opts.maxReprChars ?? DEFAULT_MAX_REPR_CHARS));
  const outLimit = Math.max(1, Math.floor(opts.maxOutputChars ?? DEFAULT_MAX_REPR_CHARS));
  const values: RecordedValue[] = [];
  const cellRecords: CellRecord[] = [];
  let loadedPackages: string[] = [];
  const finish = (status: RunStatus, error?: RunError): RunResult => ({
    status,
    startedAt,
    endedAt: Date.now(),
    values,
    cells: cellRecords,
    ...(error ? { error } : {}),
    loadedPackages,
  });
  const internal = (cellIndex: number, error: unknown): RunError => ({
    kind: 'internal',
    cellIndex,
    ...(cells[cellIndex] ? { sourceCodeId: cells[cellIndex].sourceCodeId } : {}),
    message: `The Python interpreter failed: ${errorText(error).trim().split('\n').pop() ?? ''}`,
    traceback: errorText(error),
  });

  const total = cells.length;
  const prepared: PreparedCell[] = cells.map((c, i) => ({
    sourceCodeId: c.sourceCodeId,
    label: c.label ?? `cell ${i + 1}`,
    text: blankIPython(c.code).text,
  }));
  opts.onProgress?.(0, total);
  if (opts.signal?.aborted) return finish('cancelled');

  let runner: Runner;
  try {
    runner = getRunner(py);
  } catch (error) {
    return finish('error', internal(0, error));
  }

  try {
    const pkg = await ensurePackages(py, runner, prepared, opts);
    loadedPackages = pkg.loaded;
    if ('cancelled' in pkg) return finish('cancelled');
    if ('error' in pkg) return finish('error', pkg.error);
  } catch (error) {
    if (isInterrupt(error)) return finish('cancelled');
    return finish('error', internal(0, error));
  }

  const byCell = new Map<string, { vars: Map<string, string[]>; saves: Map<string, string[]> }>();
  for (const t of opts.targets) {
    let entry = byCell.get(t.sourceCodeId);
    if (!entry) byCell.set(t.sourceCodeId, (entry = { vars: new Map(), saves: new Map() }));
    const map = (t.kind ?? 'variable') === 'save' ? entry.saves : entry.vars;
    const ids = map.get(t.name);
    if (ids) ids.push(t.nodeId);
    else map.set(t.name, [t.nodeId]);
  }

  const runId = `run-${++runCounter}`;
  const yieldNow = createYielder();
  try {
    runner.begin(runId);
  } catch (error) {
    return finish('error', internal(0, error));
  }
  try {
    for (let i = 0; i < prepared.length; i++) {
      if (opts.signal?.aborted) return finish('cancelled');
      await yieldNow();
      if (opts.signal?.aborted) return finish('cancelled');
      const cell = prepared[i];
      const wanted = byCell.get(cell.sourceCodeId);
      let parsed: PythonCellResult;
      try {
        const json = runner.runCell(
          runId,
          cell.text,
          `<${cell.label}>`,
          JSON.stringify(wanted ? [...wanted.vars.keys()] : []),
          JSON.stringify(wanted ? [...wanted.saves.keys()] : []),
          limit,
          opts.digests === true,
          outLimit,
        );
        parsed = parseCellResult(String(json));
      } catch (error) {
        if (isInterrupt(error)) return finish('cancelled');
        return finish('error', internal(i, error));
      }
      const record: CellRecord = { sourceCodeId: cell.sourceCodeId, startedAt: parsed.started, endedAt: parsed.ended };
      if (parsed.output !== undefined) {
        const full = parsed.output_len ?? parsed.output.length;
        record.output = full > outLimit ? parsed.output + truncationMarker(full, outLimit) : parsed.output;
        if (full > outLimit) record.outputTruncated = true;
      }
      cellRecords.push(record);
      const valuesBefore = values.length;
      if (wanted) {
        for (const rec of parsed.saves) {
          for (const nodeId of wanted.saves.get(rec.name) ?? []) values.push(toRecorded(rec, nodeId, limit, parsed.started, parsed.ended));
        }
        for (const rec of parsed.values) {
          for (const nodeId of wanted.vars.get(rec.name) ?? []) values.push(toRecorded(rec, nodeId, limit, parsed.started, parsed.ended));
        }
      }
      opts.onCell?.(record, values.slice(valuesBefore));
      if (parsed.error) {
        const e = parsed.error;
        if (e.type === 'KeyboardInterrupt') return finish('cancelled');
        const line = e.line ?? undefined;
        return finish('error', {
          kind: 'python',
          cellIndex: i,
          sourceCodeId: cell.sourceCodeId,
          ...(line !== undefined ? { line } : {}),
          message: `${where(cell, line)}: ${e.type}${e.message ? `: ${e.message}` : ''}`,
          traceback: e.traceback,
          exceptionType: e.type,
        });
      }
      opts.onProgress?.(i + 1, total);
    }
  } finally {
    try {
      runner.end(runId);
    } catch {
      // An interrupt landing here leaves only a namespace to the garbage collector.
    }
  }
  return finish('ok');
}

export interface VerifyOptions {
  /** The cell where the artifact's value is final (it was named there); default: the last cell. */
  sourceCodeId?: string;
  signal?: AbortSignalLike;
  maxReprChars?: number;
  packageTimeoutMs?: number;
  packageDownloads?: RunOptions['packageDownloads'];
}

/**
 * Runs the original cells (up to the artifact's cell) and the slice in two fresh
 * namespaces and compares `repr(variableName)` (full text, memory addresses normalised).
 */
export async function verifySlice(
  /** One interpreter for both runs, or (as the app does) a fresh one for each side. */
  py: PyodideLike | { original: PyodideLike; slice: PyodideLike },
  originalCells: RunCell[],
  sliceCode: string,
  variableName: string,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const common: Omit<RunOptions, 'targets'> = {
    digests: true,
    maxReprChars: opts.maxReprChars,
    signal: opts.signal,
    packageTimeoutMs: opts.packageTimeoutMs,
    packageDownloads: opts.packageDownloads,
  };
  const at = opts.sourceCodeId ?? originalCells[originalCells.length - 1]?.sourceCodeId;
  const upTo = originalCells.findIndex((c) => c.sourceCodeId === at);
  const pyOriginal = 'original' in py ? py.original : py;
  const pySlice = 'slice' in py ? py.slice : py;
  const original = await runSession(pyOriginal, upTo >= 0 ? originalCells.slice(0, upTo + 1) : originalCells, {
    ...common,
    targets: [{ nodeId: 'original', name: variableName, sourceCodeId: at ?? '' }],
  });
  const sliceRun = await runSession(pySlice, [{ sourceCodeId: 'slice', code: sliceCode, label: 'slice' }], {
    ...common,
    targets: [{ nodeId: 'slice', name: variableName, sourceCodeId: 'slice' }],
  });
  const describe = (run: RunResult, side: string): { text: string; digest?: string; problem?: string } => {
    const v = run.values[0];
    if (run.status === 'cancelled') return { text: '(cancelled)', problem: `The ${side} run was cancelled.` };
    if (run.status === 'error') return { text: `(error) ${run.error?.message ?? ''}`, problem: `The ${side} failed: ${run.error?.message ?? 'unknown error'}` };
    if (!v) return { text: `(${variableName} is not defined)`, problem: `The ${side} does not define ${variableName}.` };
    return { text: v.value, ...(v.digest !== undefined ? { digest: v.digest } : {}) };
  };
  const a = describe(original, 'original session');
  const b = describe(sliceRun, 'slice');
  const problem = a.problem ?? b.problem;
  const verified = problem === undefined && a.digest !== undefined && a.digest === b.digest;
  // The original must give the value, and the slice must get as far as its own code.
  const outside = (run: RunResult) => run.status === 'cancelled' || (run.status === 'error' && run.error?.kind !== 'python');
  const couldNotRun = a.problem !== undefined || outside(sliceRun) ? problem : undefined;
  return { verified, original: a.text, slice: b.text, ...(problem ? { problem } : {}), ...(couldNotRun ? { couldNotRun } : {}) };
}

export type { RunTarget };
