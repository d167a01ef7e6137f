/**
 * Artifacts follow the notebook (issue 17.6): each new version of a notebook re-derives the
 * artifacts of its earlier versions, in the ingest's transaction. Real analyses of real
 * notebooks (fake-indexeddb): an unchanged slice creates nothing and says "same code as vN",
 * a changed one creates v+1 on the new session's node, an anchor that no longer resolves is
 * "not found" with candidates and nothing changes; `lineapy.save` artifacts follow the same rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIngestPlan } from '../core/ingest';
import { createSlicer } from '../core/slice';
import { sha256Hex } from '../core/digest';
import { anchorOf, followText } from '../core/history/anchor';
import { anchorInStore } from './follow-artifacts';
import { nameArtifact, listArtifactVersions } from './artifacts';
import { exportBundle, importBundle, remapOutcome, validateBundle } from './bundle';
import { ingestPlan, loadSessionGraph } from './sessions';
import { freshDb, trackDatabases } from './test-fixtures';
import type { ThreadlineDB } from './db';

const track = trackDatabases(afterEach);

/** An .ipynb of the given code cells. */
function notebook(cells: string[]): Uint8Array {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { language_info: { name: 'python' } },
    cells: cells.map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null })),
  };
  return new TextEncoder().encode(JSON.stringify(nb));
}

async function ingest(db: ThreadlineDB, cells: string[], name = 'churn.ipynb') {
  return ingestPlan(db, await buildIngestPlan(name, notebook(cells)), { author: 'ada' });
}

/** Names the latest binding of `variable` in a session, as the UI does (digest of its slice). */
async function nameVariable(db: ThreadlineDB, sessionId: string, variable: string, name: string) {
  const graph = await loadSessionGraph(db, sessionId);
  const binding = graph.session.bindings.find((b) => b.name === variable);
  if (!binding) throw new Error(`no binding ${variable}`);
  const sliceDigest = await sha256Hex(createSlicer(graph).slice([binding.nodeId]).code);
  return nameArtifact(db, { name, nodeId: binding.nodeId, sessionId, sliceDigest, author: 'ada', description: 'the model', tags: [{ key: 'team', value: 'x' }] });
}

const V1 = ['import math\nrate = 0.5\n', 'features = [1, 2, 3]\n', 'model = sum(features) * rate\n', 'print(model)\n'];

