import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError } from '../core/errors';
import type { IngestPlan } from '../core/model';
import { countRows, ThreadlineDB } from './db';
import {
  countArtifacts,
  deleteAllArtifactVersions,
  deleteArtifactVersion,
  getArtifact,
  listArtifacts,
  listArtifactVersions,
  nameArtifact,
  nextVersion,
  sameCodeAs,
  updateArtifact,
  type NameArtifactInput,
} from './artifacts';
import { deleteSession, getNodeValues, ingestPlan } from './sessions';
import { fakeDigest, freshDb, makePlan, staleArtifactReads, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

async function seeded(opts: Parameters<typeof makePlan>[0] = {}): Promise<{ db: ThreadlineDB; plan: IngestPlan }> {
  const db = track(freshDb());
  const plan = makePlan({ values: true, ...opts });
  await ingestPlan(db, plan, { author: 'me' });
  return { db, plan };
}

function input(plan: IngestPlan, name: string, nodeIndex = 3, extra: Partial<NameArtifactInput> = {}): NameArtifactInput {
  return { name, nodeId: plan.nodes[nodeIndex].id, sessionId: plan.session.id, sliceDigest: `d-${nodeIndex}`, author: 'ada', ...extra };
}

describe('version numbering', () => {
  it('0 for a new name, then 1; re-naming the same node bumps', async () => {
    const { db, plan } = await seeded();
    expect(await nextVersion(db, 'churn_model')).toBe(0);
    const v0 = await nameArtifact(db, input(plan, 'churn_model'));
    const v1 = await nameArtifact(db, input(plan, 'churn_model'));
    expect([v0.version, v1.version]).toEqual([0, 1]);
    expect(v1.nodeId).toBe(v0.nodeId);
    expect(v0.executionId).toBe(plan.execution.id);
    expect(await nextVersion(db, '  churn_model ')).toBe(2);
    expect((await nameArtifact(db, input(plan, 'other'))).version).toBe(0);
  });

  it('counts across sessions, including lineapy.save artifacts of an ingest', async () => {
    const { db, plan } = await seeded({ saves: ['model'] });
    const second = makePlan({ saves: ['model', 'model'] });
    const { artifacts } = await ingestPlan(db, second, { author: 'me' });
    expect(artifacts.map((a) => a.version)).toEqual([1, 2]);
    const a = await nameArtifact(db, input(plan, 'model'));
    expect(a.version).toBe(3);
    const b = await nameArtifact(db, input(second, 'model', 5));
    expect(b.version).toBe(4);
  });

  it('versions continue from the max after a deletion of the latest', async () => {
    const { db, plan } = await seeded();
    await nameArtifact(db, input(plan, 'm'));
    await nameArtifact(db, input(plan, 'm'));
    await deleteArtifactVersion(db, 'm', 1);
    expect((await nameArtifact(db, input(plan, 'm'))).version).toBe(1);
  });

  it('validates the name and the node', async () => {
    const { db, plan } = await seeded();
    await expect(nameArtifact(db, input(plan, '   '))).rejects.toBeInstanceOf(InputError);
    await expect(nameArtifact(db, input(plan, 'a\tb'))).rejects.toBeInstanceOf(InputError);
    await expect(nameArtifact(db, input(plan, 'x'.repeat(201)))).rejects.toBeInstanceOf(InputError);
    await expect(nameArtifact(db, { ...input(plan, 'm'), nodeId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    const other = makePlan();
    await ingestPlan(db, other, { author: 'me' });
    await expect(nameArtifact(db, { ...input(plan, 'm'), sessionId: other.session.id })).rejects.toBeInstanceOf(InputError);
    expect((await countRows(db)).artifacts).toBe(0);
    const trimmed = await nameArtifact(db, input(plan, '  spaced name  '));
    expect(trimmed.name).toBe('spaced name');
  });
});

describe('concurrency', () => {
  it('two connections naming the same artifact 20 times each, interleaved → exactly 0..39', async () => {
    const { db, plan } = await seeded();
    const other = track(new ThreadlineDB(db.name));
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      writes.push(nameArtifact(db, input(plan, 'race')));
      writes.push(nameArtifact(other, input(plan, 'race', 5)));
    }
    await Promise.all(writes);
    const versions = (await listArtifactVersions(db, 'race')).map((a) => a.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a stale read (another tab won the race) hits the unique index and retries', async () => {
    const { db, plan } = await seeded();
    await nameArtifact(db, input(plan, 'race'));
    await nameArtifact(db, input(plan, 'race'));
    const racer = new ThreadlineDB(db.name);
    const stale = staleArtifactReads(2);
    racer.use(stale);
    track(racer);
    const a = await nameArtifact(racer, input(plan, 'race'));
    expect(stale.staleReads()).toBe(2); // two attempts read a stale max and hit ConstraintError
    expect(a.version).toBe(2);
    expect((await listArtifactVersions(db, 'race')).map((x) => x.version)).toEqual([2, 1, 0]);
  });

  it('gives up with a ConflictError (and writes nothing) when every attempt loses', async () => {
    const { db, plan } = await seeded();
    await nameArtifact(db, input(plan, 'race'));
    const racer = track(new ThreadlineDB(db.name));
    racer.use(staleArtifactReads(1000));
    await expect(nameArtifact(racer, input(plan, 'race'), { maxAttempts: 3 })).rejects.toBeInstanceOf(ConflictError);
    expect((await countRows(db)).artifacts).toBe(1);
  });
});

describe('get, list, edit, delete', () => {
  it('gets the latest or a given version; not-found suggests the closest names', async () => {
    const { db, plan } = await seeded();
    await nameArtifact(db, input(plan, 'churn_model'));
    await nameArtifact(db, input(plan, 'churn_model'));
    await nameArtifact(db, input(plan, 'revenue_chart'));
    expect((await getArtifact(db, 'churn_model')).version).toBe(1);
    expect((await getArtifact(db, 'churn_model', 0)).version).toBe(0);
    const missing = await getArtifact(db, 'churn_modle').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).suggestions[0]).toBe('churn_model');
    expect((missing as NotFoundError).message).toContain('Did you mean "churn_model"');
    const noVersion = await getArtifact(db, 'churn_model', 7).catch((e: unknown) => e);
    expect(noVersion).toBeInstanceOf(NotFoundError);
    expect((noVersion as Error).message).toContain('no version 7');
    const far = await getArtifact(db, 'zzzzzzzzzzzzzzzzzzz').catch((e: unknown) => e);
    expect((far as NotFoundError).suggestions).toEqual([]);
  });

  it('lists newest first and filters by text, tag, session, author, dates, with paging', async () => {
    const { db, plan } = await seeded();
    const other = makePlan({ name: 'other.ipynb' });
    await ingestPlan(db, other, { author: 'me' });
    const t0 = Date.now();
    const a = await nameArtifact(db, input(plan, 'churn_model', 3, { tags: [{ key: 'team', value: 'growth' }] }));
    await new Promise((r) => setTimeout(r, 5));
    const b = await nameArtifact(db, input(plan, 'revenue', 3, { author: 'bob', tags: [{ key: 'team', value: 'finance' }] }));
    await new Promise((r) => setTimeout(r, 5));
    const c = await nameArtifact(db, input(other, 'Churn_chart', 3, { tags: [{ key: 'stage', value: 'draft' }] }));
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    expect(ids(await listArtifacts(db))).toEqual([c.id, b.id, a.id]);
    expect(ids(await listArtifacts(db, { text: 'churn' }))).toEqual([c.id, a.id]);
    expect(ids(await listArtifacts(db, { text: a.id.slice(0, 8) }))).toEqual([a.id]);
    expect(ids(await listArtifacts(db, { tag: { key: 'team' } }))).toEqual([b.id, a.id]);
    expect(ids(await listArtifacts(db, { tag: { key: 'team', value: 'growth' } }))).toEqual([a.id]);
    expect(ids(await listArtifacts(db, { sessionId: other.session.id }))).toEqual([c.id]);
    expect(ids(await listArtifacts(db, { author: 'bob' }))).toEqual([b.id]);
    expect(ids(await listArtifacts(db, { from: b.createdAt }))).toEqual([c.id, b.id]);
    expect(ids(await listArtifacts(db, { from: t0, to: b.createdAt }))).toEqual([b.id, a.id]);
    expect(ids(await listArtifacts(db, { offset: 1, limit: 1 }))).toEqual([b.id]);
    expect(await countArtifacts(db, { text: 'churn' })).toBe(2);
    expect(await countArtifacts(db, { sessionId: plan.session.id })).toBe(2);
    expect(await countArtifacts(db, { sessionId: other.session.id })).toBe(1);
  });

  it('edits description and tags only, keeping tagKeys in sync', async () => {
    const { db, plan } = await seeded();
    const a = await nameArtifact(db, input(plan, 'm'));
    const updated = await updateArtifact(db, a.id, {
      description: ' the model ',
      tags: [{ key: 'team', value: 'a' }, { key: 'team', value: 'b' }, { key: ' stage ', value: 'prod' }],
    });
    expect(updated).toMatchObject({ name: 'm', version: 0, nodeId: a.nodeId, createdAt: a.createdAt, description: 'the model' });
    expect(updated.tagKeys).toEqual(['team', 'stage']);
    const sneaky = { name: 'hacked', version: 9, tags: [] } as unknown as { tags: [] };
    const again = await updateArtifact(db, a.id, sneaky);
    expect(again).toMatchObject({ name: 'm', version: 0, tagKeys: [] });
    expect(await db.artifacts.where('tagKeys').equals('team').count()).toBe(0);
    await expect(updateArtifact(db, a.id, { tags: [{ key: '', value: 'x' }] })).rejects.toBeInstanceOf(InputError);
    await expect(updateArtifact(db, 'nope', { description: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes a version, the latest, or all; run values only that artifact used go; sessions stay', async () => {
    const { db, plan } = await seeded();
    const nodeA = plan.nodes[3].id;
    const nodeB = plan.nodes[5].id;
    // A run execution with recorded values for both nodes.
    const runId = 'run-execution-1';
    await db.executions.add({ id: runId, sessionId: plan.session.id, startedAt: 1, mode: 'run', status: 'ok' });
    await db.nodeValues.bulkAdd([
      { nodeId: nodeA, executionId: runId, value: '1', mime: 'text/plain', valueType: 'value' },
      { nodeId: nodeB, executionId: runId, value: '2', mime: 'text/plain', valueType: 'value' },
    ]);
    const onRun = { executionId: runId };
    await nameArtifact(db, input(plan, 'm', 3, onRun)); // v0 on node A
    await nameArtifact(db, input(plan, 'm', 3, onRun)); // v1 on node A
    await nameArtifact(db, input(plan, 'm', 5, onRun)); // v2 on node B
    await nameArtifact(db, input(plan, 'keep', 5, onRun)); // node B also used by "keep"
    await nameArtifact(db, input(plan, 'static', 3)); // on the static execution

    await deleteArtifactVersion(db, 'm', 0);
    expect(await getNodeValues(db, nodeA)).toHaveLength(2); // v1 still uses the run value
    await expect(deleteArtifactVersion(db, 'm', 0)).rejects.toBeInstanceOf(NotFoundError);

    const latest = await deleteArtifactVersion(db, 'm', 2);
    expect(latest.version).toBe(2);
    expect(await getNodeValues(db, nodeB)).toHaveLength(2); // "keep" still uses it

    expect(await deleteAllArtifactVersions(db, 'm')).toBe(1);
    const left = await getNodeValues(db, nodeA);
    expect(left.map((v) => v.executionId)).toEqual([plan.execution.id]); // run value gone, cell output stays

    await deleteAllArtifactVersions(db, 'static');
    expect(await getNodeValues(db, nodeA)).toHaveLength(1); // the notebook's own output is never deleted
    expect(await listArtifactVersions(db, 'm')).toEqual([]);
    const gone = await deleteAllArtifactVersions(db, 'n').catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((await countRows(db)).sessions).toBe(1);
    expect((await countRows(db)).nodes).toBe(plan.nodes.length);
  });

  it('sameCodeAs finds the latest other version with the same slice digest', async () => {
    const { db, plan } = await seeded();
    const v0 = await nameArtifact(db, input(plan, 'm', 3));
    const v1 = await nameArtifact(db, input(plan, 'm', 5));
    const v2 = await nameArtifact(db, input(plan, 'm', 3));
    expect(await sameCodeAs(db, v2)).toBe(0);
    expect(await sameCodeAs(db, v0)).toBe(2);
    expect(await sameCodeAs(db, v1)).toBeUndefined();
  });

  it('deleting a session removes its rows and artifacts but not other sessions', async () => {
    const { db, plan } = await seeded({ saves: ['x'] });
    const other = makePlan({ values: true, saves: ['x'] });
    // A new version of the notebook whose "x" slice changed, so it stores a version of its own.
    other.artifacts[0].sliceDigest = fakeDigest('x, changed');
    await ingestPlan(db, other, { author: 'me' });
    await nameArtifact(db, input(plan, 'y'));
    await deleteSession(db, plan.session.id);
    expect(await countRows(db)).toEqual({
      sessions: 1, sourceCodes: other.sourceCodes.length, nodes: other.nodes.length, executions: 1,
      nodeValues: other.nodes.length, artifacts: 1,
    });
    await expect(deleteSession(db, plan.session.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
