import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, InputError } from '../core/errors';
import { countRows, DATA_TABLES, type ThreadlineDB } from './db';
import { DEFAULT_MAX_OUTPUT_CHARS } from '../core/ingest';
import { TRUNCATION_MARKER } from '../core/run';
import { newId } from '../core/digest';
import type { LineageNode } from '../core/model';
import { BUNDLE_VERSION, bundleJsonParts, clearAllData, exportBundle, importBundle, InvalidBundleError, MAX_PROBLEMS, type Bundle } from './bundle';
import { TABLES } from './bundle-validate';
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
    const progress: Array<[string, number, number]> = [];
    const result = await importBundle(db, text, { onProgress: (p) => progress.push([p.phase, p.done, p.total]) });
    const work = TABLES.reduce((n, t) => n + bundle[t].length, 0);
    expect(progress.find(([phase]) => phase === 'checking')).toEqual(['checking', work, work]);
    expect(progress.at(-1)).toEqual(['writing', work, work]);
    const written = progress.filter(([phase]) => phase === 'writing').map(([, d]) => d);
    expect(written).toEqual([...written].sort((x, y) => x - y));
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

describe('bundle formats', () => {
  it('a bundle from a newer format is refused with a sentence that says to update, and nothing is written', async () => {
    const bundle = clone(await exportBundle(await populated()));
    const target = await populated();
    const before = await snapshot(target);
    const err = await importBundle(target, JSON.stringify({ ...bundle, version: BUNDLE_VERSION + 1 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe('version');
    expect((err as Error).message).toBe(
      `This bundle was written by a newer version of Threadline (format ${BUNDLE_VERSION + 1}); this app reads up to format ${BUNDLE_VERSION}. Update Threadline to import it. Nothing was changed.`,
    );
    expect(await snapshot(target)).toEqual(before);
  });

  it('a version that is no format number (0, text) is refused with a sentence', async () => {
    const bundle = clone(await exportBundle(await populated()));
    for (const version of [0, '1']) {
      const err = await importBundle(track(freshDb()), { ...bundle, version }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/^This bundle has version (0|"1"), which is not a bundle format version/);
    }
  });
});

/** The bundle an attacker builds: the id of a stored session, but a graph of its own. */
async function sameIdOtherGraph(db: ThreadlineDB): Promise<Bundle> {
  const bundle = await exportBundle(db);
  const session = bundle.sessions[0];
  const others = bundle.nodes.filter((n) => n.sessionId === session.id);
  const fresh = new Map(others.map((n) => [n.id, newId()]));
  const renumber = (n: LineageNode): LineageNode => {
    const copy = structuredClone(n) as LineageNode & Record<string, unknown>;
    copy.id = fresh.get(n.id)!;
    if (copy.kind === 'Call') {
      copy.functionId = fresh.get(copy.functionId)!;
      copy.args = copy.args.map((a) => ({ ...a, id: fresh.get(a.id)! }));
    }
    return copy;
  };
  const nodes = others.map(renumber);
  const execution = bundle.executions.find((e) => e.sessionId === session.id)!;
  const call = nodes.find((n) => n.kind === 'Call')!;
  return {
    ...bundle,
    sessions: [{ ...session, bindings: session.bindings.map((x) => ({ ...x, nodeId: fresh.get(x.nodeId)! })) }],
    sourceCodes: bundle.sourceCodes.filter((s) => s.sessionId === session.id),
    nodes,
    executions: [execution],
    nodeValues: nodes.map((n) => ({ nodeId: n.id, executionId: execution.id, value: 'planted', mime: 'text/plain', valueType: 'value' as const })),
    artifacts: [{ ...bundle.artifacts[0], id: newId(), name: 'planted', version: 0, nodeId: call.id, sessionId: session.id, executionId: execution.id }],
  };
}

async function expectStoreIntact(db: ThreadlineDB): Promise<void> {
  const nodeIds = new Set(await db.nodes.toCollection().primaryKeys());
  for (const a of await db.artifacts.toArray()) expect(nodeIds.has(a.nodeId), `artifact ${a.name} points at a stored node`).toBe(true);
  for (const v of await db.nodeValues.toArray()) expect(nodeIds.has(v.nodeId), 'node value points at a stored node').toBe(true);
}

describe('referential integrity against the store', () => {
  it('a stored session id with different content is a conflict: a sentence, nothing written', async () => {
    const db = await populated();
    const before = await snapshot(db);
    // The whole stored session plus one new node and an artifact on it.
    const bundle = await exportBundle(db);
    const session = bundle.sessions[0];
    const mine = bundle.nodes.filter((n) => n.sessionId === session.id);
    const extra: LineageNode = { id: newId(), sessionId: session.id, kind: 'Lookup', seq: mine.length, names: [], name: 'len' };
    bundle.nodes.push(extra);
    bundle.artifacts.push({ ...bundle.artifacts[0], id: newId(), name: 'planted', version: 0, nodeId: extra.id, sessionId: session.id,
      executionId: bundle.executions.find((e) => e.sessionId === session.id)!.id });
    const err = await importBundle(db, bundle).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe(
      `This bundle cannot be imported: session "${session.name}" (sessions[0]) has the id of a session already stored here, but different content (the bundle has ${mine.length + 1} nodes for it, the stored session ${mine.length}). Nothing was changed.`,
    );
    expect(await snapshot(db)).toEqual(before);
    // A graph of its own under the stored id: also a conflict.
    const other = await importBundle(db, await sameIdOtherGraph(db)).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ConflictError);
    expect((other as Error).message).toContain('has the id of a session already stored here, but different content');
    expect(await snapshot(db)).toEqual(before);
  });

  it('no artifact version can point at a node that is not stored (dangling artifact node)', async () => {
    const db = await populated();
    const bundle = await sameIdOtherGraph(db);
    bundle.nodeValues = [];
    await importBundle(db, bundle).catch(() => undefined);
    expect(await db.artifacts.where('name').equals('planted').count()).toBe(0);
    await expectStoreIntact(db);
  });

  it('no node value is written for a node that is not stored (dangling node value)', async () => {
    const db = await populated();
    const bundle = await sameIdOtherGraph(db);
    bundle.artifacts = [];
    const valuesBefore = await db.nodeValues.count();
    await importBundle(db, bundle).catch(() => undefined);
    expect(await db.nodeValues.count()).toBe(valuesBefore);
    await expectStoreIntact(db);
  });

  it('a stored session re-imported with the same content is idempotent, and its new runs are added', async () => {
    const db = await populated();
    const bundle = await exportBundle(db);
    const session = bundle.sessions[0];
    const run = { id: newId(), sessionId: session.id, startedAt: 1, endedAt: 2, mode: 'run' as const, status: 'ok' as const };
    const node = bundle.nodes.find((n) => n.sessionId === session.id)!;
    bundle.executions.push(run);
    bundle.nodeValues.push({ nodeId: node.id, executionId: run.id, value: '42', mime: 'text/plain', valueType: 'value' });
    expect(await importBundle(db, bundle)).toEqual({ sessions: 0, artifacts: 0 });
    expect(await db.executions.get(run.id)).toEqual(run);
    expect(await db.nodeValues.get([node.id, run.id])).toMatchObject({ value: '42' });
    await expectStoreIntact(db);
  });

  it('a new session whose node id is stored in another session is a conflict naming the path', async () => {
    const db = await populated();
    const stored = await db.nodes.toCollection().first();
    const foreign = track(freshDb());
    await ingestPlan(foreign, makePlan({ nodes: 9, values: true, saves: ['m'] }), { author: 'z' });
    const bundle = clone(await exportBundle(foreign)) as unknown as Bundle;
    const victim = bundle.nodes.findIndex((n) => n.kind === 'Literal');
    const old = bundle.nodes[victim].id;
    bundle.nodes[victim].id = stored!.id; // keep the bundle self-consistent
    bundle.sessions[0].bindings = bundle.sessions[0].bindings.map((x) => (x.nodeId === old ? { ...x, nodeId: stored!.id } : x));
    for (const n of bundle.nodes) if (n.kind === 'Call') n.args = n.args.map((a) => (a.id === old ? { ...a, id: stored!.id } : a));
    for (const v of bundle.nodeValues) if (v.nodeId === old) v.nodeId = stored!.id;
    for (const a of bundle.artifacts) if (a.nodeId === old) a.nodeId = stored!.id;
    const before = await snapshot(db);
    const err = await importBundle(db, bundle).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe(
      `This bundle cannot be imported: nodes[${victim}] has the id of a record already stored in another session. Nothing was changed.`,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('a new session whose bindings point at another session\'s node is refused (cross-session binding)', async () => {
    const source = await populated();
    const bundle = clone(await exportBundle(source)) as unknown as Bundle;
    const [s0, s1] = bundle.sessions;
    const otherNode = bundle.nodes.find((n) => n.sessionId === s1.id)!;
    s0.bindings[0] = { ...s0.bindings[0], nodeId: otherNode.id };
    const target = track(freshDb());
    const err = await importBundle(target, bundle).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe('sessions[0].bindings[0].nodeId');
    expect((err as Error).message).toContain('sessions[0].bindings[0].nodeId refers to a node of another session');
    expect(await countRows(target)).toMatchObject({ sessions: 0, nodes: 0, artifacts: 0 });
  });
});

describe('hostile sizes', () => {
  it('1,000,000 invalid nodes: a bounded list of problems with paths, no stack overflow', async () => {
    const bundle = { format: 'threadline-bundle', version: 1, sessions: [], sourceCodes: [], executions: [], nodeValues: [], artifacts: [],
      nodes: Array.from({ length: 1_000_000 }, (_, i) => ({ id: `n${i}`, kind: 'Call' })) };
    const db = track(freshDb());
    const t0 = performance.now();
    const err = await importBundle(db, JSON.stringify(bundle)).catch((e: unknown) => e);
    console.log(`1,000,000 invalid nodes refused in ${Math.round(performance.now() - t0)} ms`);
    expect(err).toBeInstanceOf(InvalidBundleError);
    const problems = (err as InvalidBundleError).problems;
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(problems[0].path).toBe('nodes[0].sessionId');
    expect(problems.every((p) => p.text.startsWith(p.path))).toBe(true);
    expect((err as Error).message).toMatch(/^This bundle cannot be imported: nodes\[0\]\.sessionId: .+ \(and 99 more problems; checking stopped at 100\)\. Nothing was changed\.$/);
    expect(await countRows(db)).toMatchObject({ nodes: 0 });
  });

  it('a format nested 100,000 levels deep gets a sentence, not a RangeError', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const err = await importBundle(track(freshDb()), `{"format": ${deep}, "version": 1}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('This file is not a Threadline bundle: format is a list, expected "threadline-bundle". Nothing was changed.');
  });

  it('a 60 MB node value is cut and marked, as on ingest', async () => {
    const source = await populated();
    const bundle = await exportBundle(source);
    bundle.nodeValues[0].value = 'x'.repeat(60_000_000);
    const { nodeId, executionId } = bundle.nodeValues[0];
    const target = track(freshDb());
    await importBundle(target, bundle);
    const stored = await target.nodeValues.get([nodeId, executionId]);
    expect(stored!.truncated).toBe(true);
    expect(stored!.value.startsWith('x'.repeat(DEFAULT_MAX_OUTPUT_CHARS))).toBe(true);
    expect(stored!.value.slice(DEFAULT_MAX_OUTPUT_CHARS)).toBe(`\n${TRUNCATION_MARKER} 60,000,000 characters in full]`);
  });

  it('an oversized image is replaced by a marked note (a cut base64 image would be broken)', async () => {
    const source = await populated();
    const bundle = await exportBundle(source);
    Object.assign(bundle.nodeValues[1], { value: 'A'.repeat(DEFAULT_MAX_OUTPUT_CHARS * 20 + 4), mime: 'image/png', valueType: 'chart' });
    const { nodeId, executionId } = bundle.nodeValues[1];
    const target = track(freshDb());
    await importBundle(target, bundle);
    expect(await target.nodeValues.get([nodeId, executionId])).toMatchObject({
      mime: 'text/plain', truncated: true, value: '[image not kept: 2,000,004 characters of PNG data, over the limit of 2,000,000]',
    });
  });

  it('export parts join to the same JSON as one stringify', async () => {
    const db = await populated();
    const bundle = await exportBundle(db);
    const parts = bundleJsonParts(bundle, 3);
    expect(parts.length).toBeGreaterThan(8);
    expect(JSON.parse(parts.join(''))).toEqual(JSON.parse(JSON.stringify(bundle)));
  });
});
