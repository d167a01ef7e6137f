/**
 * The bundle file format as data: one entry per format version, in order. Entry N (N > 1) has
 * an `up` step that takes a bundle of format N − 1, as plain parsed JSON, and returns it at
 * format N; importing runs every step from the file's version up to today's, then validates
 * with today's schema (`bundle-schema.ts`). A file from a newer format is refused with a
 * sentence. Entries are history: only append (docs/DECISIONS.md "Migrations as data"), and
 * keep a fixture written by each format's code in `src/store/fixtures/`.
 */
import { InputError } from '../../core/errors';
import { BUNDLE_VERSION } from '../bundle-schema';
import { checkMigrationList } from './check';

/** A bundle as parsed JSON, before validation: nothing about its records is known yet. */
export type JsonBundle = Record<string, unknown>;

/** One bundle format version. */
export interface BundleMigration {
  /** The format version (1, 2, 3 … without gaps). */
  version: number;
  /** What this format changes, in one line. */
  note: string;
  /**
   * Format `version − 1` → `version` (absent on format 1). The bundle was parsed for this
   * import, so a step may change records in place (`eachRow`) rather than copy big tables;
   * the runner sets `version` afterwards. A step cannot assume valid records: it must leave
   * what it does not recognise for validation to report.
   */
  up?: (bundle: JsonBundle) => JsonBundle;
}

export const BUNDLE_MIGRATIONS: readonly BundleMigration[] = [
  { version: 1, note: 'the first format: the six data tables as lists of records' },
];

/**
 * Replaces each row of `bundle[table]` with `change(row)` in place (rows that are not objects
 * are left for validation to report). For use inside `up` steps.
 */
export function eachRow(bundle: JsonBundle, table: string, change: (row: Record<string, unknown>) => Record<string, unknown>): void {
  const rows = bundle[table];
  if (!Array.isArray(rows)) return;
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (row && typeof row === 'object' && !Array.isArray(row)) rows[i] = change(row as Record<string, unknown>);
  }
}

/** Throws unless the list is numbered 1, 2, 3 …, only format 1 lacks a step, and it ends at `current`. */
export function checkBundleMigrations(list: readonly BundleMigration[], current: number): void {
  checkMigrationList(list, 'Bundle migrations');
  list.forEach((m, i) => {
    if (i === 0 && m.up) throw new Error('Bundle migrations: format 1 has an up step, but there is no earlier format.');
    if (i > 0 && !m.up) throw new Error(`Bundle migrations: format ${m.version} has no up step from format ${m.version - 1}.`);
  });
  const last = list[list.length - 1].version;
  if (last !== current) throw new Error(`Bundle migrations: the list ends at format ${last}, but bundle-schema.ts validates format ${current}.`);
}

checkBundleMigrations(BUNDLE_MIGRATIONS, BUNDLE_VERSION);

/** A value for a sentence, without stringifying a hostile structure. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/**
 * Brings a parsed bundle of any known format up to the last format of `list` (today's, by
 * default). `owned` says the object was parsed for this import and may be changed in place;
 * otherwise it is copied first, and only when a step has to run. Throws InputError (where
 * `version`) for a newer format or a version that is not a format number.
 */
export function migrateBundle(bundle: JsonBundle, opts: { owned: boolean; list?: readonly BundleMigration[] }): JsonBundle {
  const list = opts.list ?? BUNDLE_MIGRATIONS;
  const current = list[list.length - 1].version;
  const version = bundle.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(
      `This bundle has version ${shown(version)}, which is not a bundle format version (formats are numbered from 1; this app reads up to format ${current}). Nothing was changed.`,
      'version',
    );
  }
  if (version > current) {
    throw new InputError(
      `This bundle was written by a newer version of Threadline (format ${version}); this app reads up to format ${current}. Update Threadline to import it. Nothing was changed.`,
      'version',
    );
  }
  if (version === current) return bundle;
  let b = opts.owned ? bundle : (structuredClone(bundle) as JsonBundle);
  for (const m of list.slice(version)) {
    b = m.up!(b);
    b.version = m.version;
  }
  return b;
}
