/** User action: ingest one dropped or picked file (analysis in a Worker, then one store transaction). */
import { InputError, NotFoundError, StorageError, ConflictError, ThreadlineError } from '../../core/errors';
import { checkIngestSize, DEFAULT_MAX_INGEST_BYTES } from '../../core/ingest';
import { ingestPlan, type IngestResult } from '../../store';
import type { AnalysisResult } from '../../workers/analysis.worker';
import { appDb } from '../lib/db';
import { analyseInWorker } from '../lib/workers';


/** Rebuild a typed error from the worker's plain-data error. */
export function errorFromWorker(name: string, error: Extract<AnalysisResult, { ok: false }>['error']): ThreadlineError {
  switch (error.kind) {
    case 'input':
      return new InputError(error.message, error.where);
    case 'not-found':
      return new NotFoundError(error.message);
    case 'conflict':
      return new ConflictError(error.message);
    case 'storage':
      return new StorageError(error.message);
    default:
      return new InputError(`Threadline could not analyse ${name}: ${error.message}`);
  }
}

export type IngestPhase = 'reading' | 'analysing' | 'saving';

export interface IngestOptions {
  signal?: AbortSignal;
  /** The ingest size limit from Settings (default 100 MB). */
  maxIngestBytes?: number;
  onPhase?: (phase: IngestPhase) => void;
}

export async function ingestBytes(name: string, bytes: Uint8Array, author: string, opts: IngestOptions = {}): Promise<IngestResult> {
  if (!/\.(py|ipynb)$/i.test(name)) {
    throw new InputError(`${name} is not a Python script or notebook. Choose a .py or .ipynb file.`);
  }
  opts.onPhase?.('analysing');
  let result: AnalysisResult;
  try {
    result = await analyseInWorker(name, bytes, opts.signal);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw new InputError(`Cancelled: ${name} was not added.`);
    throw e;
  }
  if (!result.ok) throw errorFromWorker(name, result.error);
  opts.onPhase?.('saving');
  return ingestPlan(appDb(), result.plan, { author });
}

export async function ingestFile(file: File, author: string, opts: IngestOptions = {}): Promise<IngestResult> {
  opts.onPhase?.('reading');
  checkIngestSize(file.name, file.size, opts.maxIngestBytes ?? DEFAULT_MAX_INGEST_BYTES);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return ingestBytes(file.name, bytes, author, opts);
}
