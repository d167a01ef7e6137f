import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, devCorsAllowed, headersFor, sandboxCsp, WORKER_CSP } from './security-headers';

const root = join(import.meta.dirname, '..');
const metaCsp = (file: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(root, file), 'utf8'))?.[1];
const withoutFrameAncestors = (csp: string) => csp.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');

describe('security headers', () => {
  it('app pages: CSP with frame-ancestors none and X-Frame-Options DENY, on every route', () => {
    for (const url of ['/', '/index.html', '/artifacts', '/s/abc/n/def?x=1']) {
      const h = headersFor(url, { dev: false });
      expect(h['Content-Security-Policy'], url).toBe(APP_CSP);
      expect(h['X-Frame-Options'], url).toBe('DENY');
    }
    expect(APP_CSP).toContain("frame-ancestors 'none'");
  });

  it('sandbox pages: their own CSP, framed by our origin only, no X-Frame-Options', () => {
    const offline = headersFor('/sandbox.html', { dev: false });
    expect(offline['Content-Security-Policy']).toBe(sandboxCsp(false));
    expect(offline['X-Frame-Options']).toBeUndefined();
    expect(sandboxCsp(false)).toContain("connect-src 'self';");
    expect(sandboxCsp(true)).toContain("connect-src 'self' https://cdn.jsdelivr.net;");
    expect(headersFor('/sandbox-packages.html', { dev: false })['Content-Security-Policy']).toBe(sandboxCsp(true));
    expect(headersFor('/app/sandbox.html', { dev: false, base: '/app/' })['Content-Security-Policy']).toBe(sandboxCsp(false));
  });

  it('scripts and the runtime: CORS for the opaque-origin sandbox; workers get a worker CSP', () => {
    for (const url of ['/assets/main-abc.js', '/pyodide/pyodide.asm.wasm', '/pyodide/python_stdlib.zip']) {
      expect(headersFor(url, { dev: false })['Access-Control-Allow-Origin'], url).toBe('*');
      expect(headersFor(url, { dev: false })['X-Frame-Options'], url).toBeUndefined();
    }
    expect(headersFor('/assets/analysis.worker-abc.js', { dev: false })['Content-Security-Policy']).toBe(WORKER_CSP);
    expect(headersFor('/src/workers/layout.worker.ts?worker_file&type=module', { dev: true })['Content-Security-Policy']).toBe(WORKER_CSP);
  });

  it('the meta tags (for hosts without headers) hold the same policies, minus frame-ancestors', () => {
    expect(metaCsp('index.html')).toBe(withoutFrameAncestors(APP_CSP));
    expect(metaCsp('sandbox.html')).toBe(withoutFrameAncestors(sandboxCsp(false)));
    expect(metaCsp('sandbox-packages.html')).toBe(withoutFrameAncestors(sandboxCsp(true)));
  });

  it('dev grants CORS only to opaque origins (the sandbox), never to a named origin', () => {
    expect(devCorsAllowed({ origin: 'null' })).toBe(true);
    expect(devCorsAllowed({ origin: 'https://evil.example' })).toBe(false);
    expect(devCorsAllowed({ origin: 'http://127.0.0.1:5173' })).toBe(false);
    expect(devCorsAllowed({})).toBe(false);
  });
});
