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
  /** Node budget: the largest graph an ingest may build (passed to the analyser as `maxNodes`). */
  maxNodes: number;
  /**
   * Fine slices (issue 18.1): the artifact page and the graph cut inside `if`/`for`/`while`.
   * Off by default: whole-block slices, what LineaPy users compare against.
   */
  fineSlices: boolean;
}

/** A whole-number setting: its range, and how the sentences name it. */
export interface NumberSettingSpec {
  key: 'maxIngestMB' | 'maxNodes';
  /** Starts the sentence, e.g. "The ingest size limit". */
  what: string;
  /** After the number, e.g. "MB" or "nodes". */
  unit: string;
  min: number;
  max: number;
  default: number;
}

export const DEFAULT_MAX_INGEST_MB = 100;
export const MAX_INGEST_MB_CEILING = 4096;
/** The UI-side default node budget (the analyser's own default is the same 500,000). */
export const DEFAULT_MAX_NODES = 500_000;

export const NUMBER_SETTINGS = {
  maxIngestMB: { key: 'maxIngestMB', what: 'The ingest size limit', unit: 'MB', min: 1, max: MAX_INGEST_MB_CEILING, default: DEFAULT_MAX_INGEST_MB },
  maxNodes: { key: 'maxNodes', what: 'The node limit per file', unit: 'nodes', min: 1_000, max: 5_000_000, default: DEFAULT_MAX_NODES },
} as const satisfies Record<NumberSettingSpec['key'], NumberSettingSpec>;

export const DEFAULT_SETTINGS: Settings = {
  author: 'me',
  theme: 'system',
  allowPackageDownloads: false,
  maxIngestMB: DEFAULT_MAX_INGEST_MB,
  maxNodes: DEFAULT_MAX_NODES,
  fineSlices: false,
};

const count = (n: number) => n.toLocaleString('en');

/** "a whole number of MB from 1 to 4,096" — the accepted range, as the sentences say it. */
export function rangeText(spec: NumberSettingSpec): string {
  return `a whole number of ${spec.unit} from ${count(spec.min)} to ${count(spec.max)}`;
}

const inRange = (spec: NumberSettingSpec, v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= spec.min && v <= spec.max;

export type ParsedSetting = { ok: true; value: number } | { ok: false; message: string };

/**
 * What the user typed → a number in the setting's range, or a sentence saying what is accepted.
 * Only digits count (thousands may be grouped with commas, spaces or underscores): `1e400`,
 * `0x10`, `1.5`, `-1` and `abc` are refused, never coerced.
 */
export function parseNumberSetting(spec: NumberSettingSpec, text: string): ParsedSetting {
  const typed = text.trim();
  const expected = `${spec.what} must be ${rangeText(spec)}.`;
  if (!typed) return { ok: false, message: `Enter a value. ${expected} Nothing was saved.` };
  const shown = typed.length > 24 ? `${typed.slice(0, 24)}…` : typed;
  if (!/^\d{1,3}([,_ ]\d{3})+$|^\d+$/.test(typed)) {
    return { ok: false, message: `“${shown}” is not a whole number written in digits. ${expected} Nothing was saved.` };
  }
  const value = Number(typed.replace(/[,_ ]/g, ''));
  if (!inRange(spec, value)) {
    const side = value < spec.min ? 'too small' : 'too large';
    return { ok: false, message: `${shown} is ${side}. ${expected} Nothing was saved.` };
  }
  return { ok: true, value };
}

export async function getSettings(db: ThreadlineDB): Promise<Settings> {
  try {
    const rows = await db.settings.toArray();
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return {
      author: typeof stored.author === 'string' && stored.author.trim() ? stored.author : DEFAULT_SETTINGS.author,
      theme: stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : DEFAULT_SETTINGS.theme,
      allowPackageDownloads: stored.allowPackageDownloads === true,
      maxIngestMB: inRange(NUMBER_SETTINGS.maxIngestMB, stored.maxIngestMB) ? stored.maxIngestMB : DEFAULT_SETTINGS.maxIngestMB,
      maxNodes: inRange(NUMBER_SETTINGS.maxNodes, stored.maxNodes) ? stored.maxNodes : DEFAULT_SETTINGS.maxNodes,
      fineSlices: stored.fineSlices === true,
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
  if (patch.fineSlices !== undefined) {
    if (typeof patch.fineSlices !== 'boolean') throw new InputError('“Fine slice” must be on or off.', 'fineSlices');
    rows.push({ key: 'fineSlices', value: patch.fineSlices });
  }
  for (const spec of Object.values(NUMBER_SETTINGS)) {
    const value = patch[spec.key];
    if (value === undefined) continue;
    if (!inRange(spec, value)) throw new InputError(`${spec.what} must be ${rangeText(spec)}. Nothing was saved.`, spec.key);
    rows.push({ key: spec.key, value });
  }
  try {
    if (rows.length > 0) await db.settings.bulkPut(rows);
  } catch (e) {
    throw toStorageError(e, 'save the settings');
  }
  return getSettings(db);
}
