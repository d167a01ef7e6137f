/**
 * User action: ingest one dropped or picked file (analysis in a Worker, then one store transaction).
 * A file identical to its notebook's latest version stores nothing: the result has `unchanged`.
 */
import { InputError, NotFoundError, StorageError, ConflictError, ThreadlineError } from '../../core/errors';
import { checkIngestSize, DEFAULT_MAX_INGEST_BYTES } from '../../core/ingest';
import type { IngestResult } from '../../store';
import type { IngestProgress, WorkerError } from '../../workers/analysis.worker';
import { appDb } from '../lib/db';
import { ingestInWorker } from '../lib/workers';


/** Rebuild a typed error from the worker's plain-data error. */
export function errorFromWorker(name: string, error: WorkerError): ThreadlineError {
  switch (error.kind) {
    case 'input':
      return new InputError(error.message, error.where);
    case 'not-found':
      return new NotFoundError(error.message);
    case 'conflict':
      return new ConflictError(error.message);
    case 'storage':
      return new StorageError(error.message, isStorageReason(error.reason) ? error.reason : 'unknown');
    default:
      return new InputError(`Threadline could not analyse ${name}: ${error.message}`);
  }
}

/** Where an ingest is: reading the file (UI thread), analysing (N of M when known), saving. */
export type IngestProgressEvent = { phase: 'reading' } | IngestProgress;

export interface IngestOptions {
  signal?: AbortSignal;
  /** The ingest size limit from Settings (default 100 MB). */
  maxIngestBytes?: number;
  /** The node budget from Settings ("node limit per file"). */
  maxNodes?: number;
  /** The notebook this file is a version of (a followed file's path); default: from its name. */
  notebookKey?: string;
  onProgress?: (progress: IngestProgressEvent) => void;
}

export async function ingestBytes(name: string, bytes: Uint8Array, author: string, opts: IngestOptions = {}): Promise<IngestResult> {
  if (!/\.(py|ipynb)$/i.test(name)) {
    throw new InputError(`${name} is not a Python script or notebook. Choose a .py or .ipynb file.`);
  }
  let outcome;
  try {
    // Analysis and the one-transaction write both run in the worker, keeping the UI thread free.
    outcome = await ingestInWorker(name, bytes, {
      author,
      dbName: appDb().name,
      ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
      ...(opts.notebookKey !== undefined ? { notebookKey: opts.notebookKey } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw new InputError(`Cancelled: ${name} was not added.`);
    throw e;
  }
  if (!outcome.ok) throw errorFromWorker(name, outcome.error);
  return outcome.result;
}

/**
 * The sentence to show when an ingest stored nothing because the file is identical to the
 * latest version of its notebook (the store's dedupe by digest); undefined otherwise.
 */
export function unchangedNotice(name: string, result: IngestResult): string | undefined {
  return result.unchanged ? `${name} is the same as the latest version of this notebook, so nothing new was stored.` : undefined;
}

const STORAGE_REASONS = ['quota', 'blocked', 'version', 'aborted', 'unknown'] as const;
function isStorageReason(reason: string | undefined): reason is StorageError['reason'] {
  return STORAGE_REASONS.some((r) => r === reason);
}

export async function ingestFile(file: File, author: string, opts: IngestOptions = {}): Promise<IngestResult> {
  opts.onProgress?.({ phase: 'reading' });
  checkIngestSize(file.name, file.size, opts.maxIngestBytes ?? DEFAULT_MAX_INGEST_BYTES);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (opts.signal?.aborted) throw new InputError(`Cancelled: ${file.name} was not added.`);
  return ingestBytes(file.name, bytes, author, opts);
}
