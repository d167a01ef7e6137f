/** Name and tag rules as the store applies them (issue 13): typed refusals, no migration. */
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactNameError } from '../core/names';
import { InputError } from '../core/errors';
import type { IngestPlan } from '../core/model';
import type { ThreadlineDB } from './db';
import { getArtifact, listArtifactVersions, nameArtifact, nextVersion, updateArtifact, type NameArtifactInput } from './artifacts';
import { ingestPlan } from './sessions';
import { freshDb, makePlan, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);
const composed = 'caf\u00e9_model';
const decomposed = 'cafe\u0301_model';

async function seeded(opts: Parameters<typeof makePlan>[0] = {}): Promise<{ db: ThreadlineDB; plan: IngestPlan }> {
  const db = track(freshDb());
  const plan = makePlan({ values: true, ...opts });
  await ingestPlan(db, plan, { author: 'me' });
  return { db, plan };
}

function input(plan: IngestPlan, name: string, extra: Partial<NameArtifactInput> = {}): NameArtifactInput {
  return { name, nodeId: plan.nodes[3].id, sessionId: plan.session.id, sliceDigest: 'd', author: 'ada', ...extra };
}

async function refusal(p: Promise<unknown>): Promise<ArtifactNameError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ArtifactNameError);
  return e as ArtifactNameError;
}

describe('naming applies the name rules', () => {
  it('stores names NFC, so café_model decomposed then composed is one name (v0, v1)', async () => {
    const { db, plan } = await seeded();
    const a = await nameArtifact(db, input(plan, decomposed));
    expect(a.name).toBe(composed);
    const b = await nameArtifact(db, input(plan, composed));
    expect([b.name, b.version]).toEqual([composed, 1]);
    expect(await nextVersion(db, decomposed)).toBe(2);
  });

  it.each([
    ['\u200b\u200b', 'invisible'],
    ['\u3164', 'invisible'],
    ['model\u202egnp.exe', 'bidi'],
    ['.', 'dot-segment'],
    ['..', 'dot-segment'],
  ])('refuses %j with a typed error (%s) and writes nothing', async (name, problem) => {
    const { db, plan } = await seeded();
    const before = await db.artifacts.count();
    expect((await refusal(nameArtifact(db, input(plan, name)))).problem).toBe(problem);
    expect(await db.artifacts.count()).toBe(before);
  });

  it.each(['churn_model\u200b', 'Churn_Model', '\u200bchurn_model'])('refuses %j as looking like churn_model, in nameArtifact and nextVersion', async (name) => {
    const { db, plan } = await seeded();
    await nameArtifact(db, input(plan, 'churn_model'));
    const e = await refusal(nameArtifact(db, input(plan, name)));
    expect(e.problem).toBe('looks-like');
    expect(e.existing).toBe('churn_model');
    expect(e.message).toContain('looks like the existing artifact "churn_model"');
    await refusal(nextVersion(db, name));
    expect(await db.artifacts.where('name').notEqual('churn_model').count()).toBe(0);
  });

  it('an old stored decomposed name is not rewritten; naming it again in either form continues its versions', async () => {
    const { db, plan } = await seeded();
    const old = await nameArtifact(db, input(plan, 'x'));
    await db.artifacts.put({ ...old, id: 'legacy', name: decomposed, version: 0 }); // as an old build stored it
    const next = await nameArtifact(db, input(plan, composed));
    expect([next.name, next.version]).toEqual([decomposed, 1]);
    expect((await getArtifact(db, composed)).version).toBe(1);
    expect((await listArtifactVersions(db, composed)).map((a) => a.version)).toEqual([1, 0]);
    expect((await db.artifacts.get('legacy'))?.name).toBe(decomposed);
  });
});

describe('lineapy.save names at ingest', () => {
  it('are NFC-normalised, and bad or look-alike ones become warnings, not artifacts', async () => {
    const { db } = await seeded({ saves: ['churn_model'] });
    const plan = makePlan({ saves: [decomposed, 'CHURN_MODEL', '\u200b', 'a\u202eb', composed, 'Caf\u00c9_MODEL'] });
    const { artifacts, session } = await ingestPlan(db, plan, { author: 'me' });
    expect(artifacts.map((a) => `${a.name}:${a.version}`)).toEqual([`${composed}:0`, `${composed}:1`]);
    const warnings = session.diagnostics.filter((d) => d.code === 'bad-artifact-name').map((d) => d.message);
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toContain('looks like the existing artifact "churn_model"');
    expect(warnings.join('\n')).toContain(`looks like the existing artifact "${composed}"`);
    expect(session.stats.diagnostics).toBe(session.diagnostics.length);
  });
});

describe('tags caps in the store', () => {
  it('refuses a 101st tag with a sentence and keeps the old tags', async () => {
    const { db, plan } = await seeded();
    const a = await nameArtifact(db, input(plan, 'tagged', { tags: [{ key: 'owner', value: 'Smith, John' }] }));
    const many = Array.from({ length: 101 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await expect(updateArtifact(db, a.id, { tags: many })).rejects.toThrow(InputError);
    await expect(updateArtifact(db, a.id, { tags: many })).rejects.toThrow('at most 100 tags; this list has 101. Remove 1');
    expect((await db.artifacts.get(a.id))?.tags).toEqual([{ key: 'owner', value: 'Smith, John' }]);
    await expect(nameArtifact(db, input(plan, 'tagged', { tags: many }))).rejects.toThrow('at most 100 tags');
  });
  it('a description edit of an old artifact with more tags than the cap leaves them alone', async () => {
    const { db, plan } = await seeded();
    const a = await nameArtifact(db, input(plan, 'old'));
    const huge = Array.from({ length: 1_000 }, (_, i) => ({ key: `k${i}`, value: '' }));
    await db.artifacts.put({ ...a, tags: huge, tagKeys: huge.map((t) => t.key) });
    const updated = await updateArtifact(db, a.id, { description: 'still fine' });
    expect(updated.tags).toHaveLength(1_000);
  });
});
