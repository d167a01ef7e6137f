/**
 * Followed files and folders (table `follows`, Dexie version 3): the browser's file handle,
 * kept so a reload can resume with one permission prompt, and what the app last saw of each
 * file below it (stamp, content digest, the session holding that content, its state). The
 * follow loop (src/ui/lib/follow.ts) reads and writes these; files on disk are never written.
 */
import type { FollowedFileState } from '../core/follow/rules';
import { newId } from '../core/digest';
import { NotFoundError } from '../core/errors';
import type { ThreadlineDB } from './db';
import { toStorageError } from './storage-errors';

/** What the app knows of one file under a follow, by its path within the followed item. */
export interface FollowedFile {
  /** Path within the followed folder (`reports/q1.ipynb`); a followed file's own name. */
  path: string;
  lastModified: number;
  size: number;
  /** SHA-256 of the content last stored as a session (absent until one is). */
  digest?: string;
  /** The session holding that content. */
  sessionId?: string;
  state: FollowedFileState;
  /** The sentence for `waiting`, `too-big` and `refused`. */
  message?: string;
  /** When a new version of this file was last stored (epoch ms). */
  updatedAt?: number;
}

export interface FollowRecord {
  id: string;
  kind: 'file' | 'folder';
  /** The picked file's or folder's name. */
  name: string;
  /** The `FileSystemFileHandle` or `FileSystemDirectoryHandle` (structured-cloned by IndexedDB). */
  handle: unknown;
  createdAt: number;
  files: FollowedFile[];
}

/** Every follow, oldest first (the order they were added). */
export async function listFollows(db: ThreadlineDB): Promise<FollowRecord[]> {
  try {
    return await db.follows.orderBy('createdAt').toArray();
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Stores a new follow (one write) and returns it. */
export async function addFollow(db: ThreadlineDB, input: { kind: FollowRecord['kind']; name: string; handle: unknown }, now: () => number = Date.now): Promise<FollowRecord> {
  const record: FollowRecord = { id: newId(), kind: input.kind, name: input.name, handle: input.handle, createdAt: now(), files: [] };
  try {
    await db.follows.add(record);
  } catch (error) {
    throw toStorageError(error);
  }
  return record;
}

/**
 * Replaces what the follow knows of its files, in one transaction. A follow removed meanwhile
 * ("Stop following" in another tab) stays removed: this throws NotFoundError instead.
 */
export async function saveFollowFiles(db: ThreadlineDB, id: string, files: FollowedFile[]): Promise<void> {
  try {
    await db.transaction('rw', db.follows, async () => {
      const record = await db.follows.get(id);
      if (!record) throw new NotFoundError('This follow was stopped.');
      await db.follows.put({ ...record, files });
    });
  } catch (error) {
    if (error instanceof NotFoundError) throw error;
    throw toStorageError(error);
  }
}

/** "Stop following": forgets the handle and the file states; sessions already stored stay. */
export async function removeFollow(db: ThreadlineDB, id: string): Promise<void> {
  try {
    await db.follows.delete(id);
  } catch (error) {
    throw toStorageError(error);
  }
}