describe('named artifacts follow the notebook', () => {
  it('keeps the anchor when named', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    const a = await nameVariable(db, session.id, 'model', 'churn_model');
    expect(a.origin).toBe('named');
    expect(a.anchor).toEqual({ variable: 'model', statement: 'model = sum(features) * rate', occurrence: 0, cellIndex: 2 });
  });

  it('the anchor read from the store (only the cell and the nodes bearing the name) is the whole graph\'s', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, ['a, b = 1, 2\nrate = a + b\n', 'rate = a + b\nprint(rate)\n', 'print(a * 3)\n']);
    const graph = await loadSessionGraph(db, session.id);
    const located = graph.nodes.filter((n) => n.location);
    expect(located.length).toBeGreaterThan(5);
    for (const node of located) {
      const stored = await db.transaction('r', [db.nodes, db.sourceCodes], () => anchorInStore(db, node));
      expect(stored).toEqual(anchorOf(graph, node.id));
    }
  });

  it('slice unchanged: no new version, "same code as v0"', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    await nameVariable(db, session.id, 'model', 'churn_model');
    // An edit outside the slice (the print cell), and a new cell.
    const r = await ingest(db, [...V1.slice(0, 3), 'print(model, "done")\n', 'x = 1\n']);
    expect(r.unchanged).toBeUndefined();
    expect(r.followed).toEqual([{ name: 'churn_model', outcome: 'same-code', sameAs: 0, sentence: 'Same code as v0.' }]);
    expect(r.session.followed).toEqual(r.followed);
    expect(r.artifacts).toEqual([]);
    expect((await listArtifactVersions(db, 'churn_model')).map((a) => a.version)).toEqual([0]);
    expect(followText(r.followed![0])).toBe('churn_model: same code as v0');
  });

  it('slice changed: v1 on the new session\'s node, with its anchor, tags and description', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    await nameVariable(db, session.id, 'model', 'churn_model');
    const r = await ingest(db, ['import math\nrate = 0.25\n', ...V1.slice(1)]);
    expect(r.followed).toMatchObject([{ name: 'churn_model', outcome: 'new-version', version: 1 }]);
    const [latest, first] = await listArtifactVersions(db, 'churn_model');
    expect(first.version).toBe(0);
    expect(latest.version).toBe(1);
    expect(latest.sessionId).toBe(r.session.id);
    const graph = await loadSessionGraph(db, r.session.id);
    const node = graph.nodes.find((n) => n.id === latest.nodeId);
    expect(node?.names).toContain('model');
    expect(latest.sliceDigest).toBe(await sha256Hex(createSlicer(graph).slice([latest.nodeId]).code));
    expect(latest.sliceDigest).not.toBe(first.sliceDigest);
    expect(latest).toMatchObject({ origin: 'named', description: 'the model', tags: [{ key: 'team', value: 'x' }], anchor: { variable: 'model', cellIndex: 2 } });
    expect(followText(r.followed![0])).toBe('churn_model → v1 (slice changed)');
    // A third version with the same slice as v1: same code as v1, still two versions.
    const again = await ingest(db, ['import math\nrate = 0.25\n', ...V1.slice(1), '# note\n']);
    expect(again.followed).toMatchObject([{ name: 'churn_model', outcome: 'same-code', sameAs: 1 }]);
    expect(await listArtifactVersions(db, 'churn_model')).toHaveLength(2);
  });

  it('anchor unresolvable: not found with candidates, the artifact untouched, nothing created', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    const named = await nameVariable(db, session.id, 'model', 'churn_model');
    // The variable is renamed: no statement binds "model" any more.
    const r = await ingest(db, [V1[0], V1[1], 'fitted = sum(features) * rate\n', 'print(fitted)\n']);
    expect(r.followed).toHaveLength(1);
    const o = r.followed![0];
    expect(o).toMatchObject({ name: 'churn_model', outcome: 'not-found' });
    expect(o.version).toBeUndefined();
    expect(o.candidates?.map((c) => c.statement)).toEqual(['fitted = sum(features) * rate']);
    expect(o.sentence).toMatch(/not found in the latest version/);
    expect(followText(o)).toBe('churn_model: not found in the latest version (candidates: fitted)');
    expect(await listArtifactVersions(db, 'churn_model')).toEqual([named]);
  });

  it('two equally likely statements: not found, never re-pointed to either', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    await nameVariable(db, session.id, 'model', 'churn_model');
    const r = await ingest(db, [V1[0], V1[1], 'model = max(features) * rate\n', 'model = min(features) * rate\n']);
    expect(r.followed?.[0]).toMatchObject({ outcome: 'not-found' });
    expect(r.followed?.[0].candidates?.length).toBe(2);
    expect(await listArtifactVersions(db, 'churn_model')).toHaveLength(1);
  });

  it('an older artifact without an anchor gets one from its session when it follows', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    const named = await nameVariable(db, session.id, 'model', 'churn_model');
    await db.artifacts.update(named.id, { anchor: undefined, origin: undefined });
    expect((await db.artifacts.get(named.id))?.anchor).toBeUndefined();
    const r = await ingest(db, ['import math\nrate = 0.75\n', ...V1.slice(1)]);
    expect(r.followed).toMatchObject([{ name: 'churn_model', outcome: 'new-version', version: 1 }]);
  });

  it('a file identical to the latest version follows nothing', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    await nameVariable(db, session.id, 'model', 'churn_model');
    const r = await ingest(db, V1);
    expect(r.unchanged).toBe(true);
    expect(r.followed).toBeUndefined();
  });

  it('another notebook does not follow', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    await nameVariable(db, session.id, 'model', 'churn_model');
    const r = await ingest(db, ['import math\nrate = 0.25\n', ...V1.slice(1)], 'other.ipynb');
    expect(r.followed).toBeUndefined();
    expect(await listArtifactVersions(db, 'churn_model')).toHaveLength(1);
  });

  it('bundles keep the anchor and the outcomes, and validate', async () => {
    const db = track(freshDb());
    const { session } = await ingest(db, V1);
    await nameVariable(db, session.id, 'model', 'churn_model');
    await ingest(db, [V1[0], V1[1], 'fitted = sum(features) * rate\n']);
    const bundle = await exportBundle(db);
    expect(bundle.artifacts[0].anchor?.variable).toBe('model');
    expect(bundle.sessions.some((s) => s.followed?.[0]?.outcome === 'not-found')).toBe(true);
    const checked = validateBundle(JSON.parse(JSON.stringify(bundle)));
    expect(checked.artifacts[0].anchor).toEqual(bundle.artifacts[0].anchor);
    expect(checked.sessions.find((s) => s.followed)?.followed).toEqual(bundle.sessions.find((s) => s.followed)?.followed);
  });
});

