/**
 * The follow loop (issue 17): files and folders on disk, picked through the File System Access
 * API (or any `FileSystemHandle`: the e2e hands in origin-private ones), looked at every 2 s
 * (`FileSystemObserver` wakes it sooner where the browser has it; hidden tabs back off). A file
 * whose stamp moved is read and digested; new content is analysed in the analysis worker and
 * stored as a new session of the same notebook, unchanged content stores nothing, and a
 * half-written save is retried on the next change without touching what is stored. Files on
 * disk are only ever read. The rules are in src/core/follow/rules.ts; this is the browser side.
 */
import { sha256Hex } from '../../core/digest';
import { userMessage } from '../../core/errors';
import {
  WAITING_MESSAGE,
  followedNotebookKey,
  isFollowableFile,
  isIncompleteSave,
  isSkippedFolder,
  joinPath,
  nextPollDelay,
  stampChanged,
} from '../../core/follow/rules';
import { addFollow, listFollows, removeFollow, saveFollowFiles, type FollowRecord, type FollowedFile } from '../../store';
import type { ThreadlineDB } from '../../store';
import { ingestBytes } from '../actions/ingestFile';

/** The parts of the File System Access API the loop uses (typed here: not all are in lib.dom yet). */
export interface FollowHandle {
  kind: 'file' | 'directory';
  name: string;
  isSameEntry?(other: FollowHandle): Promise<boolean>;
  queryPermission?(opts: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(opts: { mode: 'read' }): Promise<PermissionState>;
  getFile?(): Promise<File>;
  values?(): AsyncIterable<FollowHandle>;
}

export type FollowPermission = 'granted' | 'prompt' | 'denied';

/** What the UI shows of one follow. */
export interface FollowStatus {
  id: string;
  kind: FollowRecord['kind'];
  name: string;
  permission: FollowPermission;
  files: FollowedFile[];
  /** A problem with the follow itself (the folder is gone, storage failed). */
  problem?: string;
  /** When the loop last looked (epoch ms). */
  lookedAt?: number;
  /** The file being analysed now. */
  analysing?: string;
}

export interface FollowSettings {
  author: string;
  maxIngestBytes: number;
  maxNodes: number;
}

export interface FollowLoopDeps {
  db: () => ThreadlineDB;
  settings: () => FollowSettings;
  /** After a new session was stored (the caller refreshes its reads). */
  onStored: (sessionId: string) => void;
  now?: () => number;
}

interface Live {
  record: FollowRecord;
  status: FollowStatus;
}

async function permissionOf(handle: FollowHandle): Promise<FollowPermission> {
  if (!handle.queryPermission) return 'granted';
  try {
    return await handle.queryPermission({ mode: 'read' });
  } catch {
    return 'prompt';
  }
}

/** Every followable file under a handle, with its path within it (skipped folders not entered). */
async function filesUnder(handle: FollowHandle, folder = ''): Promise<Array<{ path: string; handle: FollowHandle }>> {
  if (handle.kind === 'file') return [{ path: handle.name, handle }];
  const found: Array<{ path: string; handle: FollowHandle }> = [];
  const walk = async (dir: FollowHandle, at: string): Promise<void> => {
    const entries: FollowHandle[] = [];
    for await (const entry of dir.values?.() ?? []) entries.push(entry);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.kind === 'directory') {
        if (!isSkippedFolder(entry.name)) await walk(entry, joinPath(at, entry.name));
      } else if (isFollowableFile(entry.name)) {
        found.push({ path: joinPath(at, entry.name), handle: entry });
      }
    }
  };
  await walk(handle, folder);
  return found;
}

export class FollowLoop {
  private readonly live = new Map<string, Live>();
  private readonly listeners = new Set<() => void>();
  private snap: FollowStatus[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private quietLooks = 0;
  private started = false;
  private observer: { disconnect(): void; observe(h: unknown, o: unknown): Promise<void> } | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: FollowLoopDeps) {
    this.now = deps.now ?? Date.now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): FollowStatus[] => this.snap;

  /** Loads the stored follows, asks the browser which may still be read, and starts looking. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.startObserver();
    document.addEventListener('visibilitychange', this.onVisibility);
    const records = await listFollows(this.deps.db());
    for (const record of records) {
      const permission = await permissionOf(record.handle as FollowHandle);
      this.live.set(record.id, { record, status: { id: record.id, kind: record.kind, name: record.name, permission, files: record.files } });
      if (permission === 'granted') this.observe(record.handle as FollowHandle);
    }
    this.publish();
    this.lookSoon(0);
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
  }

  /**
   * Follows a picked file or folder. Following the same entry twice gives the existing follow.
   * Returns the follow's id.
   */
  async follow(handle: FollowHandle): Promise<string> {
    for (const { record } of this.live.values()) {
      const other = record.handle as FollowHandle;
      if (other.kind === handle.kind && (await handle.isSameEntry?.(other).catch(() => false))) return record.id;
    }
    const record = await addFollow(this.deps.db(), { kind: handle.kind === 'file' ? 'file' : 'folder', name: handle.name, handle });
    this.live.set(record.id, { record, status: { id: record.id, kind: record.kind, name: record.name, permission: 'granted', files: [] } });
    this.observe(handle);
    this.publish();
    await this.lookNow();
    return record.id;
  }

  /** "Resume following" after a reload: the browser asks again (needs the click's user gesture). */
  async resume(id: string): Promise<void> {
    const entry = this.live.get(id);
    if (!entry) return;
    const handle = entry.record.handle as FollowHandle;
    let permission: FollowPermission;
    try {
      permission = handle.requestPermission ? await handle.requestPermission({ mode: 'read' }) : 'granted';
    } catch (error) {
      this.setStatus(id, { problem: userMessage(error) });
      return;
    }
    this.setStatus(id, { permission });
    if (permission === 'granted') {
      this.observe(handle);
      await this.lookNow();
    }
  }

