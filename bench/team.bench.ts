/**
 * The team server under load (issue 19): 50 concurrent clients × 20 pushes each to the same few
 * artifact names, through the real HTTP API (auth, size cap, bundle validation, the transaction),
 * against the same pushes' bare SQL transaction (`pushShare` called directly, same concurrency) in
 * the same run. On PGlite always, and on a real PostgreSQL when one can be started here.
 * Every run also checks the versions per name are unique and gap-free; a gap or a repeat fails the bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, openPostgres, type Database } from '../src/server/db';
import { migrate } from '../src/server/migrations';
import { pgMissingReason, startCluster } from '../src/server/pg-cluster';
import { bodyDigest, pushShare } from '../src/server/shares';
import { newKey, shareBundle, startTestServer } from '../src/server/testing';
import type { BundleInput } from '../src/store/bundle-schema';
import type { BenchFigure } from './figure';

const CLIENTS = Number(process.env.BENCH_TEAM_CLIENTS ?? 50);
const PUSHES = Number(process.env.BENCH_TEAM_PUSHES ?? 20);
const NAMES = 5;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Runs `clients` loops of `pushes` calls each, all at once; returns every call's latency in ms, sorted. */
async function load(clients: number, pushes: number, push: (client: number, i: number) => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < pushes; i++) {
        const s = performance.now();
        await push(c, i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), wallMs: performance.now() - t0 };
}

/** Throws unless every name of `prefix` holds versions 0 … n−1 exactly once, and `expected` rows in all. */
async function checkVersions(db: Database, prefix: string, expected: number): Promise<void> {
  const rows = await db.query<{ name: string; n: number | string; distinct_n: number | string; max_v: number | string; min_v: number | string }>(
    `SELECT name, COUNT(*) AS n, COUNT(DISTINCT version) AS distinct_n, MAX(version) AS max_v, MIN(version) AS min_v
       FROM shares WHERE name LIKE $1 GROUP BY name`,
    [`${prefix}%`],
  );
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    if (Number(r.distinct_n) !== n || Number(r.min_v) !== 0 || Number(r.max_v) !== n - 1) {
      throw new Error(`team versions of "${r.name}" are not 0…${n - 1} exactly once (distinct ${String(r.distinct_n)}, min ${String(r.min_v)}, max ${String(r.max_v)})`);
    }
  }
  if (total !== expected) throw new Error(`${total} shares stored under "${prefix}…", expected ${expected}`);
}

async function benchOne(label: string, db: Database): Promise<BenchFigure[]> {
  await migrate(db);
  const t = await startTestServer(db, { maxBodyBytes: 16 * 1024 * 1024 });
  try {
    // One bundle per push, each a different content (the same content again makes no new version).
    const total = CLIENTS * PUSHES;
    const base = shareBundle('base');
    const variant = (name: string, n: number) => ({ ...base, artifacts: [{ ...base.artifacts[0], name, description: `push ${n}` }] });
    const bare = Array.from({ length: total }, (_, n) => variant(`bare-${n % NAMES}`, n) as unknown as BundleInput);
    const bodies = Array.from({ length: total }, (_, n) => JSON.stringify(variant(`http-${n % NAMES}`, n)));

    // Warm both paths (JIT, connection pool, PGlite's first queries) outside the measured runs.
    await pushShare(db, 'ana', newKey(), 'warm', shareBundle('warm') as unknown as BundleInput);
    await t.call('/api/shares', { json: { idempotencyKey: newKey(), bundle: shareBundle('warm') } });

    const bareRun = await load(CLIENTS, PUSHES, async (c, i) => {
      const bundle = bare[c * PUSHES + i];
      const result = await pushShare(db, c % 2 ? 'ana' : 'bo', newKey(), bodyDigest(bundle), bundle);
      if (result.kind !== 'created') throw new Error(`bare push not created: ${result.kind}`);
    });
    await checkVersions(db, 'bare-', total);

    const http = await load(CLIENTS, PUSHES, async (c, i) => {
      const k = c * PUSHES + i;
      const res = await fetch(`${t.url}/api/shares`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c % 2 ? t.tokens.write : t.tokens.write2}`, 'Content-Type': 'application/json' },
        body: `{"idempotencyKey":${JSON.stringify(newKey())},"bundle":${bodies[k]}}`,
      });
      if (res.status !== 201) throw new Error(`push answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
    await checkVersions(db, 'http-', total);

    const bareP50 = quantile(bareRun.latencies, 0.5);
    const bareP95 = quantile(bareRun.latencies, 0.95);
    const baseline = `bare SQL push transaction (${label}, same concurrency)`;
    const what = `${CLIENTS} clients × ${PUSHES} pushes to ${NAMES} names, ${label}`;
    return [
      { name: `team push p50 (${what})`, value: quantile(http.latencies, 0.5), unit: 'ms', ratio: quantile(http.latencies, 0.5) / bareP50, baseline },
      { name: `team push p95 (${what})`, value: quantile(http.latencies, 0.95), unit: 'ms', ratio: quantile(http.latencies, 0.95) / bareP95, baseline },
      { name: `team push wall time (${what}; versions unique and gap-free)`, value: http.wallMs, unit: 'ms', ratio: http.wallMs / bareRun.wallMs, baseline },
      { name: `bare SQL push p50 (${label})`, value: bareP50, unit: 'ms' },
      { name: `bare SQL push p95 (${label})`, value: bareP95, unit: 'ms' },
    ];
  } finally {
    await t.server.stop();
  }
}

export async function benchTeam(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'threadline-bench-pglite-'));
  const lite = await openPglite(dir);
  try {
    figures.push(...(await benchOne('PGlite', lite)));
  } finally {
    // The server's stop() closed the database.
    rmSync(dir, { recursive: true, force: true });
  }
  const missing = pgMissingReason();
  if (missing) {
    console.log(`team bench: the PostgreSQL half is skipped: ${missing}`);
    return figures;
  }
  const cluster = await startCluster();
  const pg = await openPostgres(cluster.url);
  try {
    figures.push(...(await benchOne('PostgreSQL', pg)));
  } finally {
    cluster.destroy();
  }
  return figures;
}
