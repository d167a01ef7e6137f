/**
 * The rules of following files on disk (issue 17), pure so they are unit-tested: which folder
 * entries are followed, when a file counts as changed, how often to look, the notebook key of
 * a followed path, and the "updated 10 s ago" wording. The browser side (handles, permission,
 * the loop) is in src/ui/lib/follow.ts.
 */

/** Folders a folder follow never enters: tool state, not the user's notebooks. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.ipynb_checkpoints', '.git', 'node_modules', '__pycache__']);

/** True when a folder follow should not look inside this sub-folder (the list above, and hidden folders such as `.venv`). */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || name.startsWith('.');
}

/** True for the files a follow reads: `.ipynb` and `.py`, not hidden. */
export function isFollowableFile(name: string): boolean {
  return !name.startsWith('.') && /\.(ipynb|py)$/i.test(name);
}

/** What a cheap look at a file gives: enough to know it was written, without reading it. */
export interface FileStamp {
  lastModified: number;
  size: number;
}

/** A file needs reading when it is new or its modification time or size moved. */
export function stampChanged(before: FileStamp | undefined, now: FileStamp): boolean {
  return !before || before.lastModified !== now.lastModified || before.size !== now.size;
}

export const POLL_MS = 2_000;
export const HIDDEN_POLL_MAX_MS = 60_000;

/**
 * Milliseconds until the next look. Every 2 s while the tab is visible; while it is hidden,
 * the wait doubles with each quiet look (2, 4, 8 … s) up to a minute, and the first visible
 * moment looks at once (the caller restarts the loop on `visibilitychange`).
 */
export function nextPollDelay(hidden: boolean, quietLooks: number): number {
  if (!hidden) return POLL_MS;
  return Math.min(HIDDEN_POLL_MAX_MS, POLL_MS * 2 ** Math.min(quietLooks, 10));
}

/**
 * The notebook key of a followed file: its path within the followed folder (a single file's
 * path is its name), `/`-separated and lower-cased, so the same notebook picked as a file or
 * dropped by name groups with it at the top level (`notebookKeyOf` in ../ingest.ts for drops).
 */
export function followedNotebookKey(path: string): string {
  return path
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.')
    .join('/')
    .trim()
    .toLowerCase();
}

/** `a/b.ipynb` inside the folder `nb`: the path shown and stored, relative to the followed folder. */
export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** "just now", "10 s ago", "3 min ago", "2 h ago", "5 days ago". */
export function agoText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Why a followed file is not (yet) the latest version of its notebook. */
export type FollowedFileState =
  /** Its latest content is stored (or was unchanged). */
  | 'current'
  /** The editor was mid-save (empty file or JSON that does not parse): retried on the next change. */
  | 'waiting'
  /** Over the ingest size limit: not read. */
  | 'too-big'
  /** Read, but refused with a sentence (not a half-written save). */
  | 'refused';

/**
 * A failed ingest of a followed file is a half-written save when the file is empty or is a
 * notebook whose JSON does not parse (the reader's error points at the JSON): the editor is
 * still writing it, so the next change is tried and the stored version stays.
 */
export function isIncompleteSave(name: string, size: number, error: { kind?: string; where?: string }): boolean {
  if (size === 0) return true;
  return /\.ipynb$/i.test(name) && error.kind === 'input' && typeof error.where === 'string' && error.where.startsWith('JSON');
}

/** The sentence a waiting file shows. */
export const WAITING_MESSAGE = 'The file on disk is half-written (the editor may still be saving). The last good version is kept, and the next save is read again.';
