import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../core/digest';
import type { Execution, NodeValue } from '../core/model';
import { ingestPlan, deleteSession } from './sessions';
import { INTERRUPTED_MESSAGE, KEPT_RUNS, latestRun, runExecutionIds, saveRun, saveVerification, startRun, sweepInterruptedRuns } from './runs';
import { exportBundle, importBundle } from './bundle';
import { failingMutation, freshDb, makePlan, trackDatabases } from './test-fixtures';
import type { ThreadlineDB } from './db';

const track = trackDatabases(afterEach);

function runOf(sessionId: string, nodeIds: string[], opts: Partial<Execution> = {}): { execution: Execution; nodeValues: NodeValue[] } {
  const execution: Execution = { id: newId(), sessionId, startedAt: 1000, endedAt: 2000, mode: 'run', status: 'ok', ...opts };
  return {
    execution,
    nodeValues: nodeIds.map((nodeId, i) => ({
      nodeId,
      executionId: execution.id,
      value: `${i}`,
      mime: 'text/plain',
      valueType: 'value',
      typeName: 'int',
      startedAt: 1100,
      endedAt: 1200,
    })),
  };
}

async function ingested(db: ThreadlineDB, saves: string[] = []) {
  const plan = makePlan({ values: true, saves });
  const result = await ingestPlan(db, plan, { author: 'me' });
  return { plan, artifacts: result.artifacts };
}

