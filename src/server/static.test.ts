/** The app's files: vite preview's security headers, the SPA fallback, and no way out of the folder. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor } from '../../vite-plugins/security-headers';
import { checkDist, markTeamServer, staticHandler, TEAM_META } from './static';

/** A raw GET (fetch would normalise `..` and `%2e%2e` away before sending). */
function rawGet(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static app files', () => {
  const top = mkdtempSync(join(tmpdir(), 'threadline-static-'));
  const dist = join(top, 'dist');
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'sandbox.html'), '<!doctype html><title>sandbox</title>');
    writeFileSync(join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'run.worker-abc.js'), 'self.x=1');
    writeFileSync(join(top, 'secret.txt'), 'SECRET');
    symlinkSync(join(top, 'secret.txt'), join(dist, 'link.txt'));
    const handle = staticHandler(dist);
    server = createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    server?.close();
    rmSync(top, { recursive: true, force: true });
  });

  it('marks the app page (and only it) as served by a team server', async () => {
    for (const path of ['/', '/index.html', '/a/model/0']) {
      const res = await rawGet(port, path);
      expect(res.body).toBe(`<!doctype html>${TEAM_META}<title>app</title>`);
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    }
    expect((await rawGet(port, '/sandbox.html')).body).not.toContain('threadline-team');
    expect(markTeamServer('<html><head lang="en"><title>x</title></head>')).toBe(`<html><head lang="en">${TEAM_META}<title>x</title></head>`);
    expect(markTeamServer('<p>no head</p>')).toBe(`${TEAM_META}<p>no head</p>`);
  });

  it('sends the headers vite preview sends', async () => {
    for (const path of ['/', '/index.html', '/sandbox.html', '/assets/main-abc.js', '/assets/run.worker-abc.js']) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(200);
      for (const [k, v] of Object.entries(headersFor(path, { dev: false }))) expect(res.headers[k.toLowerCase()], `${path} ${k}`).toBe(v);
    }
    expect((await rawGet(port, '/assets/main-abc.js')).headers['content-type']).toContain('text/javascript');
  });

  it('serves index.html for app routes and 404 for missing files', async () => {
    const route = await rawGet(port, '/catalog/some-id');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>app</title>');
    expect(route.headers['x-frame-options']).toBe('DENY');
    expect((await rawGet(port, '/assets/missing.js')).status).toBe(404);
    expect((await rawGet(port, '/', 'POST')).status).toBe(405);
    expect((await rawGet(port, '/', 'HEAD')).body).toBe('');
  });

  it('never serves a file outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/a%00.js', '/%E0%A4%A.js', '/link.txt', '//etc/passwd.txt', '/%252e%252e/secret.txt', '/%252e%252e%252fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/.%2e/secret.txt']) {
      const res = await rawGet(port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('SECRET');
      expect(res.body, path).not.toContain('root:');
    }
    expect((await rawGet(port, '/link.txt')).status).toBe(404);
    expect((await rawGet(port, '/assets/..%2f..%2fsecret.txt')).status).toBe(400);
  });

  it('says clearly when there is no built app', () => {
    expect(() => checkDist(join(top, 'nope'))).toThrow(/no built app in .*nope.*npm run build/);
  });
});
