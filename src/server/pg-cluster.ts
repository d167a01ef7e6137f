/**
 * Tests only: a throwaway PostgreSQL cluster (initdb into a temporary folder, pg_ctl start on a
 * free port, stop and delete after), or the server named by THREADLINE_TEST_PG_URL.
 * Root cannot run postgres, so as root the folder is given to the `postgres` user and the
 * binaries run through `runuser`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.THREADLINE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  url: string;
  /** Stops the server (fast shutdown) without deleting it; `start` brings it back on the same port. */
  stopServer(): void;
  startServer(): void;
  /** Stops and deletes the cluster. */
  destroy(): void;
}

/** Why no real PostgreSQL can be had here, or undefined when one can. */
export function pgMissingReason(): string | undefined {
  if (process.env.THREADLINE_TEST_PG_URL) return undefined;
  if (!existsSync(join(PG_BIN, 'initdb'))) return `no PostgreSQL binaries in ${PG_BIN} (install Debian's postgresql, or set THREADLINE_TEST_PG_URL)`;
  return undefined;
}

export async function startCluster(): Promise<PgCluster> {
  const given = process.env.THREADLINE_TEST_PG_URL;
  if (given) return { url: given, stopServer: () => {}, startServer: () => {}, destroy: () => {} };
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'threadline-pg-'));
  chmodSync(dir, 0o700);
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (bin: string, args: string[]) =>
    execFileSync(root ? 'runuser' : join(PG_BIN, bin), root ? ['-u', 'postgres', '--', join(PG_BIN, bin), ...args] : args, { stdio: 'pipe', cwd: tmpdir() });
  run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const start = () => run('pg_ctl', ['-D', dir, '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']);
  start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stopServer: stop,
    startServer: start,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
