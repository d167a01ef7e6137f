/**
 * The catalog's store queries: one page over the createdAt index (ties, edges, empty table),
 * the unfiltered count, per-name version counts and latest versions, and the id list. Each
 * page is checked against the full sorted list, which is the order the catalog promises.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestPlan } from '../core/model';
import type { ThreadlineDB } from './db';
import { artifactIds, artifactNameStats, countArtifacts, listArtifacts, nameArtifact } from './artifacts';
import { ingestPlan } from './sessions';
import { freshDb, makePlan, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);
afterEach(() => vi.restoreAllMocks());

async function seeded(): Promise<{ db: ThreadlineDB; plan: IngestPlan }> {
  const db = track(freshDb());
  const plan = makePlan({ values: true });
  await ingestPlan(db, plan, { author: 'me' });
  return { db, plan };
}

/** Names artifacts with the given createdAt clock values (Date.now is pinned per write). */
async function nameAt(db: ThreadlineDB, plan: IngestPlan, items: ReadonlyArray<[name: string, at: number]>): Promise<void> {
  const now = vi.spyOn(Date, 'now');
  for (const [name, at] of items) {
    now.mockReturnValue(at);
    await nameArtifact(db, { name, nodeId: plan.nodes[3].id, sessionId: plan.session.id, sliceDigest: `d-${name}`, author: 'ada' });
  }
  now.mockRestore();
}

const key = (a: { name: string; version: number }) => `${a.name}@${a.version}`;

describe('catalog store queries', () => {
  it('an empty table: no page, count 0, no names, no ids', async () => {
    const { db } = await seeded();
    expect(await listArtifacts(db, { offset: 0, limit: 10 })).toEqual([]);
    expect(await listArtifacts(db, { offset: 5, limit: 10 })).toEqual([]);
    expect(await countArtifacts(db)).toBe(0);
    expect((await artifactNameStats(db)).size).toBe(0);
    expect(await artifactIds(db)).toEqual([]);
  });

  it('pages over the createdAt index match the full newest-first list, ties included', async () => {
    const { db, plan } = await seeded();
    // Many ties: several names share a createdAt, and one tie group spans page boundaries.
    const items: [string, number][] = [];
    for (let i = 0; i < 23; i++) items.push([['c', 'a', 'b', 'd'][i % 4], 1000 + Math.floor(i / 5)]);
    await nameAt(db, plan, items);
    const all = await listArtifacts(db);
    expect(all).toHaveLength(23);
    for (const limit of [1, 2, 3, 4, 7, 23, 30]) {
      const pages: string[] = [];
      for (let offset = 0; offset < 26; offset += limit) pages.push(...(await listArtifacts(db, { offset, limit })).map(key));
      expect(pages, `limit ${limit}`).toEqual(all.map(key));
    }
    // Edges: the last row alone, past the end, a zero limit, an offset inside a tie group.
    expect((await listArtifacts(db, { offset: 22, limit: 5 })).map(key)).toEqual([key(all[22])]);
    expect(await listArtifacts(db, { offset: 23, limit: 5 })).toEqual([]);
    expect(await listArtifacts(db, { offset: 0, limit: 0 })).toEqual([]);
    expect((await listArtifacts(db, { offset: 6, limit: 3 })).map(key)).toEqual(all.slice(6, 9).map(key));
    expect(await countArtifacts(db)).toBe(23);
    expect(await countArtifacts(db, { offset: 5, limit: 1 })).toBe(23);
  });

  it('a filtered page still pages the filtered list', async () => {
    const { db, plan } = await seeded();
    await nameAt(db, plan, [['alpha', 1], ['beta', 2], ['alpha', 3], ['alpha', 3]]);
    const alphas = await listArtifacts(db, { text: 'alp' });
    expect(alphas.map(key)).toEqual(['alpha@2', 'alpha@1', 'alpha@0']);
    expect((await listArtifacts(db, { text: 'alp', offset: 1, limit: 1 })).map(key)).toEqual(['alpha@1']);
    expect(await countArtifacts(db, { text: 'alp' })).toBe(3);
  });

  it('version counts and latest version per name, with many versions of one name', async () => {
    const { db, plan } = await seeded();
    const items: [string, number][] = [];
    for (let i = 0; i < 40; i++) items.push(['many', 10 + i]);
    items.push(['one', 5], ['two', 6], ['two', 6]);
    await nameAt(db, plan, items);
    const stats = await artifactNameStats(db);
    expect(Object.fromEntries(stats)).toEqual({
      many: { count: 40, latest: 39 },
      one: { count: 1, latest: 0 },
      two: { count: 2, latest: 1 },
    });
    const ids = await artifactIds(db);
    expect(new Set(ids)).toEqual(new Set((await listArtifacts(db)).map((a) => a.id)));
    expect(ids).toHaveLength(43);
  });
});
