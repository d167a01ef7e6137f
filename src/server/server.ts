/**
 * `threadline serve`: one node:http server for the built app (static.ts) and the team API
 * (api.ts) on one origin. Logs are JSON lines without tokens; a database that is down gives 503
 * and the server stays up; `stop()` (SIGTERM) lets requests in flight finish, then closes the database.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { isUnavailable, type Database } from './db';
import { HttpError, sendError, sendJson } from './http';
import { migrate, schemaVersion } from './migrations';
import { staticHandler } from './static';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ServeOptions {
  db: Database;
  /** The built app's folder; without it only /health and /api are served. */
  dist?: string;
  port?: number;
  host?: string;
  maxBodyBytes?: number;
  /** One JSON object per line; default stdout. */
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  schemaVersion: number;
  stop(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const { db } = opts;
  const version = await migrate(db);
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = opts.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const serveStatic = opts.dist ? staticHandler(opts.dist) : undefined;
  const logEvent = (fields: Record<string, unknown>) => log(JSON.stringify({ time: new Date().toISOString(), ...fields }));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      try {
        sendJson(res, 200, { ok: true, database: db.kind, schemaVersion: await schemaVersion(db) });
      } catch (e) {
        sendJson(res, 503, { ok: false, database: db.kind, error: { code: 'unavailable', message: isUnavailable(e) ? 'The database cannot be reached.' : 'The database check failed.' } });
      }
      return undefined;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url, { db, maxBodyBytes });
    if (serveStatic) await serveStatic(req, res, url);
    else throw new HttpError('not_found', 'This server has no app to serve (started without --dist).');
    return undefined;
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    let user: string | undefined;
    const path = (req.url ?? '/').split('?')[0].slice(0, 300);
    res.on('finish', () => logEvent({ level: 'info', msg: 'request', method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started), ...(user ? { user } : {}) }));
    handle(req, res)
      .then((u) => (user = u))
      .catch((e: unknown) => {
        const err =
          e instanceof HttpError
            ? e
            : isUnavailable(e)
              ? new HttpError('unavailable', 'The database cannot be reached right now; try again later.')
              : new HttpError('internal', 'Something went wrong inside the server.');
        if (err.code === 'internal' || err.code === 'unavailable') logEvent({ level: 'error', msg: err.code, path, error: e instanceof Error ? e.message : String(e) });
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // A refused body is not read to its end: close the connection after the answer.
        sendError(res, err, err.code === 'too_large' ? { Connection: 'close' } : err.code === 'unavailable' ? { 'Retry-After': '5' } : {});
        if (err.code === 'too_large') req.resume();
      });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logEvent({ level: 'info', msg: 'listening', url: `http://${host}:${address.port}`, database: db.kind, schemaVersion: version, app: opts.dist ?? null });
  let stopping: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${address.port}`,
    port: address.port,
    schemaVersion: version,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(async () => {
        await db.close();
        logEvent({ level: 'info', msg: 'stopped' });
      });
      return stopping;
    },
  };
}
