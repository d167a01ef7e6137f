/**
 * Issue 9, storage faults: quota exceeded and failures at several points of an ingest or a
 * bundle import leave every table exactly as it was (compared row by row); a newer schema
 * in another tab closes this tab's connection and later use fails fast with "reload".
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { StorageError } from '../core/errors';
import { DATA_TABLES, DB_VERSION, ThreadlineDB } from './db';
import { exportBundle, importBundle, type Bundle } from './bundle';
import { watchConnection } from './connection';
import { nameArtifact } from './artifacts';
import { ingestPlan, listSessions } from './sessions';
import { QUOTA_MESSAGE } from './storage-errors';
import { failingMutation, fakeDigest, freshDb, makePlan, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

/** Every row of every table (settings too), sorted by primary key: a full snapshot. */
async function snapshot(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [...DATA_TABLES, 'settings']) {
    const keys = await db.table(table).toCollection().primaryKeys();
    const rows = await db.table(table).toArray();
    out[table] = rows.map((row, i) => ({ key: keys[i], row })).sort((a, b) => indexedDB.cmp(a.key, b.key));
  }
  return out;
}

/** A database with two sessions, artifacts (with tags) and a setting, reopened with `middleware`. */
async function seeded(middleware?: Parameters<Dexie['use']>[0]): Promise<ThreadlineDB> {
  const db = freshDb('faults');
  await ingestPlan(db, makePlan({ cells: 3, nodes: 12, values: true, saves: ['model', 'data'] }), { author: 'ada' });
  const { session } = await ingestPlan(db, makePlan({ name: 'other.ipynb', values: true, saves: ['model'] }), { author: 'bob' });
  const nodes = await db.nodes.where('sessionId').equals(session.id).toArray();
  await nameArtifact(db, { name: 'named', nodeId: nodes[3].id, sessionId: session.id, sliceDigest: 'f'.repeat(64), author: 'ada', description: '<img src=x onerror=alert(1)>', tags: [{ key: 'k', value: 'v' }] });
  await db.settings.put({ key: 'author', value: 'ada' });
  db.close();
  const again = track(new ThreadlineDB(db.name));
  if (middleware) again.use(middleware);
  return again;
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const boom = () => new Error('injected fault');

/** [table, nth mutation of that table] — points inside an ingest where a write fails. */
const INGEST_POINTS: Array<[string, number]> = [
  ['sessions', 1],
  ['sourceCodes', 1],
  ['nodes', 1],
  ['executions', 1],
  ['nodeValues', 1],
  ['artifacts', 1],
];

describe('faults during an ingest', () => {
  for (const [table, nth] of INGEST_POINTS) {
    it(`QuotaExceededError writing ${table}: StorageError offering export and cleanup, every row unchanged`, async () => {
      const db = await seeded(failingMutation(table, quota, nth));
      const before = await snapshot(db);
      const err = await ingestPlan(db, makePlan({ cells: 2, nodes: 30, values: true, saves: ['model', 'fresh'] }), { author: 'me' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).reason).toBe('quota');
      expect((err as StorageError).message).toBe(QUOTA_MESSAGE);
      expect((err as StorageError).message).toMatch(/full/);
      expect((err as StorageError).message).toMatch(/export a bundle/);
      expect((err as StorageError).message).toMatch(/delete old sessions/);
      expect(await snapshot(db)).toEqual(before);
    });

    it(`any error writing ${table}: every row unchanged`, async () => {
      const db = await seeded(failingMutation(table, boom, nth));
      const before = await snapshot(db);
      // A new version of analysis.ipynb whose "model" slice changed, so it writes an artifact.
      const plan = makePlan({ values: true, saves: ['model'] });
      plan.artifacts[0].sliceDigest = fakeDigest('model, changed');
      await expect(ingestPlan(db, plan, { author: 'me' })).rejects.toBeInstanceOf(StorageError);
      expect(await snapshot(db)).toEqual(before);
    });
  }

  it('the same ingest succeeds once the fault is gone (nothing half-written blocks it)', async () => {
    let fail = true;
    const db = await seeded(failingMutation('nodes', () => (fail ? quota() : new Error('unreachable')), 1));
    const plan = makePlan({ values: true });
    await expect(ingestPlan(db, plan, { author: 'me' })).rejects.toMatchObject({ reason: 'quota' });
    fail = false;
    const { session } = await ingestPlan(db, plan, { author: 'me' });
    expect(await db.sessions.get(session.id)).toBeDefined();
  });
});

describe('faults during a bundle import', () => {
  /** A bundle from another store: two sessions with artifacts, one name clashing with ours. */
  async function foreignBundle(): Promise<Bundle> {
    const src = track(freshDb('foreign'));
    await ingestPlan(src, makePlan({ name: 'x.ipynb', cells: 2, nodes: 20, values: true, saves: ['model', 'x'] }), { author: 'zed' });
    await ingestPlan(src, makePlan({ name: 'y.ipynb', nodes: 8, values: true, saves: ['y'] }), { author: 'zed' });
    return exportBundle(src);
  }

  const IMPORT_POINTS: Array<[string, number]> = [
    ['sessions', 1],
    ['sessions', 2],
    ['sourceCodes', 2],
    ['nodes', 1],
    ['nodes', 2],
    ['executions', 2],
    ['nodeValues', 1],
    ['artifacts', 1],
    ['artifacts', 3],
  ];
  for (const [table, nth] of IMPORT_POINTS) {
    it(`a failure at write ${nth} of ${table}: every row unchanged`, async () => {
      const bundle = await foreignBundle();
      const db = await seeded(failingMutation(table, boom, nth));
      const before = await snapshot(db);
      await expect(importBundle(db, bundle)).rejects.toBeInstanceOf(StorageError);
      expect(await snapshot(db)).toEqual(before);
    });
  }

  it('quota exceeded during an import: the quota message, every row unchanged', async () => {
    const bundle = await foreignBundle();
    const db = await seeded(failingMutation('nodes', quota, 2));
    const before = await snapshot(db);
    await expect(importBundle(db, bundle)).rejects.toMatchObject({ reason: 'quota', message: QUOTA_MESSAGE });
    expect(await snapshot(db)).toEqual(before);
  });

  it('an invalid bundle (hostile values) is refused before any write', async () => {
    const bundle = await foreignBundle();
    const db = await seeded();
    const before = await snapshot(db);
    const bad = structuredClone(bundle) as unknown as { artifacts: Array<{ name: string }> };
    bad.artifacts[1].name = 'bad\u0000name<script>';
    await expect(importBundle(db, bad)).rejects.toMatchObject({ kind: 'input', where: 'artifacts[1].name' });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('a newer schema opened by another tab', () => {
  class NewerDB extends ThreadlineDB {
    constructor(name: string) {
      super(name);
      this.version(DB_VERSION + 1).stores({ extra: 'id' });
    }
  }

  it('the old tab closes its connection, is told, and later use fails fast with "reload"', async () => {
    const old = await seeded();
    await old.open();
    const before = await snapshot(old);
    const onOutdated = vi.fn();
    watchConnection(old, { onOutdated });

    const newer = track(new NewerDB(old.name));
    const onBlocked = vi.fn();
    newer.on('blocked', onBlocked);
    await newer.open(); // would hang if the old tab kept its connection
    expect(newer.verno).toBe(DB_VERSION + 1);
    expect(onOutdated).toHaveBeenCalledTimes(1);
    expect(onBlocked).not.toHaveBeenCalled();
    expect(old.isOpen()).toBe(false);

    const err = await listSessions(old).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).reason).toBe('version');
    expect((err as StorageError).message).toMatch(/Reload the page/);
    const writeErr = await ingestPlan(old, makePlan(), { author: 'me' }).catch((e: unknown) => e);
    expect((writeErr as StorageError).reason).toBe('version');

    // Nothing was lost or corrupted: the newer tab sees every row.
    const after = await snapshot(newer);
    expect(after).toEqual(before);
  });

  it('an old tab that does not close blocks the upgrade: the new tab hears "blocked", then proceeds', async () => {
    const db = await seeded();
    await db.open();
    db.close();
    // A raw connection that ignores versionchange (an old Threadline without the handler).
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(db.name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const newer = track(new NewerDB(db.name));
    const onBlocked = vi.fn();
    watchConnection(newer, { onBlocked });
    const opening = newer.open();
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled(), { timeout: 5000 });
    raw.close();
    await opening;
    expect(newer.verno).toBe(DB_VERSION + 1);
  });
});

describe('an old tab opened after the upgrade', () => {
  it('refuses to use a database written by a newer schema: "reload", data untouched', async () => {
    const db = await seeded();
    await db.open();
    db.close();
    class NewerDB extends ThreadlineDB {
      constructor(name: string) {
        super(name);
        this.version(DB_VERSION + 1).stores({ extra: 'id' });
      }
    }
    const newer = track(new NewerDB(db.name));
    await newer.open();
    const before = await snapshot(newer);
    newer.close();

    const old = track(new ThreadlineDB(db.name));
    const onOutdated = vi.fn();
    old.onOutdated(onOutdated);
    const err = await listSessions(old).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toMatch(/Reload the page/);
    expect(onOutdated).toHaveBeenCalled();
    old.close();
    const again = track(new NewerDB(db.name));
    expect(await snapshot(again)).toEqual(before);
  });
});

describe('the ingest size limit setting', () => {
  it('defaults to 100 MB, accepts whole MB from 1 to 4096, refuses anything else', async () => {
    const { getSettings, updateSettings } = await import('./settings');
    const db = track(freshDb('limit'));
    expect((await getSettings(db)).maxIngestMB).toBe(100);
    expect((await updateSettings(db, { maxIngestMB: 250 })).maxIngestMB).toBe(250);
    for (const bad of [0, -1, 1.5, 5000, Number.NaN]) {
      await expect(updateSettings(db, { maxIngestMB: bad })).rejects.toMatchObject({ kind: 'input', where: 'maxIngestMB' });
    }
    expect((await getSettings(db)).maxIngestMB).toBe(250);
  });
});
