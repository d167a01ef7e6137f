/** The local profile and preferences (table `settings`, Dexie version 2). */
import { InputError } from '../core/errors';
import type { ThreadlineDB } from './db';
import { toStorageError } from './storage-errors';

export interface Settings {
  /** Recorded as the author of new artifacts. */
  author: string;
  theme: 'system' | 'light' | 'dark';
  /** Runs may fetch package wheels (numpy, pandas …) from Pyodide's CDN. Off by default: nothing leaves this origin. */
  allowPackageDownloads: boolean;
  /** Ingest size limit in MB (files above it are refused before they are read). */
  maxIngestMB: number;
}

export const DEFAULT_MAX_INGEST_MB = 100;
export const MAX_INGEST_MB_CEILING = 4096;

export const DEFAULT_SETTINGS: Settings = { author: 'me', theme: 'system', allowPackageDownloads: false, maxIngestMB: DEFAULT_MAX_INGEST_MB };

const validLimit = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_INGEST_MB_CEILING;

export async function getSettings(db: ThreadlineDB): Promise<Settings> {
  try {
    const rows = await db.settings.toArray();
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return {
      author: typeof stored.author === 'string' && stored.author.trim() ? stored.author : DEFAULT_SETTINGS.author,
      theme: stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : DEFAULT_SETTINGS.theme,
      allowPackageDownloads: stored.allowPackageDownloads === true,
      maxIngestMB: validLimit(stored.maxIngestMB) ? stored.maxIngestMB : DEFAULT_SETTINGS.maxIngestMB,
    };
  } catch (e) {
    throw toStorageError(e, 'read the settings');
  }
}

export async function updateSettings(db: ThreadlineDB, patch: Partial<Settings>): Promise<Settings> {
  const rows: Array<{ key: string; value: unknown }> = [];
  if (patch.author !== undefined) {
    const author = String(patch.author).trim();
    if (!author || author.length > 200) throw new InputError('The author name must be 1–200 characters.', 'author');
    rows.push({ key: 'author', value: author });
  }
  if (patch.theme !== undefined) {
    if (!['system', 'light', 'dark'].includes(patch.theme)) throw new InputError('Unknown theme.', 'theme');
    rows.push({ key: 'theme', value: patch.theme });
  }
  if (patch.allowPackageDownloads !== undefined) {
    if (typeof patch.allowPackageDownloads !== 'boolean') throw new InputError('“Allow package downloads” must be on or off.', 'allowPackageDownloads');
    rows.push({ key: 'allowPackageDownloads', value: patch.allowPackageDownloads });
  }
  if (patch.maxIngestMB !== undefined) {
    if (!validLimit(patch.maxIngestMB)) {
      throw new InputError(`The ingest size limit must be a whole number of MB from 1 to ${MAX_INGEST_MB_CEILING}.`, 'maxIngestMB');
    }
    rows.push({ key: 'maxIngestMB', value: patch.maxIngestMB });
  }
  try {
    if (rows.length > 0) await db.settings.bulkPut(rows);
  } catch (e) {
    throw toStorageError(e, 'save the settings');
  }
  return getSettings(db);
}
