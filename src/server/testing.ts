/** Tests only: a running team server over a given database, its tokens, and one-artifact bundles to share. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './db';
import { startServer, type RunningServer } from './server';
import { createToken } from './tokens';

const FIXTURE = fileURLToPath(new URL('../store/fixtures/bundle-v1.json', import.meta.url));

type Json = Record<string, unknown> & { artifacts: Array<Record<string, unknown>>; sessions: Array<Record<string, unknown>> };

/** A valid share body: the fixture bundle's first artifact, renamed, with `change` applied to it. */
export function shareBundle(name: string, change: Record<string, unknown> = {}): Json {
  const b = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json;
  b.artifacts = [{ ...b.artifacts[0], name, ...change }];
  return b;
}

export interface TestServer {
  server: RunningServer;
  db: Database;
  url: string;
  tokens: { read: string; write: string; admin: string; write2: string };
  logs: string[];
  /** fetch with the token of `who` (or none). */
  call(path: string, init?: RequestInit & { as?: keyof TestServer['tokens'] | null; json?: unknown }): Promise<Response>;
}

export async function startTestServer(db: Database, opts: { dist?: string; maxBodyBytes?: number } = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer({ db, port: 0, dist: opts.dist, maxBodyBytes: opts.maxBodyBytes, log: (l) => logs.push(l) });
  const tokens = {
    read: await createToken(db, 'rita', 'read'),
    write: await createToken(db, 'ana', 'write'),
    write2: await createToken(db, 'bo', 'write'),
    admin: await createToken(db, 'root', 'admin'),
  };
  return {
    server,
    db,
    url: server.url,
    tokens,
    logs,
    call(path, init = {}) {
      const { as = 'write', json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) headers.set('Authorization', `Bearer ${tokens[as]}`);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return fetch(`${server.url}${path}`, { ...rest, headers, ...(json !== undefined ? { method: rest.method ?? 'POST', body: JSON.stringify(json) } : {}) });
    },
  };
}

let keys = 0;
/** A fresh idempotency key. */
export const newKey = () => `key-${Date.now().toString(36)}-${(keys++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
