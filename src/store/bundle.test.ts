import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors';
import { countRows, DATA_TABLES, type ThreadlineDB } from './db';
import { clearAllData, exportBundle, importBundle, type Bundle } from './bundle';
import { getArtifact, listArtifactVersions, nameArtifact, updateArtifact } from './artifacts';
import { ingestPlan } from './sessions';
import { freshDb, makePlan, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

async function populated(): Promise<ThreadlineDB> {
  const db = track(freshDb());
  const a = makePlan({ cells: 3, nodes: 11, values: true, saves: ['churn_model', 'chart'] });
  const b = makePlan({ name: 'other.py', nodes: 5, values: true, saves: ['churn_model'] });
  b.sourceCodes = b.sourceCodes.map((s) => ({ ...s, cellIndex: undefined, executionCount: null }));
  await ingestPlan(db, a, { author: 'ada' });
  await ingestPlan(db, b, { author: 'bob' });
  const named = await nameArtifact(db, {
    name: 'revenue', nodeId: a.nodes[5].id, sessionId: a.session.id, sliceDigest: 'abc', author: 'ada',
    description: 'monthly', tags: [{ key: 'team', value: 'finance' }, { key: 'team', value: 'growth' }],
  });
  await updateArtifact(db, named.id, { description: 'monthly revenue' });
  // a gap: delete churn_model v0 would change nothing structurally; keep a version gap via chart
  await nameArtifact(db, { name: 'chart', nodeId: a.nodes[3].id, sessionId: a.session.id, sliceDigest: 'x', author: 'ada' });
  await db.artifacts.where('[name+version]').equals(['chart', 0]).delete();
  return db;
}

async function snapshot(db: ThreadlineDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of DATA_TABLES) out[t] = await db.table(t).toArray();
  return out;
}

const clone = (b: Bundle): Record<string, unknown> => JSON.parse(JSON.stringify(b)) as Record<string, unknown>;

