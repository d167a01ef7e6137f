/**
 * The HTTP API against a real PostgreSQL: a throwaway cluster for the file (pg-cluster.ts) or
 * THREADLINE_TEST_PG_URL (an empty database). Skipped, saying why, only when no PostgreSQL binaries are installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSuite } from './api-suite';
import { openPostgres } from './db';
import { pgMissingReason, startCluster, type PgCluster } from './pg-cluster';
import { startTestServer, type TestServer } from './testing';

const missing = pgMissingReason();
if (missing) console.warn(`Skipping the PostgreSQL half of the team API tests: ${missing}.`);

describe.skipIf(missing !== undefined)('team API on PostgreSQL', () => {
  let t: TestServer;
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
    t = await startTestServer(await openPostgres(cluster.url), { maxBodyBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await t?.server.stop();
    cluster?.destroy();
  });
  apiSuite(() => t);

  it.skipIf(!!process.env.THREADLINE_TEST_PG_URL)('answers 503 while PostgreSQL is down and recovers when it is back', async () => {
    cluster.stopServer();
    try {
      const health = await fetch(`${t.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, database: 'postgres' });
      const me = await t.call('/api/me', { as: 'read' });
      expect(me.status).toBe(503);
      expect(((await me.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    } finally {
      cluster.startServer();
    }
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    expect((await t.call('/api/me', { as: 'read' })).status).toBe(200);
  });
});
