/**
 * The app's team client and outbox flusher against a real `threadline serve` (PGlite in a
 * temporary folder) over HTTP, with the app's store on fake-indexeddb.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../server/db';
import { startTestServer, type TestServer } from '../../server/testing';
import {
  exportBundle,
  getArtifact,
  importBundle,
  listOutbox,
  loadSessionGraph,
  openThreadlineDb,
  pendingShares,
  queueShare,
  requeueAuthRefusals,
  type ThreadlineDB,
} from '../../store';
import { NO_SERVER_MESSAGE, TeamClient, TeamError, TeamUnreachableError } from './team-client';
import { flushOutbox, OutboxFlusher, FIRST_RETRY_MS } from './team-outbox';

const FIXTURE = JSON.parse(readFileSync(new URL('../../store/fixtures/bundle-v1.json', import.meta.url), 'utf8')) as {
  artifacts: Array<{ id: string; name: string }>;
};
const FIRST = FIXTURE.artifacts[0];

let n = 0;
async function workspace(): Promise<ThreadlineDB> {
  const db = openThreadlineDb(`team-${n++}-${Math.random()}`);
  await importBundle(db, structuredClone(FIXTURE));
  return db;
}

describe('team client and outbox against threadline serve (PGlite)', () => {
  let t: TestServer;
  let pg: Database;
  const dir = mkdtempSync(join(tmpdir(), 'threadline-team-client-'));
  beforeAll(async () => {
    pg = await openPglite(dir);
    t = await startTestServer(pg);
  });
  afterAll(async () => {
    await t?.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (as: keyof TestServer['tokens'] | undefined, fetchImpl?: typeof fetch) =>
    new TeamClient({ base: t.url, token: async () => (as ? t.tokens[as] : undefined), ...(fetchImpl ? { fetch: fetchImpl } : {}) });

  it('health says there is a team server; who am I', async () => {
    expect(await client('write').health()).toMatchObject({ kind: 'ok', database: 'pglite' });
    expect(await client('write').me()).toEqual({ user: 'ana', role: 'write' });
    expect(await client('read').me()).toEqual({ user: 'rita', role: 'read' });
  });

  it('tells a page with no team server (HTML or 404 answers) from an unreachable one', async () => {
    const html: typeof fetch = async () => new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    expect(await client('write', html).health()).toEqual({ kind: 'absent' });
    const notFound: typeof fetch = async () => new Response('Not found', { status: 404 });
    await expect(client('write', notFound).me()).rejects.toThrow(NO_SERVER_MESSAGE);
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await client('write', down).health()).toEqual({ kind: 'unreachable' });
    await expect(client('write', down).me()).rejects.toBeInstanceOf(TeamUnreachableError);
  });

  it('a wrong token is a 401 with the server’s sentence; no token is refused before any request', async () => {
    const wrong = new TeamClient({ base: t.url, token: async () => 'tl_not-a-real-token' });
    await expect(wrong.me()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    let calls = 0;
    const counting: typeof fetch = async (...a) => (calls++, fetch(...a));
    await expect(client(undefined, counting).me()).rejects.toMatchObject({ code: 'no_token' });
    expect(calls).toBe(0);
  });

  it('flushes queued shares oldest first; the team assigns versions 0, 1 per name', async () => {
    const db = await workspace();
    const name = `flush-${Date.now()}`;
    // Rename locally so the team name is fresh for this test.
    await db.artifacts.update(FIRST.id, { name });
    await queueShare(db, FIRST.id);
    await db.artifacts.update(FIRST.id, { description: 'said more' });
    await queueShare(db, FIRST.id);
    const summary = await flushOutbox(db, client('write'));
    expect(summary).toEqual({ sent: 2, refused: 0, left: 0 });
    const sent = await listOutbox(db);
    expect(sent.map((e) => [e.state, e.teamVersion])).toEqual([
      ['sent', 0],
      ['sent', 1],
    ]);
    const team = await client('read').list({ name, sort: 'version', dir: 'asc' });
    expect(team.total).toBe(2);
    expect(team.items.map((a) => [a.version, a.sharedBy])).toEqual([
      [0, 'ana'],
      [1, 'ana'],
    ]);
  });

  it('sharing again an artifact the team already holds unchanged makes no new version, and says so', async () => {
    const db = await workspace();
    const name = `again-${Date.now()}`;
    await db.artifacts.update(FIRST.id, { name });
    await queueShare(db, FIRST.id);
    expect(await flushOutbox(db, client('write'))).toMatchObject({ sent: 1 });
    // Queued later (another export time), by another user: the same content.
    await queueShare(db, FIRST.id);
    expect(await flushOutbox(db, client('write2'))).toMatchObject({ sent: 1, refused: 0 });
    const entries = await listOutbox(db);
    expect(entries.map((e) => [e.state, e.teamVersion, e.unchanged ?? false]).sort()).toEqual([
      ['sent', 0, false],
      ['sent', 0, true],
    ]);
    expect((await client('read').list({ name })).total).toBe(1);
  });

  it('a reply lost after the server took the share: the retry replays it, no second version', async () => {
    const db = await workspace();
    const name = `lost-${Date.now()}`;
    await db.artifacts.update(FIRST.id, { name });
    await queueShare(db, FIRST.id);
    let lose = true;
    const losing: typeof fetch = async (...a) => {
      const res = await fetch(...a);
      if (lose && String(a[0]).endsWith('/api/shares')) {
        lose = false;
        throw new TypeError('network connection lost');
      }
      return res;
    };
    const c = client('write', losing);
    const first = await flushOutbox(db, c);
    expect(first).toMatchObject({ sent: 0, left: 1 });
    expect(first.waiting).toMatch(/cannot be reached/);
    expect((await pendingShares(db))[0]).toMatchObject({ attempts: 1 });
    expect(await flushOutbox(db, c)).toEqual({ sent: 1, refused: 0, left: 0 });
    const team = await client('read').list({ name });
    expect(team.total).toBe(1);
    expect((await listOutbox(db))[0]).toMatchObject({ state: 'sent', teamVersion: 0, teamId: team.items[0].id });
  });

  it('an unreachable server stops the round and keeps every share pending, in order', async () => {
    const db = await workspace();
    await queueShare(db, FIRST.id);
    await queueShare(db, FIXTURE.artifacts[1].id);
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const summary = await flushOutbox(db, client('write', down));
    expect(summary).toMatchObject({ sent: 0, refused: 0, left: 2 });
    const pending = await pendingShares(db);
    expect(pending.map((e) => e.attempts)).toEqual([1, 0]);
  });

  it('a read token is refused with the role it needs; a new token re-queues it and it goes', async () => {
    const db = await workspace();
    const name = `readonly-${Date.now()}`;
    await db.artifacts.update(FIRST.id, { name });
    await queueShare(db, FIRST.id);
    expect(await flushOutbox(db, client('read'))).toEqual({ sent: 0, refused: 1, left: 0 });
    const [refused] = await listOutbox(db);
    expect(refused).toMatchObject({ state: 'refused', refusedCode: 'forbidden' });
    expect(refused.message).toMatch(/needs the write role; your token has read/);
    expect((await client('read').list({ name })).total).toBe(0);
    expect(await requeueAuthRefusals(db)).toBe(1);
    expect(await flushOutbox(db, client('write2'))).toEqual({ sent: 1, refused: 0, left: 0 });
    expect((await client('read').list({ name })).items.map((a) => a.sharedBy)).toEqual(['bo']);
  });

  it('a share the server finds invalid is refused with its problems, and the round goes on', async () => {
    const db = await workspace();
    const bad = await queueShare(db, FIRST.id);
    await db.outbox.update(bad.id, { bundle: { ...bad.bundle, artifacts: [] } });
    await queueShare(db, FIXTURE.artifacts[1].id);
    const summary = await flushOutbox(db, client('write'));
    expect(summary).toEqual({ sent: 1, refused: 1, left: 0 });
    const entries = await listOutbox(db);
    expect(entries[0]).toMatchObject({ state: 'refused', refusedCode: 'invalid' });
    expect(entries[0].message).toMatch(/artifact/);
  });

  it('Import to my workspace: the pulled bundle gives the artifact locally with its slice and graph', async () => {
    const from = await workspace();
    const name = `import-${Date.now()}`;
    await from.artifacts.update(FIRST.id, { name });
    await queueShare(from, FIRST.id);
    await flushOutbox(from, client('write'));
    const [share] = (await client('read').list({ name })).items;
    const text = await client('read').bundleText(share.id);
    const to = openThreadlineDb(`team-import-${Math.random()}`);
    const fromTeam = { teamId: share.id, name: share.name, version: share.version, sharedBy: share.sharedBy, sharedAt: share.sharedAt, importedAt: 1_800_000_000_000 };
    const result = await importBundle(to, JSON.parse(text), { fromTeam });
    expect(result).toEqual({ sessions: 1, artifacts: 1 });
    const local = await getArtifact(to, name);
    const original = await getArtifact(from, name);
    expect(local.sliceDigest).toBe(original.sliceDigest);
    // Where it came from is kept, and travels with it in a bundle; the sharer's own record has none.
    expect(local.fromTeam).toEqual(fromTeam);
    expect(original.fromTeam).toBeUndefined();
    const onward = openThreadlineDb(`team-onward-${Math.random()}`);
    await importBundle(onward, JSON.parse(JSON.stringify(await exportBundle(to))));
    expect((await getArtifact(onward, name)).fromTeam).toEqual(fromTeam);
    const graph = await loadSessionGraph(to, local.sessionId);
    expect(graph.nodes.length).toBe(share.nodes);
    expect(graph.nodes.some((node) => node.id === local.nodeId)).toBe(true);
  });

  it('a missing team artifact is a 404 TeamError', async () => {
    await expect(client('read').bundleText('00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(TeamError);
    await expect(client('read').bundleText('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ status: 404 });
  });
});

describe('OutboxFlusher', () => {
  it('one round at a time; waits with a doubling backoff while unreachable, and a success resets it', async () => {
    const db = await workspace();
    await queueShare(db, FIRST.id);
    let up = false;
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async () => {
      calls.push('share');
      if (!up) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ share: { id: 'x', version: 7 } }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    };
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const rounds: number[] = [];
    const flusher = new OutboxFlusher({
      db: () => db,
      client: new TeamClient({ base: 'http://team.invalid', token: async () => 'tok', fetch: fakeFetch }),
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {},
      onRound: (s) => rounds.push(s.sent),
    });
    flusher.start();
    await flusher.kick();
    await new Promise((r) => setTimeout(r, 0));
    expect(timers.map((x) => x.ms)).toEqual([FIRST_RETRY_MS]);
    timers.shift()!.fn();
    await flusher.kick();
    await new Promise((r) => setTimeout(r, 0));
    expect(timers.map((x) => x.ms)).toEqual([FIRST_RETRY_MS * 2]);
    up = true;
    timers.shift()!.fn();
    await flusher.kick();
    await new Promise((r) => setTimeout(r, 0));
    expect(rounds).toEqual([1]);
    expect(timers).toEqual([]);
    expect((await listOutbox(db))[0]).toMatchObject({ state: 'sent', teamVersion: 7 });
    flusher.stop();
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });
});
