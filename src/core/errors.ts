/**
 * The small set of typed errors Threadline uses. Each carries a message written for
 * the user; the UI shows `message`, never a stack trace.
 */
export type ThreadlineErrorKind = 'input' | 'not-found' | 'ambiguous' | 'conflict' | 'storage';

export abstract class ThreadlineError extends Error {
  abstract readonly kind: ThreadlineErrorKind;
}

/** The user gave something we cannot use: a malformed file, a bad name, a bad bundle. */
export class InputError extends ThreadlineError {
  readonly kind = 'input';
  /** Where the problem is, when known: a JSON path, `cell 3, line 2`, a field name. */
  readonly where?: string;
  constructor(message: string, where?: string) {
    super(message);
    this.name = 'InputError';
    this.where = where;
  }
}

/** A name, version, id or prefix matched nothing. `suggestions` are the closest names. */
export class NotFoundError extends ThreadlineError {
  readonly kind = 'not-found';
  readonly suggestions: string[];
  constructor(message: string, suggestions: string[] = []) {
    super(message);
    this.name = 'NotFoundError';
    this.suggestions = suggestions;
  }
}

/** A short id prefix matched several records; never guess. */
export class AmbiguousIdError extends ThreadlineError {
  readonly kind = 'ambiguous';
  readonly candidates: string[];
  constructor(message: string, candidates: string[]) {
    super(message);
    this.name = 'AmbiguousIdError';
    this.candidates = candidates;
  }
}

/** A write clashed with another writer (another tab) and could not be retried. */
export class ConflictError extends ThreadlineError {
  readonly kind = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** IndexedDB failed: quota exceeded, blocked upgrade, aborted transaction. */
export class StorageError extends ThreadlineError {
  readonly kind = 'storage';
  readonly reason: 'quota' | 'blocked' | 'version' | 'aborted' | 'unknown';
  constructor(message: string, reason: StorageError['reason'] = 'unknown') {
    super(message);
    this.name = 'StorageError';
    this.reason = reason;
  }
}

/** A user-facing sentence for any thrown value. */
export function userMessage(error: unknown): string {
  if (error instanceof ThreadlineError) return error.message;
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}
