/**
 * A rehearsal of the first format change, through the real import: with a made-up format 2
 * appended to the list (an empty artifact description becomes "(none)"), importing the
 * committed format-1 fixture runs the step before validation and writes the migrated records,
 * a file already at format 2 skips it, and format 3 is refused.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../core/errors';
import { getArtifact } from '../artifacts';
import { importBundle } from '../bundle';
import { countRows } from '../db';
import { freshDb, trackDatabases } from '../test-fixtures';

vi.mock('./bundle', async (importOriginal) => {
  const real = await importOriginal<typeof import('./bundle')>();
  const list = [
    ...real.BUNDLE_MIGRATIONS,
    {
      version: real.BUNDLE_MIGRATIONS.length + 1,
      note: 'rehearsal: an empty artifact description becomes "(none)"',
      up: (b: Record<string, unknown>) => {
        real.eachRow(b, 'artifacts', (a) => (a.description === '' ? { ...a, description: '(none)' } : a));
        return b;
      },
    },
  ];
  return { ...real, migrateBundle: (b: Record<string, unknown>, opts: { owned: boolean }) => real.migrateBundle(b, { ...opts, list }) };
});

const track = trackDatabases(afterEach);
const fixture = readFileSync(fileURLToPath(new URL('../fixtures/bundle-v1.json', import.meta.url)), 'utf8');
const atVersion = (version: number) => JSON.stringify({ ...(JSON.parse(fixture) as object), version });

describe('an older bundle format through the real import', () => {
  it('format 1 text is migrated before validation, and the migrated records are written', async () => {
    const db = track(freshDb());
    expect(await importBundle(db, fixture)).toEqual({ sessions: 1, artifacts: 2 });
    expect((await getArtifact(db, 'region_totals')).description).toBe('(none)');
    expect((await getArtifact(db, 'best_region')).description).toBe('the region with the highest total');
  });

  it('format 1 as an object is migrated too, and the caller’s object is left as it was', async () => {
    const db = track(freshDb());
    const data = JSON.parse(fixture) as { artifacts: Array<{ description: string }> };
    await importBundle(db, data);
    expect((await getArtifact(db, 'region_totals')).description).toBe('(none)');
    expect(data.artifacts.map((a) => a.description)).toContain('');
  });

  it('a file already at the newest format skips the step', async () => {
    const db = track(freshDb());
    await importBundle(db, atVersion(2));
    expect((await getArtifact(db, 'region_totals')).description).toBe('');
  });

  it('a newer format is refused with the sentence, and nothing is written', async () => {
    const db = track(freshDb());
    const err = await importBundle(db, atVersion(3)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      'This bundle was written by a newer version of Threadline (format 3); this app reads up to format 2. Update Threadline to import it. Nothing was changed.',
    );
    expect(Object.values(await countRows(db)).every((n) => n === 0)).toBe(true);
  });
});