  /** "Stop following": forgets the handle; the sessions already stored stay. */
  async unfollow(id: string): Promise<void> {
    await removeFollow(this.deps.db(), id);
    this.live.delete(id);
    this.publish();
  }

  /** Looks at every followed file now (or right after the look in progress). */
  lookNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.lookNow();
        } else {
          this.lookSoon(nextPollDelay(document.hidden, this.quietLooks));
        }
      });
    return this.running;
  }

  private readonly onVisibility = () => {
    if (!document.hidden) {
      this.quietLooks = 0;
      void this.lookNow();
    }
  };

  private lookSoon(ms: number): void {
    clearTimeout(this.timer);
    if (!this.started && ms > 0) return;
    this.timer = setTimeout(() => void this.lookNow(), ms);
  }

  private startObserver(): void {
    const Observer = (globalThis as { FileSystemObserver?: new (cb: () => void) => FollowLoop['observer'] }).FileSystemObserver;
    if (!Observer) return;
    try {
      this.observer = new Observer(() => void this.lookNow());
    } catch {
      this.observer = undefined;
    }
  }

  private observe(handle: FollowHandle): void {
    this.observer?.observe(handle, { recursive: handle.kind === 'directory' }).catch(() => undefined);
  }

  private async pass(): Promise<void> {
    let changed = false;
    for (const entry of [...this.live.values()]) {
      if (entry.status.permission !== 'granted') continue;
      if (await this.lookAt(entry)) changed = true;
    }
    this.quietLooks = changed ? 0 : this.quietLooks + 1;
  }

  /** One follow: returns true when anything about its files changed. */
  private async lookAt(entry: Live): Promise<boolean> {
    const id = entry.record.id;
    let found: Array<{ path: string; handle: FollowHandle }>;
    try {
      found = await filesUnder(entry.record.handle as FollowHandle);
    } catch (error) {
      const permission = await permissionOf(entry.record.handle as FollowHandle);
      this.setStatus(id, permission === 'granted' ? { problem: `${entry.record.name} can no longer be read (${userMessage(error)}). Was it moved or deleted?` } : { permission });
      return false;
    }
    const before = new Map(entry.record.files.map((f) => [f.path, f]));
    const next: FollowedFile[] = [];
    let changed = found.length !== before.size;
    for (const { path, handle } of found) {
      const prev = before.get(path);
      let file: File;
      try {
        file = await handle.getFile!();
      } catch {
        continue; // deleted between the listing and the read
      }
      const stamp = { lastModified: file.lastModified, size: file.size };
      if (prev && !stampChanged(prev, stamp)) {
        next.push(prev);
        continue;
      }
      changed = true;
      next.push(await this.readChanged(id, path, file, prev));
    }
    if (!changed) {
      this.setStatus(id, { lookedAt: this.now() });
      return false;
    }
    try {
      await saveFollowFiles(this.deps.db(), id, next);
    } catch {
      // Stopped meanwhile (maybe in another tab): forget it here too.
      this.live.delete(id);
      this.publish();
      return true;
    }
    entry.record = { ...entry.record, files: next };
    this.setStatus(id, { files: next, lookedAt: this.now(), problem: undefined });
    return true;
  }

  /** A file whose stamp moved: read, digest, and store it as a new version if its content is new. */
  private async readChanged(id: string, path: string, file: File, prev: FollowedFile | undefined): Promise<FollowedFile> {
    const stamp = { path, lastModified: file.lastModified, size: file.size };
    const kept = { ...(prev?.digest ? { digest: prev.digest } : {}), ...(prev?.sessionId ? { sessionId: prev.sessionId } : {}), ...(prev?.updatedAt ? { updatedAt: prev.updatedAt } : {}) };
    const settings = this.deps.settings();
    if (file.size > settings.maxIngestBytes) {
      const mb = Math.round(settings.maxIngestBytes / 1024 / 1024);
      return { ...stamp, ...kept, state: 'too-big', message: `${path} is over the ingest size limit (${mb} MB), so it is not read. You can raise the limit in Settings.` };
    }
    if (file.size === 0) return { ...stamp, ...kept, state: 'waiting', message: WAITING_MESSAGE };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const digest = await sha256Hex(bytes);
    if (prev?.digest === digest) return { ...stamp, ...kept, state: 'current' };
    this.setStatus(id, { analysing: path });
    try {
      const result = await ingestBytes(path, bytes, settings.author, { maxNodes: settings.maxNodes, notebookKey: followedNotebookKey(path) });
      this.deps.onStored(result.session.id);
      return { ...stamp, digest, sessionId: result.session.id, state: 'current', updatedAt: this.now() };
    } catch (error) {
      const e = error as { kind?: string; where?: string };
      if (isIncompleteSave(path, file.size, e)) return { ...stamp, ...kept, state: 'waiting', message: WAITING_MESSAGE };
      return { ...stamp, ...kept, state: 'refused', message: userMessage(error) };
    } finally {
      this.setStatus(id, { analysing: undefined });
    }
  }

  private setStatus(id: string, change: Partial<FollowStatus>): void {
    const entry = this.live.get(id);
    if (!entry) return;
    const status = { ...entry.status, ...change };
    for (const key of Object.keys(change) as Array<keyof FollowStatus>) if (change[key] === undefined) delete status[key];
    entry.status = status;
    this.publish();
  }

  private publish(): void {
    this.snap = [...this.live.values()].map((l) => l.status);
    for (const listener of this.listeners) listener();
  }
}