const SAVED = (rate: string, extra = '') => ['import lineapy\n', `rate = ${rate}\nfeatures = [1, 2]\n`, 'model = sum(features) * rate\nlineapy.save(model, "model")\nlineapy.save(features, "features")\n', `print(rate)${extra}\n`];

describe('lineapy.save artifacts follow by name, by the same rule', () => {
  it('unchanged slices create no version; a changed one creates v+1', async () => {
    const db = track(freshDb());
    const first = await ingest(db, SAVED('0.5'));
    expect(first.artifacts.map((a) => [a.name, a.version, a.origin])).toEqual([['model', 0, 'save'], ['features', 0, 'save']]);
    expect(first.followed).toBeUndefined();
    const same = await ingest(db, SAVED('0.5', ' # edited'));
    expect(same.artifacts).toEqual([]);
    expect(same.followed).toEqual([
      { name: 'model', outcome: 'same-code', sameAs: 0, sentence: 'Same code as v0.' },
      { name: 'features', outcome: 'same-code', sameAs: 0, sentence: 'Same code as v0.' },
    ]);
    // The rate feeds model's slice, not features'.
    const changed = await ingest(db, SAVED('0.9'));
    expect(changed.followed).toEqual([
      { name: 'model', outcome: 'new-version', version: 1, sentence: 'The slice changed: new version v1.' },
      { name: 'features', outcome: 'same-code', sameAs: 0, sentence: 'Same code as v0.' },
    ]);
    expect(changed.artifacts.map((a) => [a.name, a.version, a.sessionId])).toEqual([['model', 1, changed.session.id]]);
  });

  it('a save the new version dropped is not found, with where its value is now', async () => {
    const db = track(freshDb());
    await ingest(db, SAVED('0.5'));
    const r = await ingest(db, ['import lineapy\n', 'rate = 0.5\nfeatures = [1, 2]\n', 'model = sum(features) * rate\nlineapy.save(model, "model")\n']);
    expect(r.followed?.find((o) => o.name === 'model')).toMatchObject({ outcome: 'same-code', sameAs: 0 });
    const gone = r.followed?.find((o) => o.name === 'features');
    expect(gone).toMatchObject({ outcome: 'not-found' });
    expect(gone?.candidates?.map((c) => c.variable)).toEqual(['features']);
    expect(await listArtifactVersions(db, 'features')).toHaveLength(1);
  });

  it('a record from before origins existed is told apart by its lineapy.save', async () => {
    const db = track(freshDb());
    const first = await ingest(db, SAVED('0.5'));
    for (const a of first.artifacts) await db.artifacts.update(a.id, { origin: undefined });
    const r = await ingest(db, ['import lineapy\n', 'rate = 0.5\nfeatures = [1, 2]\n', 'model = sum(features) * rate\nlineapy.save(model, "model")\n']);
    expect(r.followed?.find((o) => o.name === 'features')?.sentence).toMatch(/lineapy\.save/);
  });
});