describe('runs', () => {
  it('saves a run with its values; latestRun returns the newest finished run', async () => {
    const db = track(freshDb());
    const { plan } = await ingested(db);
    const sid = plan.session.id;
    expect(await latestRun(db, sid)).toBeUndefined();

    const first = runOf(sid, [plan.nodes[2].id, plan.nodes[3].id], { startedAt: 1000 });
    await saveRun(db, first);
    const errored = runOf(sid, [plan.nodes[2].id], { startedAt: 3000, status: 'error', error: 'Cell 2, line 1: ZeroDivisionError' });
    await saveRun(db, errored);

    const latest = await latestRun(db, sid);
    expect(latest?.execution).toEqual(errored.execution);
    // Values recorded before the error are kept.
    expect(latest?.values).toEqual(errored.nodeValues);
    expect((await runExecutionIds(db, sid)).sort()).toEqual([first.execution.id, errored.execution.id].sort());
    // The static execution's values are untouched.
    expect(await db.nodeValues.where('executionId').equals(plan.execution.id).count()).toBe(plan.nodeValues.length);
  });

  it('startRun writes a running execution that saveRun replaces; it leaves other running rows alone', async () => {
    const db = track(freshDb());
    const { plan } = await ingested(db);
    const sid = plan.session.id;
    const other = await startRun(db, sid, 500, 'tab-b');
    const running = await startRun(db, sid, 1000, 'tab-a');
    // The other row may be a live run in another tab: only the sweep may close it.
    expect((await db.executions.get(other.id))?.status).toBe('running');
    expect((await db.executions.get(running.id))).toMatchObject({ status: 'running', lease: 'tab-a' });
    // A running execution is not "the latest run" yet.
    expect(await latestRun(db, sid)).toBeUndefined();

    const done = runOf(sid, [plan.nodes[2].id], { id: running.id, startedAt: running.startedAt });
    await saveRun(db, done);
    expect((await latestRun(db, sid))?.execution).toEqual(done.execution);
    await expect(startRun(db, 'no-such-session')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('the start-up sweep marks runs of closed tabs interrupted, never a live tab\'s or a newer one', async () => {
    const db = track(freshDb());
    const { plan } = await ingested(db);
    const sid = plan.session.id;
    const closed = await startRun(db, sid, 100, 'tab-closed');
    const legacy = await startRun(db, sid, 200); // written before leases existed
    const live = await startRun(db, sid, 300, 'tab-live');
    const late = await startRun(db, sid, 5000, 'tab-new'); // its tab may have locked after the query
    const finished = runOf(sid, [plan.nodes[2].id], { startedAt: 50 });
    await saveRun(db, finished);
    const before = await db.executions.get(plan.execution.id);

    const marked = await sweepInterruptedRuns(db, (lease) => lease === 'tab-live', 4000, 4500);
    expect(marked.map((e) => e.id).sort()).toEqual([closed.id, legacy.id].sort());
    expect(await db.executions.get(closed.id)).toEqual({ id: closed.id, sessionId: sid, startedAt: 100, endedAt: 4500, mode: 'run', status: 'interrupted', error: INTERRUPTED_MESSAGE });
    expect((await db.executions.get(legacy.id))?.status).toBe('interrupted');
    expect((await db.executions.get(live.id))?.status).toBe('running');
    expect((await db.executions.get(late.id))?.status).toBe('running');
    expect(await db.executions.get(finished.execution.id)).toEqual(finished.execution);
    expect(await db.executions.get(plan.execution.id)).toEqual(before);
    // An interrupted run is a finished run: it shows as the latest one.
    expect((await latestRun(db, sid))?.execution).toMatchObject({ id: legacy.id, status: 'interrupted' });
    // A second sweep changes nothing.
    expect(await sweepInterruptedRuns(db, (lease) => lease === 'tab-live', 4000)).toEqual([]);
  });

  it('is all or nothing, and refuses values of other executions or sessions', async () => {
    const db = track(freshDb());
    const { plan } = await ingested(db);
    const other = makePlan();
    await ingestPlan(db, other, { author: 'me' });
    const sid = plan.session.id;

    const wrongExec = runOf(sid, [plan.nodes[2].id]);
    wrongExec.nodeValues[0] = { ...wrongExec.nodeValues[0], executionId: 'x' };
    await expect(saveRun(db, wrongExec)).rejects.toMatchObject({ kind: 'input' });
    await expect(saveRun(db, runOf(sid, [other.nodes[2].id]))).rejects.toMatchObject({ kind: 'input' });
    await expect(saveRun(db, runOf(sid, [plan.nodes[2].id, plan.nodes[2].id]))).rejects.toMatchObject({ kind: 'input' });
    await expect(saveRun(db, runOf('gone', []))).rejects.toMatchObject({ kind: 'not-found' });
    expect(await runExecutionIds(db, sid)).toEqual([]);
  });

  it('rolls back the execution when writing the values fails', async () => {
    const db = freshDb();
    db.use(failingMutation('nodeValues', () => new DOMException('boom', 'UnknownError'), 2));
    track(db);
    const { plan } = await ingested(db); // mutation 1: the ingest's values
    const run = runOf(plan.session.id, [plan.nodes[2].id]);
    await expect(saveRun(db, run)).rejects.toBeTruthy();
    expect(await db.executions.get(run.execution.id)).toBeUndefined();
  });

  it(`keeps the newest ${KEPT_RUNS} runs and those an artifact points to`, async () => {
    const db = track(freshDb());
    const { plan } = await ingested(db);
    const sid = plan.session.id;
    const runs = Array.from({ length: KEPT_RUNS + 3 }, (_, i) => runOf(sid, [plan.nodes[2].id], { startedAt: 1000 + i }));
    await saveRun(db, runs[0]);
    await db.artifacts.add({
      id: newId(),
      name: 'pinned',
      version: 0,
      nodeId: plan.nodes[2].id,
      executionId: runs[0].execution.id,
      sessionId: sid,
      createdAt: 1,
      author: 'me',
      description: '',
      tags: [],
      tagKeys: [],
      sliceDigest: 'd',
    });
    for (const r of runs.slice(1)) await saveRun(db, r);
    const kept = new Set(await runExecutionIds(db, sid));
    expect(kept).toEqual(new Set([runs[0], ...runs.slice(-KEPT_RUNS)].map((r) => r.execution.id)));
    expect(await db.nodeValues.where('executionId').equals(runs[1].execution.id).count()).toBe(0);
  });

  it('deleting the session deletes its runs', async () => {
    const db = track(freshDb());
    const { plan } = await ingested(db);
    await saveRun(db, runOf(plan.session.id, [plan.nodes[2].id]));
    await deleteSession(db, plan.session.id);
    expect(await db.executions.count()).toBe(0);
    expect(await db.nodeValues.count()).toBe(0);
  });
});

describe('verification', () => {
  it('is stored with the artifact version and survives a bundle round trip', async () => {
    const db = track(freshDb());
    const { artifacts } = await ingested(db, ['model']);
    const a = artifacts[0];
    const saved = await saveVerification(db, a.id, { verified: true, original: '42', slice: '42' }, 1234);
    expect(saved.verification).toEqual({ verified: true, original: '42', slice: '42', at: 1234 });
    expect((await db.artifacts.get(a.id))?.verification).toEqual(saved.verification);

    const long = 'x'.repeat(20_000);
    const again = await saveVerification(db, a.id, { verified: false, original: long, slice: '1' }, 2000);
    expect(again.verification?.verified).toBe(false);
    expect(again.verification!.original.length).toBeLessThan(10_100);
    expect(again.verification!.original).toMatch(/cut at 10,000 characters/);

    const bundle = await exportBundle(db);
    const target = track(freshDb());
    await importBundle(target, JSON.parse(JSON.stringify(bundle)));
    expect((await target.artifacts.get(a.id))?.verification).toEqual(again.verification);

    await expect(saveVerification(db, 'nope', { verified: true, original: '', slice: '' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('records which slice it checked (fine or whole-block), through a bundle round trip; older records have none', async () => {
    const db = track(freshDb());
    const { artifacts } = await ingested(db, ['model']);
    const [a] = artifacts;
    const fine = await saveVerification(db, a.id, { verified: true, original: '42', slice: '42', mode: 'fine' }, 10);
    expect(fine.verification).toEqual({ verified: true, original: '42', slice: '42', at: 10, mode: 'fine' });
    const whole = await saveVerification(db, a.id, { verified: true, original: '42', slice: '42', mode: 'whole' }, 20);
    expect(whole.verification?.mode).toBe('whole');
    // A caller that does not say leaves it out (as records written before it was kept).
    const unsaid = await saveVerification(db, a.id, { verified: true, original: '42', slice: '42' }, 30);
    expect(unsaid.verification).not.toHaveProperty('mode');

    await saveVerification(db, a.id, { verified: false, original: '1', slice: '2', mode: 'fine' }, 40);
    const bundle = JSON.parse(JSON.stringify(await exportBundle(db)));
    const target = track(freshDb());
    await importBundle(target, bundle);
    expect((await target.artifacts.get(a.id))?.verification).toEqual({ verified: false, original: '1', slice: '2', at: 40, mode: 'fine' });

    // A bundle written before `mode` existed still imports.
    for (const artifact of bundle.artifacts) if (artifact.verification) delete artifact.verification.mode;
    const older = track(freshDb());
    await importBundle(older, bundle);
    expect((await older.artifacts.get(a.id))?.verification).toEqual({ verified: false, original: '1', slice: '2', at: 40 });
  });
});

describe('package downloads setting', () => {
  it('is off by default, can be turned on, and only takes booleans', async () => {
    const { getSettings, updateSettings } = await import('./settings');
    const db = track(freshDb());
    expect((await getSettings(db)).allowPackageDownloads).toBe(false);
    expect((await updateSettings(db, { allowPackageDownloads: true })).allowPackageDownloads).toBe(true);
    await expect(updateSettings(db, { allowPackageDownloads: 'yes' as unknown as boolean })).rejects.toMatchObject({ kind: 'input' });
    expect((await getSettings(db)).allowPackageDownloads).toBe(true);
  });
});
