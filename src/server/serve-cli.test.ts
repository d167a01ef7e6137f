/**
 * `threadline serve` as users run it (a child process over PGlite, and over a throwaway
 * PostgreSQL cluster): token create, list and revoke, the app and the API on one origin, a
 * graceful SIGTERM, and a SIGKILL in the middle of pushes that leaves only whole shares with
 * gap-free versions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, scratchFiles, spawnCli } from '../cli/testing';
import { openPglite, openPostgres, type Database } from './db';
import { pgMissingReason, startCluster, type PgCluster } from './pg-cluster';
import { newKey, shareBundle } from './testing';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'threadline.mjs');
const { dir } = scratchFiles('serve');
const data = join(dir, 'data');
const dist = join(dir, 'dist');
mkdirSync(dist);
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');

/** Starts the server and resolves with its URL once it logs "listening". */
function serve(store: string[] = ['--data', data]): Promise<{ child: ChildProcess; url: string; lines: string[]; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...store, '--dist', dist], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const event = JSON.parse(line) as { msg: string; url?: string };
        if (event.msg === 'listening' && event.url) resolve({ child, url: event.url, lines, exited });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}`)));
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('threadline serve', () => {
  let token = '';

  it('makes a token, printed once', () => {
    const r = spawnCli(['serve', 'token', 'create', '--user', 'ana', '--role', 'write', '--data', data]);
    expect(r.status, r.stderr).toBe(0);
    token = r.stdout.trim();
    expect(token).toMatch(/^tl_[A-Za-z0-9_-]{40,}$/);
    expect(r.stderr).toContain('shown only now');
    expect(spawnCli(['serve', 'token', 'create', '--user', 'ana', '--role', 'owner', '--data', data]).status).toBe(2);
    const noApp = spawnCli(['serve', '--data', data, '--dist', join(dir, 'missing')]);
    expect(noApp.status).toBe(1);
    expect(noApp.stderr).toContain('no built app');
  });

  it('lists tokens without the secret part and revokes one by its printed prefix', async () => {
    const extra = spawnCli(['serve', 'token', 'create', '--user', 'temp', '--role', 'read', '--data', data]).stdout.trim();
    const list = spawnCli(['serve', 'token', 'list', '--data', data]);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${extra.slice(0, 11)}…`);
    expect(list.stdout).toContain(`${token.slice(0, 11)}…`);
    expect(list.stdout).not.toContain(extra);
    expect(list.stdout).not.toContain(token);
    const revoke = spawnCli(['serve', 'token', 'revoke', extra.slice(0, 11), '--data', data]);
    expect(revoke.status, revoke.stderr).toBe(0);
    expect(revoke.stderr).toContain('Revoked');
    expect(spawnCli(['serve', 'token', 'list', '--data', data]).stdout).toMatch(/"temp"\s+read\s+\S+\s+revoked/);
    const missing = spawnCli(['serve', 'token', 'revoke', 'zzzz-none', '--data', data]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no token matches');
    expect(spawnCli(['serve', 'token', 'revoke', '--data', data]).status).toBe(2);
  });

  it('serves the app and the API, and stops cleanly on SIGTERM', async () => {
    const s = await serve();
    expect(await (await fetch(`${s.url}/some/route`)).text()).toContain('<title>app</title>');
    expect(await (await fetch(`${s.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).json()).toEqual({ user: 'ana', role: 'write' });
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.lines.at(-1)).toContain('"stopped"');
    expect(s.lines.join('\n')).not.toContain(token);
  });

  it('keeps only whole shares with gap-free versions after a SIGKILL during pushes', async () => {
    await killDuringPushes(['--data', data], token, () => openPglite(data));
  });
});

/**
 * Starts `serve` on `store`, sends 30 pushes of one name at once, SIGKILLs the server once ten
 * have been answered, then reads the database directly: versions 0 … n-1 with no gap,
 * every acknowledged push among them, every row a whole bundle.
 */
async function killDuringPushes(store: string[], token: string, open: () => Promise<Database>): Promise<void> {
  const s = await serve(store);
  let answered = 0;
  let tenth!: () => void;
  const tenAnswered = new Promise<void>((r) => (tenth = r));
  // Each push a different content (the same one again would be the latest version, no new one).
  const push = (_: unknown, i: number) =>
    fetch(`${s.url}/api/shares`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: newKey(), bundle: shareBundle('killed', { description: `push ${i}` }) }),
    })
      .then((r) => r.status, () => 0)
      .finally(() => {
        if (++answered === 10) tenth();
      });
  const pushes = Array.from({ length: 30 }, push);
  // Killed with about 20 pushes still in flight (they are serialised per name on the server).
  await tenAnswered;
  s.child.kill('SIGKILL');
  await s.exited;
  const statuses = await Promise.all(pushes);
  const created = statuses.filter((x) => x === 201).length;
  expect(created).toBeGreaterThan(0);
  const db = await open();
  try {
    const rows = await db.query<{ version: number; bundle: string }>("SELECT version, bundle FROM shares WHERE name = 'killed' ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i));
    expect(rows.length).toBeGreaterThanOrEqual(created);
    for (const r of rows) expect((JSON.parse(r.bundle) as { artifacts: Array<{ name: string }> }).artifacts[0].name).toBe('killed');
    console.log(`SIGKILL during pushes (${store[0]}): ${created} of 30 acknowledged, ${rows.length} whole shares stored, versions 0–${rows.length - 1}, no partial row`);
  } finally {
    await db.close();
  }
}

const pgMissing = pgMissingReason();
describe.skipIf(pgMissing !== undefined || !!process.env.THREADLINE_TEST_PG_URL)('threadline serve --database (a throwaway PostgreSQL cluster)', () => {
  let cluster: PgCluster | undefined;
  afterAll(() => cluster?.destroy());

  it('keeps only whole shares with gap-free versions after a SIGKILL during pushes', async () => {
    cluster = await startCluster();
    const made = spawnCli(['serve', 'token', 'create', '--user', 'pat', '--role', 'write', '--database', cluster.url]);
    expect(made.status, made.stderr).toBe(0);
    await killDuringPushes(['--database', cluster.url], made.stdout.trim(), () => openPostgres(cluster!.url));
    // The cluster itself was never touched: a new server on it carries on from the next version.
    const s = await serve(['--database', cluster.url]);
    try {
      const res = await fetch(`${s.url}/api/shares`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${made.stdout.trim()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ idempotencyKey: newKey(), bundle: shareBundle('killed', { description: 'after the restart' }) }),
      });
      expect(res.status).toBe(201);
      const db = await openPostgres(cluster.url);
      const [{ n }] = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM shares WHERE name = 'killed'");
      await db.close();
      expect(((await res.json()) as { share: { version: number } }).share.version).toBe(Number(n) - 1);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });
});
