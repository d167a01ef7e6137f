/** Tests only: the HTTP API cases every backend must pass (api.pglite.test.ts, api.postgres.test.ts). */
import { expect, it } from 'vitest';
import { bundleSchema } from '../store/bundle-schema';
import type { TeamArtifact } from './shares';
import { SCHEMA_VERSION } from './migrations';
import { newKey, shareBundle, type TestServer } from './testing';
import { createToken, listTokens, revokeToken } from './tokens';

type Share = { share: TeamArtifact; replayed?: boolean; unchanged?: boolean };

export function apiSuite(get: () => TestServer): void {
  const push = async (name: string, change: Record<string, unknown> = {}, as: 'write' | 'write2' | 'admin' = 'write', key = newKey()) => {
    const res = await get().call('/api/shares', { as, json: { idempotencyKey: key, bundle: shareBundle(name, change) } });
    return { res, body: (await res.json()) as Share & { error?: { code: string } }, key };
  };
  const countShares = async () => ((await (await get().call('/api/artifacts?limit=1', { as: 'read' })).json()) as { total: number }).total;

  it('answers /health without a token and /api only with one', async () => {
    const health = await fetch(`${get().url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, schemaVersion: SCHEMA_VERSION });
    expect((await get().call('/api/me', { as: null })).status).toBe(401);
    expect((await get().call('/api/me', { as: null, headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await get().call('/api/me', { as: null, headers: { Authorization: 'Bearer tl_unknown' } })).status).toBe(401);
    const me = await get().call('/api/me', { as: 'read' });
    expect(await me.json()).toEqual({ user: 'rita', role: 'read' });
    expect(get().logs.join('\n')).not.toContain(get().tokens.read);
  });

  it('a revoked token gets 401 at once; the list shows it revoked and never holds a token', async () => {
    const db = get().db;
    const token = await createToken(db, 'temp', 'write');
    const me = (t: string) => get().call('/api/me', { as: null, headers: { Authorization: `Bearer ${t}` } });
    expect((await me(token)).status).toBe(200);
    const listed = (await listTokens(db)).find((t) => t.user === 'temp')!;
    expect(listed).toMatchObject({ role: 'write', prefix: token.slice(0, 11) });
    expect(listed.revokedAt).toBeUndefined();
    expect(await revokeToken(db, 'tl_')).toEqual({ kind: 'none' });
    expect(await revokeToken(db, 'nope-no-such-id')).toEqual({ kind: 'none' });
    const revoked = await revokeToken(db, listed.prefix, 1234);
    expect(revoked).toMatchObject({ kind: 'revoked', token: { id: listed.id, revokedAt: 1234 } });
    expect((await me(token)).status).toBe(401);
    // Revoking again keeps the first time; the whole token pasted finds it too.
    expect(await revokeToken(db, token, 9999)).toMatchObject({ kind: 'revoked', token: { revokedAt: 1234 } });
    const after = await listTokens(db);
    expect(after.find((t) => t.id === listed.id)?.revokedAt).toBe(1234);
    expect(JSON.stringify(after)).not.toContain(token);
    expect((await get().call('/api/me', { as: 'write' })).status).toBe(200);
  });

  it('lets each role do only what it may', async () => {
    const read = await push('role_check', {}, 'write');
    expect(read.res.status).toBe(201);
    const denied = await get().call('/api/shares', { as: 'read', json: { idempotencyKey: newKey(), bundle: shareBundle('role_check') } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { message: string } }).error.message).toContain('write');
    const id = read.body.share.id;
    expect((await get().call(`/api/artifacts/${id}`, { as: 'read' })).status).toBe(200);
    expect((await get().call(`/api/artifacts/${id}`, { as: 'write', method: 'DELETE' })).status).toBe(403);
    expect((await get().call(`/api/artifacts/${id}`, { as: 'read', method: 'DELETE' })).status).toBe(403);
    expect((await get().call(`/api/artifacts/${id}`, { as: 'admin', method: 'DELETE' })).status).toBe(204);
    expect((await get().call(`/api/artifacts/${id}`, { as: 'read' })).status).toBe(404);
    expect((await get().call(`/api/artifacts/${id}`, { as: 'admin', method: 'DELETE' })).status).toBe(404);
  });

  it('gives versions 0, 1, 2 per name, replays a retried key and refuses a reused one with 409', async () => {
    const a = await push('versions_a');
    const b = await push('versions_a', { description: 'second' }, 'write2');
    const other = await push('versions_b');
    expect([a.res.status, b.res.status, other.res.status]).toEqual([201, 201, 201]);
    expect([a.body.share.version, b.body.share.version, other.body.share.version]).toEqual([0, 1, 0]);
    expect(b.body.share).toMatchObject({ name: 'versions_a', sharedBy: 'bo', description: 'second', sessionName: 'regional_sales.ipynb', localVersion: 0, nodes: 49 });
    const again = await push('versions_a', { description: 'second' }, 'write2', b.key);
    expect(again.res.status).toBe(200);
    expect(again.body).toEqual({ share: b.body.share, replayed: true });
    expect((await push('versions_a', { description: 'changed' }, 'write2', b.key)).res.status).toBe(409);
    expect((await push('versions_a', { description: 'second' }, 'write', b.key)).res.status).toBe(409);
    expect((await push('versions_a')).body.share.version).toBe(2);
  });

  it('makes no new version for a share of what the latest version already holds, whenever it was exported', async () => {
    const first = await push('unchanged_a', { description: 'one' });
    const again = await get().call('/api/shares', { as: 'write2', json: { idempotencyKey: newKey(), bundle: { ...shareBundle('unchanged_a', { description: 'one' }), exportedAt: 1_900_000_000_000 } } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ share: first.body.share, unchanged: true });
    // A change is a new version; going back to the first content is one more (it is not the latest).
    expect((await push('unchanged_a', { description: 'two' })).body.share.version).toBe(1);
    const back = await push('unchanged_a', { description: 'one' });
    expect([back.res.status, back.body.share.version, back.body.unchanged]).toEqual([201, 2, undefined]);
    const listed = (await (await get().call('/api/artifacts?name=unchanged_a&limit=10', { as: 'read' })).json()) as { total: number };
    expect(listed.total).toBe(3);
  });

  it('filters, sorts and pages the list in SQL', async () => {
    const tag = `run-${newKey()}`;
    for (const [name, who, desc] of [['list_x', 'write', 'alpha thing'], ['list_x', 'write2', 'beta'], ['list_y', 'write', '100% sure'], ['list_z', 'write2', 'gamma']] as const) {
      expect((await push(name, { description: desc, author: who, tags: [{ key: 'batch', value: tag }] }, who)).res.status).toBe(201);
    }
    const list = async (query: string) => (await (await get().call(`/api/artifacts?tag=${encodeURIComponent(`batch:${tag}`)}&${query}`, { as: 'read' })).json()) as { total: number; items: TeamArtifact[] };
    expect((await list('')).total).toBe(4);
    expect((await list('latest=1')).items.map((i) => `${i.name}@${i.version}`).sort()).toEqual(['list_x@1', 'list_y@0', 'list_z@0']);
    expect((await list('sharedBy=bo')).items.map((i) => i.name).sort()).toEqual(['list_x', 'list_z']);
    expect((await list('author=write')).total).toBe(2);
    expect((await list('q=ALPHA')).items.map((i) => i.name)).toEqual(['list_x']);
    expect((await list('q=%25')).items.map((i) => i.name)).toEqual(['list_y']);
    expect((await list('q=_')).total).toBe(4); // every name has an underscore; `_` is not a wildcard
    const byName = await list('sort=name&dir=asc&limit=2');
    expect(byName.total).toBe(4);
    expect(byName.items.map((i) => `${i.name}@${i.version}`)).toEqual(['list_x@1', 'list_x@0']);
    expect((await list('sort=name&dir=asc&limit=2&offset=2')).items.map((i) => i.name)).toEqual(['list_y', 'list_z']);
    expect((await list('sort=name&dir=asc&offset=10')).items).toEqual([]);
    for (const bad of ['limit=201', 'limit=-1', 'sort=id', 'sort=name;drop', 'dir=up', 'latest=yes', 'offset=1e3']) {
      const res = await get().call(`/api/artifacts?${bad}`, { as: 'read' });
      expect(res.status, bad).toBe(422);
    }
  });

  it('pulls the bundle as pushed, valid for import', async () => {
    const { body } = await push('pulled', { tags: [{ key: 'k', value: 'v' }] });
    const res = await get().call(`/api/artifacts/${body.share.id}/bundle`, { as: 'read' });
    expect(res.status).toBe(200);
    const bundle = bundleSchema.parse(await res.json());
    expect(bundle.artifacts.map((a) => a.name)).toEqual(['pulled']);
    expect(bundle.nodes).toHaveLength(49);
    expect((await get().call('/api/artifacts/no-such-id/bundle', { as: 'read' })).status).toBe(404);
  });

  it('answers each kind of bad request with its code and changes nothing', async () => {
    const before = await countShares();
    const cases: Array<[string, RequestInit, number, string]> = [
      ['/api/shares', { method: 'POST', body: '{nope', headers: { 'Content-Type': 'application/json' } }, 400, 'bad_json'],
      ['/api/shares', { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain' } }, 415, 'unsupported_media_type'],
      ['/api/shares', { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json' } }, 422, 'invalid'],
      ['/api/shares', { method: 'GET' }, 405, 'method_not_allowed'],
      ['/api/nothing', {}, 404, 'not_found'],
      ['/api/artifacts/../../etc', {}, 404, 'not_found'],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await get().call(path, init);
      expect(res.status, path).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const invalid = async (body: unknown) => {
      const res = await get().call('/api/shares', { json: body });
      expect(res.status).toBe(422);
      return ((await res.json()) as { error: { problems: Array<{ path: string }> } }).error.problems.map((p) => p.path);
    };
    expect(await invalid({ idempotencyKey: 'short', bundle: shareBundle('x') })).toEqual(['idempotencyKey']);
    expect(await invalid({ idempotencyKey: "k'; DROP TABLE shares;--", bundle: shareBundle('x') })).toEqual(['idempotencyKey']);
    expect(await invalid({ idempotencyKey: newKey(), bundle: shareBundle('x', { version: -1 }) })).toContain('bundle.artifacts[0].version');
    expect(await invalid({ idempotencyKey: newKey(), bundle: shareBundle('x', { nodeId: 'missing' }) })).toContain('bundle.artifacts[0].nodeId');
    const two = shareBundle('x');
    two.artifacts.push({ ...two.artifacts[0], id: 'another', name: 'y' });
    expect(await invalid({ idempotencyKey: newKey(), bundle: two })).toEqual(['bundle.artifacts']);
    expect(await invalid({ idempotencyKey: newKey(), bundle: { ...shareBundle('x'), format: 'zip' } })).toEqual(['bundle.format']);
    expect(await invalid({ idempotencyKey: newKey(), bundle: shareBundle('x', { description: 'a\u0000b', tags: [{ key: 'k', value: '\u0000' }] }) })).toEqual([
      'bundle.artifacts[0].description',
      'bundle.artifacts[0].tags[0].value',
    ]);
    const hostile = ["x'); DELETE FROM shares;--", '%', "' OR 1=1 --", '\u0000', 'a'.repeat(999)];
    for (const h of hostile) {
      for (const p of ['q', 'name', 'sharedBy', 'author', 'tag']) {
        const res = await get().call(`/api/artifacts?${p}=${encodeURIComponent(p === 'tag' ? `k:${h}` : h)}`, { as: 'read' });
        expect([200, 422], `${p}=${h}`).toContain(res.status);
      }
      expect((await get().call(`/api/artifacts/${encodeURIComponent(h)}`, { as: 'admin', method: 'DELETE' })).status).toBe(404);
    }
    expect(await countShares()).toBe(before);
    expect((await fetch(`${get().url}/health`)).status).toBe(200);
  });

  it('stores hostile names and tags verbatim as data, and never lets a __proto__ key reach an object', async () => {
    const names = ["x'); DROP TABLE shares;--", '../../etc/passwd', '..\\..\\boot.ini', '%2e%2e%2fsecret', 'Robert"); --'];
    for (const name of names) {
      const tags = [
        { key: '__proto__', value: 'polluted' },
        { key: 'constructor', value: "'; DELETE FROM tokens;--" },
        { key: 'sql', value: "1' OR '1'='1" },
      ];
      const { res, body } = await push(name, { tags });
      expect(res.status, name).toBe(201);
      expect(body.share).toMatchObject({ name, version: 0, tags });
      const got = (await (await get().call(`/api/artifacts/${body.share.id}`, { as: 'read' })).json()) as Share;
      expect(got.share.name).toBe(name);
      expect(got.share.tags).toEqual(tags);
      expect(Object.getPrototypeOf(got.share.tags[0])).toBe(Object.prototype);
      const byTag = (await (await get().call(`/api/artifacts?tag=${encodeURIComponent('__proto__:polluted')}&name=${encodeURIComponent(name)}`, { as: 'read' })).json()) as { total: number };
      expect(byTag.total).toBe(1);
    }
    // A raw `__proto__` member in the body (JSON.stringify never writes one): refused or ignored, never merged.
    const raw = JSON.stringify({ idempotencyKey: newKey(), bundle: shareBundle('proto_body') }).replace('{"idempotencyKey"', '{"__proto__":{"polluted":true},"idempotencyKey"');
    const res = await get().call('/api/shares', { method: 'POST', body: raw, headers: { 'Content-Type': 'application/json' } });
    expect([201, 422]).toContain(res.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Tokens survived every hostile value above.
    expect((await get().call('/api/me', { as: 'read' })).status).toBe(200);
  });

  it('refuses a body over the cap with 413', async () => {
    const big = JSON.stringify({ idempotencyKey: newKey(), bundle: shareBundle('big', { description: 'x'.repeat(300_000) }) });
    const res = await get().call('/api/shares', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    // Streamed without a Content-Length: refused once the count passes the cap.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 16_384) c.enqueue(bytes.subarray(i, i + 16_384));
        c.close();
      },
    });
    const streamed = await get().call('/api/shares', { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('numbers 50 concurrent pushes of one name 0 … 49 with no gap or repeat', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => push('concurrent', { description: `push ${i}` }, i % 2 ? 'write' : 'write2')));
    expect(results.map((r) => r.res.status)).toEqual(Array(50).fill(201));
    expect(results.map((r) => r.body.share.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const listed = (await (await get().call('/api/artifacts?name=concurrent&limit=200&sort=version&dir=asc', { as: 'read' })).json()) as { total: number; items: TeamArtifact[] };
    expect(listed.total).toBe(50);
    expect(listed.items.map((i) => i.version)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Replaying all 50 at once makes nothing new.
    const replays = await Promise.all(results.map((r, i) => push('concurrent', { description: `push ${i}` }, i % 2 ? 'write' : 'write2', r.key)));
    expect(replays.map((r) => r.res.status)).toEqual(Array(50).fill(200));
    expect(((await (await get().call('/api/artifacts?name=concurrent&limit=1', { as: 'read' })).json()) as { total: number }).total).toBe(50);
  });
}
