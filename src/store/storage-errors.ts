/** Mapping of Dexie / IndexedDB failures to Threadline's typed, user-facing errors. */
import { ConflictError, StorageError, ThreadlineError } from '../core/errors';

export const QUOTA_MESSAGE =
  "The browser's storage for Threadline is full, so nothing was saved. " +
  'To make room, export a bundle or delete old sessions, then try again.';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  failures?: unknown;
  failuresByPos?: unknown;
}

/** Every error name found in an error and the errors it wraps (Dexie inner / bulk failures). */
export function errorNames(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 5) return [];
  const e = error as ErrorLike;
  const names: string[] = typeof e.name === 'string' ? [e.name] : [];
  names.push(...errorNames(e.inner, depth + 1));
  const failures = Array.isArray(e.failures)
    ? e.failures
    : e.failuresByPos && typeof e.failuresByPos === 'object'
      ? Object.values(e.failuresByPos as Record<string, unknown>)
      : [];
  for (const f of failures.slice(0, 20)) names.push(...errorNames(f, depth + 1));
  return names;
}

export function isConstraintError(error: unknown): boolean {
  return errorNames(error).includes('ConstraintError');
}

export function isQuotaError(error: unknown): boolean {
  return errorNames(error).includes('QuotaExceededError');
}

/**
 * The ThreadlineError inside `error`, if any. Dexie wraps an error thrown inside a
 * transaction callback in its own error object, keeping the original as `inner`.
 */
export function ownError(error: unknown, depth = 0): ThreadlineError | undefined {
  if (error instanceof ThreadlineError) return error;
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  return ownError((error as ErrorLike).inner, depth + 1);
}

/** Turns anything IndexedDB threw into a ThreadlineError with a sentence for the user. */
export function toStorageError(error: unknown, action = 'save your data'): ThreadlineError {
  const own = ownError(error);
  if (own) return own;
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return new StorageError(QUOTA_MESSAGE, 'quota');
  if (names.includes('ConstraintError')) {
    return new ConflictError(
      `Threadline could not ${action}: a record with the same id or name and version already exists. Nothing was changed.`,
    );
  }
  if (names.includes('VersionError') || names.includes('UpgradeError')) {
    return new StorageError(
      'This tab runs an older version of Threadline than the stored data. Reload the page to continue.',
      'version',
    );
  }
  if (names.includes('BlockedError') || names.includes('DatabaseClosedError')) {
    return new StorageError(
      'Another Threadline tab is blocking the database (it may be upgrading). Close or reload the other tabs, then try again.',
      'blocked',
    );
  }
  if (names.includes('AbortError') || names.includes('TransactionInactiveError')) {
    return new StorageError(`The browser stopped the write, so Threadline could not ${action}. Nothing was changed; try again.`, 'aborted');
  }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return new StorageError(`Threadline could not ${action} in the browser's storage${detail}. Nothing was changed.`, 'unknown');
}
