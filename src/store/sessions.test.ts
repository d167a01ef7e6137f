import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors';
import { buildIngestPlan } from '../core/ingest';
import { getNodeValues, getSession, ingestPlan, latestSessionOf, listSessions, loadSessionGraph, staticExecutionOf } from './sessions';
import { countRows } from './db';
import { subscribeToChanges } from './changes';
import { getSettings, updateSettings } from './settings';
import { ThreadlineDB } from './db';
import { fakeDigest, freshDb, makePlan, total, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

describe('sessions', () => {
  it('lists newest first, gets by id, NotFoundError otherwise', async () => {
    const db = track(freshDb());
    const old = makePlan({ createdAt: 1000 });
    const recent = makePlan({ createdAt: 2000 });
    await ingestPlan(db, old, { author: 'me' });
    await ingestPlan(db, recent, { author: 'me' });
    expect((await listSessions(db)).map((s) => s.id)).toEqual([recent.session.id, old.session.id]);
    expect((await getSession(db, old.session.id)).name).toBe('analysis.ipynb');
    await expect(getSession(db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('loads the graph with nodes by seq and source codes in cell order', async () => {
    const db = track(freshDb());
    const plan = makePlan({ cells: 5, nodes: 40 });
    plan.nodes.reverse();
    const script = makePlan({ cells: 4 });
    script.sourceCodes = script.sourceCodes.map((s) => ({ ...s, cellIndex: undefined }));
    await ingestPlan(db, plan, { author: 'me' });
    await ingestPlan(db, script, { author: 'me' });
    const graph = await loadSessionGraph(db, plan.session.id);
    expect(graph.session.id).toBe(plan.session.id);
    expect(graph.nodes.map((n) => n.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(graph.sourceCodes.map((s) => s.cellIndex)).toEqual([0, 2, 4, 6, 8]);
    const scriptGraph = await loadSessionGraph(db, script.session.id);
    expect(scriptGraph.sourceCodes.map((s) => s.id)).toEqual(script.sourceCodes.map((s) => s.id));
    await expect(loadSessionGraph(db, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('node values and executions', async () => {
    const db = track(freshDb());
    const plan = makePlan({ values: true });
    await ingestPlan(db, plan, { author: 'me' });
    const values = await getNodeValues(db, plan.nodes[2].id);
    expect(values).toEqual([plan.nodeValues[2]]);
    expect(await staticExecutionOf(db, plan.session.id)).toEqual(plan.execution);
  });
});

describe('settings', () => {
  it('defaults to author "me" and stores changes', async () => {
    const db = track(freshDb());
    expect(await getSettings(db)).toEqual({ author: 'me', theme: 'system', allowPackageDownloads: false, maxIngestMB: 100, maxNodes: 500_000, fineSlices: false });
    expect((await updateSettings(db, { author: ' Ada ' })).author).toBe('Ada');
    await expect(updateSettings(db, { author: '  ' })).rejects.toMatchObject({ kind: 'input' });
    expect((await getSettings(db)).author).toBe('Ada');
  });
});

describe('subscribeToChanges', () => {
  it('reports changed tables for this database only, and stops after unsubscribe', async () => {
    const db = track(freshDb());
    const other = track(freshDb());
    const seen: string[][] = [];
    const unsubscribe = subscribeToChanges(db, (tables) => seen.push([...tables].sort()));
    await ingestPlan(other, makePlan(), { author: 'me' });
    expect(seen).toEqual([]);
    await ingestPlan(db, makePlan({ saves: ['m'] }), { author: 'me' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.flat()).toEqual(expect.arrayContaining(['sessions', 'nodes', 'artifacts']));
    unsubscribe();
    const count = seen.length;
    await updateSettings(db, { author: 'x' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBe(count);
  });

  it('sees writes made through another connection to the same database', async () => {
    const db = track(freshDb());
    const other = track(new ThreadlineDB(db.name));
    const seen: string[] = [];
    const unsubscribe = subscribeToChanges(db, (tables) => seen.push(...tables));
    await ingestPlan(other, makePlan(), { author: 'me' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toContain('sessions');
    unsubscribe();
  });
});

describe('dedupe by digest', () => {
  const notebook = (k: number) =>
    new TextEncoder().encode(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [], source: `import lineapy\na = ${k}\nb = a * 2` },
          { cell_type: 'code', metadata: {}, execution_count: 2, outputs: [], source: 'lineapy.save(b, "doubled")' },
        ],
      }),
    );
  const plan = (name: string, k: number, createdAt?: number) => buildIngestPlan(name, notebook(k), createdAt === undefined ? {} : { now: () => createdAt });

  it('an unchanged file of the same notebook stores nothing and returns the latest session, flagged', async () => {
    const db = track(freshDb());
    const first = await ingestPlan(db, await plan('churn.ipynb', 1), { author: 'me' });
    expect(first.unchanged).toBeUndefined();
    const before = await countRows(db);
    const again = await ingestPlan(db, await plan('Churn.ipynb', 1), { author: 'me' });
    expect(again.unchanged).toBe(true);
    expect(again.session).toEqual(first.session);
    expect(again.artifacts.map((a) => [a.name, a.version, a.id])).toEqual(first.artifacts.map((a) => [a.name, a.version, a.id]));
    expect(await countRows(db)).toEqual(before);
    expect(total(before)).toBeGreaterThan(0);
  });

  it('an edited file adds a version (and bumps the artifact); the digest is compared with the latest version only', async () => {
    const db = track(freshDb());
    await ingestPlan(db, await plan('churn.ipynb', 1, 1000), { author: 'me' });
    const edited = await ingestPlan(db, await plan('churn.ipynb', 2, 2000), { author: 'me' });
    expect(edited.unchanged).toBeUndefined();
    expect(edited.artifacts.map((a) => a.version)).toEqual([1]);
    // Back to the first content: not the latest version, so it is a new version.
    const reverted = await ingestPlan(db, await plan('churn.ipynb', 1, 3000), { author: 'me' });
    expect(reverted.unchanged).toBeUndefined();
    expect((await listSessions(db)).map((s) => s.id)).toEqual([reverted.session.id, edited.session.id, expect.any(String)]);
    expect((await latestSessionOf(db, 'churn.ipynb'))?.id).toBe(reverted.session.id);
  });

  it('the same content under another notebook key is stored', async () => {
    const db = track(freshDb());
    await ingestPlan(db, await plan('churn.ipynb', 1), { author: 'me' });
    const other = await ingestPlan(db, await plan('churn copy.ipynb', 1), { author: 'me' });
    expect(other.unchanged).toBeUndefined();
    expect(await listSessions(db)).toHaveLength(2);
  });

  it('two ingests of one file at once store it once (the check is inside the write transaction)', async () => {
    const db = track(freshDb());
    const digest = fakeDigest('same-bytes');
    const results = await Promise.all([0, 1, 2].map(() => ingestPlan(db, makePlan({ name: 'race.ipynb', sourceDigest: digest, saves: ['m'] }), { author: 'me' })));
    expect(results.filter((r) => !r.unchanged)).toHaveLength(1);
    const stored = results.find((r) => !r.unchanged)!;
    expect(results.every((r) => r.session.id === stored.session.id)).toBe(true);
    expect((await countRows(db)).sessions).toBe(1);
    expect((await countRows(db)).artifacts).toBe(1);
  });
});
