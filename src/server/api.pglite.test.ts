/** The HTTP API against PGlite in a temporary data folder (one PGlite for the file). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { apiSuite } from './api-suite';
import { openPglite } from './db';
import { startTestServer, type TestServer } from './testing';

describe('team API on PGlite', () => {
  let t: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'threadline-pglite-'));
  beforeAll(async () => {
    t = await startTestServer(await openPglite(dir), { maxBodyBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await t?.server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  apiSuite(() => t);
});
