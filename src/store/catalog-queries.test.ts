/**
 * The catalog's store queries: one page over the createdAt index (ties, edges, empty table),
 * the unfiltered count, per-name version counts and latest versions, and the id list. Each
 * page is checked against the full sorted list, which is the order the catalog promises.
 * `catalogPage` (filter, view, sort, page) is checked on generated data against the whole-list
 * reference the catalog used before: every sort, filter kind, page, clamp and tie.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestPlan } from '../core/model';
import type { ThreadlineDB } from './db';
import { artifactIds, artifactNameStats, countArtifacts, listArtifacts, nameArtifact, type ArtifactQuery } from './artifacts';
import { artifactsById, catalogIds, catalogPage, type CatalogSpec } from './catalog';
import { generatedArtifacts } from './catalog-fixtures';
import { catalogRows, pageRows, sortCatalogRows, type CatalogRow, type CatalogSort, type RowPage } from '../core/catalog';
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

describe('catalogPage equals the whole-list reference (generated data)', () => {
  const SESSION_NAMES = { s0: 'b.ipynb', s1: 'A.ipynb', s2: 'a.ipynb' };

  /** The reference: the old in-memory catalog (every matching artifact, grouped, sorted, sliced). */
  async function reference(db: ThreadlineDB, spec: CatalogSpec, page: number, size: number) {
    const matching = await listArtifacts(db, spec.query ?? {});
    const rows = sortCatalogRows(catalogRows(matching, await artifactNameStats(db), spec.view), spec.sort, (id) => spec.sessionNames?.[id] ?? '');
    return { page: pageRows(rows, page, size), ids: rows.map((r) => r.artifact.id) };
  }

  const summary = (p: RowPage<CatalogRow>) => ({
    ...p,
    rows: p.rows.map((r) => `${r.artifact.id} ${r.artifact.name}@${r.artifact.version} n=${r.versionCount} latest=${r.latestVersion}`),
  });

  async function generated(n: number, clocks: number) {
    const db = track(freshDb());
    await db.artifacts.bulkAdd(generatedArtifacts(n, { seed: n, clocks }));
    return db;
  }

  async function expectSame(db: ThreadlineDB, spec: CatalogSpec, size: number) {
    const { page: first, ids } = await reference(db, spec, 1, size);
    const label = JSON.stringify(spec);
    expect(await catalogIds(db, spec), label).toEqual(ids);
    for (let page = 0; page <= first.pageCount + 1; page++) {
      const expected = page === 1 ? first : (await reference(db, spec, page, size)).page;
      expect(summary(await catalogPage(db, spec, page, size)), `${label} page ${page}`).toEqual(summary(expected));
    }
  }

  const SORTS: CatalogSort[] = (['created', 'name', 'version', 'versions', 'session', 'author'] as const).flatMap((key) =>
    (['desc', 'asc'] as const).map((direction) => ({ key, direction })),
  );
  const VIEWS = ['versions', 'latest'] as const;

  it('every sort, both directions, both views, unfiltered, on every page (ties across page boundaries)', async () => {
    const db = await generated(180, 25);
    for (const view of VIEWS) for (const sort of SORTS) await expectSame(db, { view, sort, sessionNames: SESSION_NAMES }, 13);
  });

  it('every filter kind with newest and oldest first (index ranges and the filtered walk)', async () => {
    const db = await generated(160, 20);
    const all = await db.artifacts.toArray();
    const mid = [...all].sort((a, b) => a.createdAt - b.createdAt)[80].createdAt;
    const queries: ArtifactQuery[] = [
      { sessionId: 's1' },
      { from: mid },
      { to: mid },
      { sessionId: 's2', from: mid - 3, to: mid + 3 },
      { sessionId: 'none' },
      { from: mid + 5, to: mid - 5 },
      { text: 'model' },
      { text: all[5].id.slice(0, 4) },
      { author: 'ada' },
      { tag: { key: 'team' } },
      { tag: { key: 'team', value: 'risk' }, sessionId: 's0' },
    ];
    for (const query of queries)
      for (const view of VIEWS)
        for (const direction of ['desc', 'asc'] as const) await expectSame(db, { query, view, sort: { key: 'created', direction } }, 9);
    // A filtered list under the other sorts too.
    for (const sort of SORTS) await expectSame(db, { query: { sessionId: 's1' }, view: 'latest', sort, sessionNames: SESSION_NAMES }, 9);
  });

  it('one createdAt for every row: the whole table is one tie group', async () => {
    const db = await generated(60, 1);
    for (const view of VIEWS) for (const direction of ['desc', 'asc'] as const) await expectSame(db, { view, sort: { key: 'created', direction } }, 7);
  });

  it('an empty table: page 1 of 1, nothing on it', async () => {
    const db = track(freshDb());
    for (const view of VIEWS) {
      expect(await catalogPage(db, { view, sort: { key: 'created', direction: 'desc' } }, 3)).toEqual({ rows: [], page: 1, pageCount: 1, first: 0, last: 0, total: 0 });
    }
    expect(await catalogIds(db, { view: 'latest', sort: { key: 'name', direction: 'asc' } })).toEqual([]);
  });

  it('artifactsById keeps the given order and leaves out deleted ids', async () => {
    const db = await generated(10, 5);
    const ids = (await db.artifacts.toCollection().primaryKeys()).reverse();
    const got = await artifactsById(db, [ids[2], 'gone', ids[0]]);
    expect(got.map((a) => a.id)).toEqual([ids[2], ids[0]]);
  });
});
