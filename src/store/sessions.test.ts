import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../core/errors';
import { getNodeValues, getSession, ingestPlan, listSessions, loadSessionGraph, staticExecutionOf } from './sessions';
import { subscribeToChanges } from './changes';
import { getSettings, updateSettings } from './settings';
import { ThreadlineDB } from './db';
import { freshDb, makePlan, trackDatabases } from './test-fixtures';

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
    expect(await getSettings(db)).toEqual({ author: 'me', theme: 'system', allowPackageDownloads: false, maxIngestMB: 100, maxNodes: 500_000 });
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
