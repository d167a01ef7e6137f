/** The team outbox and token: queue a frozen share, settle it once, retry and dismiss; the token row. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError, StorageError } from '../core/errors';
import { clearAllData, importBundle, validateBundle } from './bundle';
import { getSettings } from './settings';
import { KEPT_SENT, dismissShare, getTeamToken, listOutbox, pendingShares, queueShare, requeueAuthRefusals, retryShare, setTeamToken, settleShare } from './outbox';
import { failingMutation, freshDb, trackDatabases } from './test-fixtures';
import { updateArtifact } from './artifacts';
import { ThreadlineDB } from './db';

const track = trackDatabases(afterEach);
const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/bundle-v1.json', import.meta.url), 'utf8')) as { artifacts: Array<{ id: string }> };
const FIRST = FIXTURE.artifacts[0].id;

async function seeded() {
  const db = track(freshDb());
  await importBundle(db, structuredClone(FIXTURE));
  return db;
}

describe('team outbox', () => {
  it('queues a share as a one-artifact bundle frozen at that moment', async () => {
    const db = await seeded();
    const entry = await queueShare(db, FIRST, { now: () => 10 });
    expect(entry).toMatchObject({ state: 'pending', artifactId: FIRST, artifactName: 'region_totals', artifactVersion: 0, attempts: 0, createdAt: 10 });
    expect(entry.bundle.artifacts.map((a) => a.id)).toEqual([FIRST]);
    expect(entry.bundle.sessions).toHaveLength(1);
    expect(() => validateBundle(entry.bundle)).not.toThrow();
    // A later edit of the local artifact does not change what was queued.
    await updateArtifact(db, FIRST, { description: 'edited after sharing' });
    const [stored] = await listOutbox(db);
    expect(stored.bundle.artifacts[0].description).toBe(entry.bundle.artifacts[0].description);
    expect(stored.bundle.artifacts[0].description).not.toBe('edited after sharing');
  });

  it('refuses to queue an artifact that is gone, and writes nothing', async () => {
    const db = await seeded();
    await expect(queueShare(db, 'no-such-id')).rejects.toBeInstanceOf(NotFoundError);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('a failed write queues nothing and says so', async () => {
    const seededDb = await seeded();
    seededDb.close();
    const db = track(new ThreadlineDB(seededDb.name));
    db.use(failingMutation('outbox', () => Object.assign(new Error('full'), { name: 'QuotaExceededError' })));
    await expect(queueShare(db, FIRST)).rejects.toBeInstanceOf(StorageError);
    expect(await db.outbox.count()).toBe(0);
  });

  it('pending entries come oldest first; an unreachable attempt keeps it pending and counts', async () => {
    const db = await seeded();
    let t = 100;
    const a = await queueShare(db, FIRST, { now: () => t++ });
    const b = await queueShare(db, FIXTURE.artifacts[1].id, { now: () => t++ });
    expect((await pendingShares(db)).map((e) => e.id)).toEqual([a.id, b.id]);
    await settleShare(db, a.id, { kind: 'unreachable', message: 'The team server cannot be reached.' }, () => 500);
    const [first] = await pendingShares(db);
    expect(first).toMatchObject({ id: a.id, state: 'pending', attempts: 1, lastAttemptAt: 500, message: 'The team server cannot be reached.' });
  });

  it('settles once: sent records the team version; a second verdict changes nothing', async () => {
    const db = await seeded();
    const a = await queueShare(db, FIRST);
    const sent = await settleShare(db, a.id, { kind: 'sent', teamId: 't1', teamVersion: 4 }, () => 9);
    expect(sent).toMatchObject({ state: 'sent', teamId: 't1', teamVersion: 4, sentAt: 9, message: undefined });
    await settleShare(db, a.id, { kind: 'refused', message: 'late' });
    expect((await listOutbox(db))[0]).toMatchObject({ state: 'sent', teamVersion: 4 });
    expect(await pendingShares(db)).toEqual([]);
  });

  it('a refused share can be retried with the same key, or dismissed', async () => {
    const db = await seeded();
    const a = await queueShare(db, FIRST);
    await settleShare(db, a.id, { kind: 'refused', message: 'Your token may only read.' });
    expect(await pendingShares(db)).toEqual([]);
    await retryShare(db, a.id);
    expect((await pendingShares(db)).map((e) => e.id)).toEqual([a.id]);
    await dismissShare(db, a.id);
    expect(await listOutbox(db)).toEqual([]);
    // Settling a dismissed entry is a no-op, not an error.
    expect(await settleShare(db, a.id, { kind: 'sent', teamId: 'x', teamVersion: 0 })).toBeUndefined();
    expect(await listOutbox(db)).toEqual([]);
  });

  it('a new token re-queues only the shares refused for their token', async () => {
    const db = await seeded();
    const auth = await queueShare(db, FIRST);
    const rules = await queueShare(db, FIRST);
    await settleShare(db, auth.id, { kind: 'refused', message: 'This needs the write role; your token has read.', code: 'forbidden' });
    await settleShare(db, rules.id, { kind: 'refused', message: 'The bundle is not valid.', code: 'invalid' });
    expect(await requeueAuthRefusals(db)).toBe(1);
    expect((await pendingShares(db)).map((e) => e.id)).toEqual([auth.id]);
    expect((await listOutbox(db)).find((e) => e.id === rules.id)).toMatchObject({ state: 'refused', refusedCode: 'invalid' });
  });

  it(`keeps only the newest ${KEPT_SENT} sent entries`, async () => {
    const db = await seeded();
    let t = 0;
    for (let i = 0; i < KEPT_SENT + 3; i++) {
      const e = await queueShare(db, FIRST, { now: () => t });
      await settleShare(db, e.id, { kind: 'sent', teamId: `t${i}`, teamVersion: i }, () => ++t);
    }
    const kept = await listOutbox(db);
    expect(kept).toHaveLength(KEPT_SENT);
    expect(Math.min(...kept.map((e) => e.teamVersion!))).toBe(3);
  });
});

describe('clearing all data', () => {
  it('empties the outbox with the data tables (its entries hold copies of sessions); the token stays', async () => {
    const db = await seeded();
    await queueShare(db, FIRST);
    await setTeamToken(db, 'tl_keep');
    await clearAllData(db);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.artifacts.count()).toBe(0);
    expect(await getTeamToken(db)).toBe('tl_keep');
  });
});

describe('team token', () => {
  it('is its own settings row, trimmed, and forgotten by an empty string', async () => {
    const db = track(freshDb());
    expect(await getTeamToken(db)).toBeUndefined();
    await setTeamToken(db, '  tl_abc123  ');
    expect(await getTeamToken(db)).toBe('tl_abc123');
    expect(await getSettings(db)).not.toHaveProperty('teamToken');
    await setTeamToken(db, '');
    expect(await getTeamToken(db)).toBeUndefined();
  });

  it('refuses a token with spaces inside', async () => {
    const db = track(freshDb());
    await expect(setTeamToken(db, 'two words')).rejects.toThrow(/one word/);
    expect(await getTeamToken(db)).toBeUndefined();
  });
});
