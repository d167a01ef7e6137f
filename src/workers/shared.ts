/**
 * What the worker entry points share: errors as plain data (they cross the worker boundary, so
 * the UI can show the user-facing sentence) and one cached store connection per database name.
 */
import { ThreadlineError, type ThreadlineErrorKind } from '../core/errors';
import { openThreadlineDb, type ThreadlineDB } from '../store';

/** Errors cross the worker boundary as plain data so the UI can show the user-facing sentence. */
export type WorkerError = { kind: ThreadlineErrorKind | 'unknown'; message: string; where?: string; reason?: string };

export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof ThreadlineError) {
    const where = 'where' in error && typeof error.where === 'string' ? error.where : undefined;
    const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : undefined;
    return { kind: error.kind, message: error.message, ...(where ? { where } : {}), ...(reason ? { reason } : {}) };
  }
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

let db: ThreadlineDB | undefined;
let dbName: string | undefined;

/** The worker's connection to `name` (the default database when undefined), opened once. */
export function workerDatabase(name: string | undefined): ThreadlineDB {
  if (!db || dbName !== name) {
    db?.close();
    db = name ? openThreadlineDb(name) : openThreadlineDb();
    dbName = name;
  }
  return db;
}