describe('a bundle import keeps follow outcomes pointing at what it stored', () => {
  it('versions renumbered on a name clash are renumbered in the outcomes too; candidates point at stored nodes', async () => {
    const source = track(freshDb());
    const first = await ingest(source, V1);
    await nameVariable(source, first.session.id, 'model', 'churn_model');
    const changed = await ingest(source, ['import math\nrate = 0.25\n', ...V1.slice(1)]);
    expect(changed.followed).toMatchObject([{ outcome: 'new-version', version: 1, sentence: 'The slice changed since v0: new version v1.' }]);
    const same = await ingest(source, ['import math\nrate = 0.25\n', ...V1.slice(1), 'y = 2\n']);
    expect(same.followed).toMatchObject([{ outcome: 'same-code', sameAs: 1 }]);
    const gone = await ingest(source, ['import math\nrate = 0.25\n', V1[1], 'fitted = sum(features) * rate\n']);
    expect(gone.followed?.[0].outcome).toBe('not-found');
    const bundle = await exportBundle(source);

    // The target already has churn_model v0 and v1 from another notebook: the bundle's become v2 and v3.
    const target = track(freshDb());
    const other = await ingest(target, ['x = 1\n', 'model = x * 2\n'], 'other.ipynb');
    await nameVariable(target, other.session.id, 'model', 'churn_model');
    await nameVariable(target, other.session.id, 'x', 'churn_model');
    await importBundle(target, JSON.parse(JSON.stringify(bundle)));
    expect((await listArtifactVersions(target, 'churn_model')).map((a) => a.version)).toEqual([3, 2, 1, 0]);

    const stored = (await target.sessions.get(changed.session.id))!;
    expect(stored.followed).toMatchObject([{ outcome: 'new-version', version: 3, sentence: 'The slice changed since v2: new version v3.' }]);
    expect(followText(stored.followed![0])).toBe('churn_model → v3 (slice changed)');
    const v3 = (await listArtifactVersions(target, 'churn_model'))[0];
    expect(v3.sessionId).toBe(changed.session.id);
    expect((await target.sessions.get(same.session.id))!.followed).toMatchObject([{ outcome: 'same-code', sameAs: 3, sentence: 'Same code as v3.' }]);

    const notFound = (await target.sessions.get(gone.session.id))!.followed![0];
    const nodes = new Set(await target.nodes.where('sessionId').equals(gone.session.id).primaryKeys());
    expect(notFound.candidates?.length).toBeGreaterThan(0);
    for (const c of notFound.candidates!) expect(nodes.has(c.nodeId)).toBe(true);
  });

  it('remapOutcome renumbers the numbers and the "vN" words, not a quoted name, and maps candidate nodes', () => {
    const versions = new Map([[0, 4], [1, 5]]);
    expect(remapOutcome({ name: 'v1', outcome: 'new-version', version: 0, sentence: 'New artifact "v1" (v0).' }, versions, new Map())).toEqual({
      name: 'v1', outcome: 'new-version', version: 4, sentence: 'New artifact "v1" (v4).',
    });
    const o = remapOutcome(
      { name: 'm', outcome: 'not-found', candidates: [{ nodeId: 'a', variable: 'm', statement: 'm = 1', similarity: 0.7 }], sentence: 'gone' },
      undefined,
      new Map([['a', 'b']]),
    );
    expect(o.candidates?.[0].nodeId).toBe('b');
  });
});