describe('bundle round trip', () => {
  it('export → clear → import gives equal data (through JSON text)', async () => {
    const db = await populated();
    const before = await snapshot(db);
    const bundle = await exportBundle(db);
    expect(bundle.format).toBe('threadline-bundle');
    expect(bundle.version).toBe(1);
    const text = JSON.stringify(bundle);
    await clearAllData(db);
    expect(Object.values(await countRows(db)).every((n) => n === 0)).toBe(true);
    const progress: Array<[number, number]> = [];
    const result = await importBundle(db, text, { onProgress: (done, total) => progress.push([done, total]) });
    const work = bundle.nodes.length + bundle.nodeValues.length + bundle.artifacts.length;
    expect(progress.at(-1)).toEqual([work, work]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((x, y) => x - y));
    expect(result).toEqual({ sessions: 2, artifacts: before.artifacts.length });
    expect(await snapshot(db)).toEqual(before);
    expect((await getArtifact(db, 'chart')).version).toBe(1); // the version gap survives
  });

  it('re-importing into the same store duplicates nothing', async () => {
    const db = await populated();
    const before = await snapshot(db);
    expect(await importBundle(db, await exportBundle(db))).toEqual({ sessions: 0, artifacts: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('importing into another store appends versions on name clashes and dedupes sessions by sourceDigest', async () => {
    const source = await populated();
    const bundle = await exportBundle(source);
    const target = track(freshDb());
    // Same notebook bytes already ingested in the target (different ids, same graph shape).
    const sameFile = makePlan({ cells: 3, nodes: 11, values: true, sourceDigest: bundle.sessions.find((s) => s.stats.nodes === 11)!.sourceDigest });
    await ingestPlan(target, sameFile, { author: 'me' });
    await nameArtifact(target, { name: 'churn_model', nodeId: sameFile.nodes[3].id, sessionId: sameFile.session.id, sliceDigest: 'q', author: 'me' });
    const result = await importBundle(target, bundle);
    expect(result.sessions).toBe(1); // only other.py is new
    expect((await countRows(target)).sessions).toBe(2);
    const churn = await listArtifactVersions(target, 'churn_model');
    expect(churn.map((a) => a.version)).toEqual([2, 1, 0]);
    // Imported artifacts of the deduped session point at the stored session's nodes.
    const imported = churn.filter((a) => a.version > 0);
    const nodeIds = new Set((await target.nodes.toArray()).map((n) => n.id));
    for (const a of await target.artifacts.toArray()) {
      expect(nodeIds.has(a.nodeId)).toBe(true);
      expect(await target.sessions.get(a.sessionId)).toBeDefined();
      expect(await target.executions.get(a.executionId)).toBeDefined();
    }
    expect(imported.some((a) => a.sessionId === sameFile.session.id)).toBe(true);
    expect((await countRows(target)).executions).toBe(2);
  });

  it('exports chosen artifacts with everything their sessions need', async () => {
    const db = await populated();
    const revenue = await getArtifact(db, 'revenue');
    const bundle = await exportBundle(db, { artifactIds: [revenue.id] });
    expect(bundle.artifacts.map((a) => a.name)).toEqual(['revenue']);
    expect(bundle.sessions.map((s) => s.id)).toEqual([revenue.sessionId]);
    expect(bundle.nodes.every((n) => n.sessionId === revenue.sessionId)).toBe(true);
    expect(bundle.nodes.length).toBe(11);
    const target = track(freshDb());
    expect(await importBundle(target, bundle)).toEqual({ sessions: 1, artifacts: 1 });
    expect(await getArtifact(target, 'revenue')).toEqual(revenue);
    await expect(exportBundle(db, { artifactIds: ['nope'] })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('bad bundles → InputError with the path, store unchanged', () => {
  type Mutator = (b: Record<string, unknown> & { [k: string]: unknown }) => unknown;
  const at = (b: Record<string, unknown>, table: string, i: number) => (b[table] as Record<string, unknown>[])[i];
  const cases: Array<[string, Mutator, string]> = [
    ['wrong format', (b) => ({ ...b, format: 'something-else' }), 'format'],
    ['missing format', (b) => ({ ...b, format: undefined }), 'format'],
    ['wrong version', (b) => ({ ...b, version: 2 }), 'version'],
    ['wrong type (createdAt as text)', (b) => { at(b, 'sessions', 1).createdAt = 'yesterday'; return b; }, 'sessions[1].createdAt'],
    ['wrong type (node kind)', (b) => { at(b, 'nodes', 2).kind = 'Banana'; return b; }, 'nodes[2].kind'],
    ['wrong type (version negative)', (b) => { at(b, 'artifacts', 0).version = -1; return b; }, 'artifacts[0].version'],
    ['missing table', (b) => { delete b.nodeValues; return b; }, 'nodeValues'],
    ['missing reference (artifact node)', (b) => { at(b, 'artifacts', 1).nodeId = 'ghost'; return b; }, 'artifacts[1].nodeId'],
    ['missing reference (call arg)', (b) => {
      const i = (b.nodes as { kind: string }[]).findIndex((n) => n.kind === 'Call');
      (at(b, 'nodes', i).args as { id: string }[])[0].id = 'ghost';
      return { b, path: `nodes[${i}].args[0].id` };
    }, ''],
    ['missing reference (source code session)', (b) => { at(b, 'sourceCodes', 0).sessionId = 'ghost'; return b; }, 'sourceCodes[0].sessionId'],
    ['missing reference (node value execution)', (b) => { at(b, 'nodeValues', 0).executionId = 'ghost'; return b; }, 'nodeValues[0].executionId'],
    ['duplicate name+version', (b) => {
      const arts = b.artifacts as Record<string, unknown>[];
      arts.push({ ...arts[0], id: 'copy' });
      return { b, path: `artifacts[${arts.length - 1}].version` };
    }, ''],
    ['bad artifact name', (b) => { at(b, 'artifacts', 0).name = 'a\nb'; return b; }, 'artifacts[0].name'],
    ['not an object', () => [1, 2, 3], '(top level)'],
    ['not JSON', () => '{"format": "threadline-bundle",', '(top level)'],
  ];

  for (const [label, mutate, expectedPath] of cases) {
    it(label, async () => {
      const source = await populated();
      const bundle = clone(await exportBundle(source));
      const target = await populated();
      const before = await snapshot(target);
      const out = mutate(bundle) as unknown;
      const { data, path } =
        out && typeof out === 'object' && 'path' in out && 'b' in out
          ? { data: (out as { b: unknown }).b, path: (out as { path: string }).path }
          : { data: out, path: expectedPath };
      const err = await importBundle(target, data).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).where).toBe(path);
      if (path !== '(top level)') expect((err as InputError).message).toContain(path);
      expect(await snapshot(target)).toEqual(before);
    });
  }
});
