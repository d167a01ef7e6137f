/**
 * The messages between the app and the run sandbox (an opaque-origin iframe that hosts the
 * Pyodide worker; see src/workers/sandbox-host.ts and docs/RELIABILITY.md "Sandboxed runs"):
 * the worker bridge's wire format, narrowed to the run worker's methods and values.
 *
 * Every message that crosses the iframe boundary (and the worker boundary inside it) is
 * parsed with these schemas; anything else is dropped. Python in the worker can post
 * messages too, so nothing here is trusted beyond its shape: at worst a notebook forges
 * the values of its own run.
 */
import { z } from 'zod';
import type { CellRecord, RecordedValue, RunCell, RunResult, RunTarget, VerifyResult } from '../core/run/types';

/** Longest string accepted in a message (code, a repr, an output, a traceback). */
const MAX_TEXT = 5_000_000;
/** Most items accepted in one list (cells, targets, values). */
const MAX_ITEMS = 1_000_000;

const text = z.string().max(MAX_TEXT);
const shortText = z.string().max(10_000);
const count = z.number().int().nonnegative();
const time = z.number().finite();
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS);

const runCell = z.object({ sourceCodeId: shortText, code: text, label: shortText.optional() });
const runTarget = z.object({ nodeId: shortText, name: shortText, sourceCodeId: shortText, kind: z.enum(['variable', 'save']).optional() });
const runOptions = z.object({
  maxReprChars: count.max(MAX_TEXT).optional(),
  packageTimeoutMs: count.optional(),
});
const verifyOptions = runOptions.extend({ sourceCodeId: shortText.optional() });

const recordedValue = z.object({
  nodeId: shortText,
  value: text,
  typeName: shortText,
  truncated: z.boolean().optional(),
  fullLength: count.optional(),
  startedAt: time,
  endedAt: time,
  digest: shortText.optional(),
});
const cellRecord = z.object({
  sourceCodeId: shortText,
  startedAt: time,
  endedAt: time,
  output: text.optional(),
  outputTruncated: z.boolean().optional(),
});
const runError = z.object({
  kind: z.enum(['python', 'package', 'internal']),
  cellIndex: count,
  sourceCodeId: shortText.optional(),
  line: count.optional(),
  message: text,
  traceback: text,
  exceptionType: shortText.optional(),
  packages: list(shortText).optional(),
});
const runResult = z.object({
  status: z.enum(['ok', 'error', 'cancelled']),
  startedAt: time,
  endedAt: time,
  values: list(recordedValue),
  cells: list(cellRecord),
  error: runError.optional(),
  loadedPackages: list(shortText),
});
const verifyResult = z.object({ verified: z.boolean(), original: text, slice: text, problem: text.optional(), couldNotRun: text.optional() });

const id = count;
const warm = z.object({ coldStartMs: z.number().finite().nonnegative(), crossOriginIsolated: z.boolean(), interruptible: z.boolean() });
const runInput = z.object({ cells: list(runCell), targets: list(runTarget), options: runOptions });
const verifyInput = z.object({ originalCells: list(runCell), sliceCode: text, variableName: shortText, options: verifyOptions });
/** What a run reports while it goes: cells done, one cell's record and values, Python started. */
const runProgress = z.union([
  z.object({ done: count, total: count }).strict(),
  z.object({ cell: cellRecord, values: list(recordedValue) }).strict(),
  z.object({ warm }).strict(),
]);

/**
 * App → sandbox (and sandbox host → worker): the worker bridge's calls (src/workers/bridge.ts)
 * for the three methods of the run worker, and cancels.
 */
export const toSandboxSchema = z.union([
  z.object({ bridge: z.literal('call'), id, method: z.literal('warmUp'), input: z.undefined() }),
  z.object({ bridge: z.literal('call'), id, method: z.literal('run'), input: runInput }),
  z.object({ bridge: z.literal('call'), id, method: z.literal('verify'), input: verifyInput }),
  z.object({ bridge: z.literal('cancel'), id }),
]);

/**
 * Sandbox → app (and worker → sandbox host): the bridge's replies, `ready` (the worker module
 * has loaded; from the host, the sandbox may be connected) and `failed` (the worker died).
 */
export const fromSandboxSchema = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('failed'), message: text }),
  z.object({ bridge: z.literal('progress'), id, progress: runProgress }),
  z.object({ bridge: z.literal('done'), id, value: z.union([runResult, verifyResult, warm]) }),
  z.object({ bridge: z.literal('fail'), id, message: text }),
]);

export type ToSandbox = z.infer<typeof toSandboxSchema>;
export type FromSandbox = z.infer<typeof fromSandboxSchema>;
export type Warm = z.infer<typeof warm>;
export type RunInput = z.infer<typeof runInput>;
export type VerifyInput = z.infer<typeof verifyInput>;
export type RunProgress = z.infer<typeof runProgress>;

/** The app's first message to the sandbox host, carrying the port of the bridge (its only other message). */
export const CONNECT = 'threadline-connect';

// The schemas must describe the core types exactly (checked at compile time, both ways).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _checks: [
  Same<z.infer<typeof runCell>, RunCell>,
  Same<z.infer<typeof runTarget>, RunTarget>,
  Same<z.infer<typeof recordedValue>, RecordedValue>,
  Same<z.infer<typeof cellRecord>, CellRecord>,
  Same<z.infer<typeof runResult>, RunResult>,
  Same<z.infer<typeof verifyResult>, VerifyResult>,
] = [true, true, true, true, true, true];
void _checks;

/** Parses a message from the other side; undefined when it is not one of ours. */
export function parseToSandbox(data: unknown): ToSandbox | undefined {
  const parsed = toSandboxSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

export function parseFromSandbox(data: unknown): FromSandbox | undefined {
  const parsed = fromSandboxSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The worker's first message inside the sandbox (host → worker only, never from the app). */
export interface WorkerInit {
  type: 'init';
  indexURL: string;
  allowPackageDownloads: boolean;
  interruptBuffer?: Int32Array;
}

export function isWorkerInit(data: unknown): data is WorkerInit {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    d.type === 'init' &&
    typeof d.indexURL === 'string' &&
    typeof d.allowPackageDownloads === 'boolean' &&
    (d.interruptBuffer === undefined || d.interruptBuffer instanceof Int32Array)
  );
}

/** The sandbox pages: one without network, one that may fetch wheels from Pyodide's CDN. */
export const SANDBOX_PAGE = 'sandbox.html';
export const SANDBOX_PACKAGES_PAGE = 'sandbox-packages.html';
/** The only other origin the packages sandbox may reach. */
export const PYODIDE_CDN = 'https://cdn.jsdelivr.net';

/** A run's value, checked again on its own (the reply schema accepts any of the three values). */
export function parseRunResult(value: unknown): RunResult | undefined {
  const parsed = runResult.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function parseVerifyResult(value: unknown): VerifyResult | undefined {
  const parsed = verifyResult.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
