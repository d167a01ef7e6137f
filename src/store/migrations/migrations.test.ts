/** The migration lists are well formed, and the bundle runner applies the right steps in order (with a list made up for the test). */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors';
import { BUNDLE_VERSION } from '../bundle-schema';
import { ThreadlineDB } from '../db';
import { BUNDLE_MIGRATIONS, checkBundleMigrations, eachRow, migrateBundle, type BundleMigration, type JsonBundle } from './bundle';
import { checkMigrationList } from './check';
import { DB_MIGRATIONS, DB_VERSION, checkDbMigrations, type DbMigration } from './db';

describe('database migrations', () => {
  it('the list is valid and ThreadlineDB declares every version of it', async () => {
    expect(() => checkDbMigrations(DB_MIGRATIONS)).not.toThrow();
    expect(DB_MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
    const db = new ThreadlineDB(`declared-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    db.close();
  });

  const v = (version: number, extra: Partial<DbMigration> = {}): DbMigration => ({ version, note: '', stores: { t: 'id' }, ...extra });
  it.each([
    ['empty', [], /empty/],
    ['not starting at 1', [v(2)], /entry 0 has version 2 after the start/],
    ['a gap', [v(1), v(2), v(4)], /entry 2 has version 4 after version 2/],
    ['a repeat', [v(1), v(2), v(2)], /entry 2 has version 2 after version 2/],
    ['out of order', [v(1), v(3), v(2)], /entry 1 has version 3/],
    ['an upgrade on version 1', [v(1, { upgrade: async () => {} })], /version 1 has an upgrade/],
  ] as Array<[string, DbMigration[], RegExp]>)('refuses a list with %s', (_, list, message) => {
    expect(() => checkDbMigrations(list)).toThrow(message);
  });

  it('a data-only version (no store change) is allowed', () => {
    expect(() => checkDbMigrations([v(1), v(2, { stores: {}, upgrade: async () => {} })])).not.toThrow();
  });

  it('the numbering rule is shared', () => {
    expect(() => checkMigrationList([{ version: 1 }, { version: 2 }], 'x')).not.toThrow();
    expect(() => checkMigrationList([{ version: 1 }, { version: 1.5 }], 'x')).toThrow(/^x: entry 1 has version 1.5/);
  });
});

describe('bundle migrations', () => {
  it('the list is valid and ends at the format bundle-schema.ts validates', () => {
    expect(() => checkBundleMigrations(BUNDLE_MIGRATIONS, BUNDLE_VERSION)).not.toThrow();
    expect(BUNDLE_MIGRATIONS.at(-1)!.version).toBe(BUNDLE_VERSION);
    expect(BUNDLE_MIGRATIONS[0].up).toBeUndefined();
  });

  const up = (b: JsonBundle) => b;
  it.each([
    ['a gap', [{ version: 1, note: '' }, { version: 3, note: '', up }], 3, /entry 1 has version 3/],
    ['a step on format 1', [{ version: 1, note: '', up }], 1, /format 1 has an up step/],
    ['a later format without a step', [{ version: 1, note: '' }, { version: 2, note: '' }], 2, /format 2 has no up step from format 1/],
    ['an end that is not today’s format', [{ version: 1, note: '' }, { version: 2, note: '', up }], 1, /ends at format 2, but bundle-schema.ts validates format 1/],
  ] as Array<[string, BundleMigration[], number, RegExp]>)('refuses a list with %s', (_, list, current, message) => {
    expect(() => checkBundleMigrations(list, current)).toThrow(message);
  });

  /** A made-up history: format 2 renamed artifact `labels` to `tags`; format 3 added `runs` (empty) to the bundle. */
  const calls: number[] = [];
  const HISTORY: BundleMigration[] = [
    { version: 1, note: 'first' },
    {
      version: 2,
      note: 'labels → tags',
      up: (b) => {
        calls.push(2);
        eachRow(b, 'artifacts', (a) => {
          const { labels, ...rest } = a;
          return { ...rest, tags: labels };
        });
        return b;
      },
    },
    { version: 3, note: 'adds runs', up: (b) => (calls.push(3), { ...b, runs: [] }) },
  ];
  const old = (version: number): JsonBundle => ({ format: 'threadline-bundle', version, artifacts: [{ id: 'a', labels: [{ key: 'k', value: 'v' }] }, 'not a record'] });

  it('runs every step from the bundle’s format to the newest, in order, and stamps each version', () => {
    calls.length = 0;
    const out = migrateBundle(old(1), { owned: true, list: HISTORY });
    expect(calls).toEqual([2, 3]);
    expect(out).toEqual({ format: 'threadline-bundle', version: 3, runs: [], artifacts: [{ id: 'a', tags: [{ key: 'k', value: 'v' }] }, 'not a record'] });
    calls.length = 0;
    expect(migrateBundle({ ...old(2), artifacts: [] }, { owned: true, list: HISTORY })).toEqual({ format: 'threadline-bundle', version: 3, artifacts: [], runs: [] });
    expect(calls).toEqual([3]);
  });

  it('a bundle already at the newest format is returned as it is (no copy, no step)', () => {
    calls.length = 0;
    const b = old(3);
    expect(migrateBundle(b, { owned: false, list: HISTORY })).toBe(b);
    expect(calls).toEqual([]);
  });

  it('an owned bundle is changed in place (its tables are not copied); a caller’s bundle is left untouched', () => {
    const mine = old(1);
    const rows = mine.artifacts;
    expect(migrateBundle(mine, { owned: true, list: HISTORY }).artifacts).toBe(rows);
    expect(rows).toEqual([{ id: 'a', tags: [{ key: 'k', value: 'v' }] }, 'not a record']);
    const theirs = old(1);
    const copy = structuredClone(theirs);
    expect(migrateBundle(theirs, { owned: false, list: HISTORY }).version).toBe(3);
    expect(theirs).toEqual(copy);
  });

  it('a bundle from a newer format is refused with a sentence naming both formats', () => {
    const err = (() => {
      try {
        migrateBundle(old(4), { owned: true, list: HISTORY });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe('version');
    expect((err as Error).message).toBe(
      'This bundle was written by a newer version of Threadline (format 4); this app reads up to format 3. Update Threadline to import it. Nothing was changed.',
    );
  });

  it.each([[0], [-1], [1.5], ['1'], [null], [undefined], [[1]]])('version %j is not a format number: a sentence, where "version"', (version) => {
    const b = { ...old(1), version };
    expect(() => migrateBundle(b, { owned: true, list: HISTORY })).toThrow(InputError);
    expect(() => migrateBundle(b, { owned: true, list: HISTORY })).toThrow(/^This bundle has version .+, which is not a bundle format version \(formats are numbered from 1; this app reads up to format 3\)\. Nothing was changed\.$/);
  });
});
