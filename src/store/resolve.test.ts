import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousIdError, NotFoundError } from '../core/errors';
import type { Artifact } from '../core/model';
import { resolveArtifact, resolveNode, resolveSession } from './resolve';
import { parseArtifactFilter } from './query';
import { ingestPlan } from './sessions';
import { freshDb, makePlan, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

describe('prefix resolution over the store', () => {
  it('resolves sessions, artifacts (by id or digest) and nodes; ambiguous prefixes list candidates', async () => {
    const db = track(freshDb());
    const a = makePlan({ saves: ['m'] });
    const b = makePlan();
    a.session.id = 'aaaa1111-0000';
    a.sourceCodes.forEach((s) => (s.sessionId = a.session.id));
    a.nodes.forEach((n) => (n.sessionId = a.session.id));
    a.execution.sessionId = a.session.id;
    b.session.id = 'aaaa2222-0000';
    b.sourceCodes.forEach((s) => (s.sessionId = b.session.id));
    b.nodes.forEach((n) => (n.sessionId = b.session.id));
    b.execution.sessionId = b.session.id;
    const { artifacts } = await ingestPlan(db, a, { author: 'me' });
    await ingestPlan(db, b, { author: 'me' });
    expect((await resolveSession(db, 'AAAA1')).id).toBe(a.session.id);
    const amb = await resolveSession(db, 'aaaa').catch((e: unknown) => e);
    expect(amb).toBeInstanceOf(AmbiguousIdError);
    expect((amb as AmbiguousIdError).candidates).toEqual([a.session.id, b.session.id]);
    await expect(resolveSession(db, 'zzz')).rejects.toBeInstanceOf(NotFoundError);
    const art: Artifact = artifacts[0];
    expect((await resolveArtifact(db, art.id.slice(0, 8))).id).toBe(art.id);
    expect((await resolveArtifact(db, art.sliceDigest.slice(0, 10))).id).toBe(art.id);
    const node = a.nodes[4];
    expect((await resolveNode(db, a.session.id, node.id.slice(0, 12))).id).toBe(node.id);
    await expect(resolveNode(db, b.session.id, node.id.slice(0, 12))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('parseArtifactFilter', () => {
  it('splits fields from free text', () => {
    expect(parseArtifactFilter('churn tag:team=growth author:"Ada L" model')).toEqual({
      text: 'churn model',
      tag: { key: 'team', value: 'growth' },
      author: 'Ada L',
    });
    expect(parseArtifactFilter('tag:stage session:abc')).toEqual({ tag: { key: 'stage' }, sessionId: 'abc' });
    expect(parseArtifactFilter('  ')).toEqual({});
    expect(parseArtifactFilter('tag:')).toEqual({ text: 'tag:' });
  });
});
