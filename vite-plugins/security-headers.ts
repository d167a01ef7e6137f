/**
 * Security response headers for `vite` (dev) and `vite preview`, the same ones a static host
 * must send (docs/RELIABILITY.md "Sandboxed runs" lists them):
 *
 * - App pages (`/`, every route, `index.html`): the app's CSP (as in the meta tag of
 *   index.html) plus `frame-ancestors 'none'`, and `X-Frame-Options: DENY`.
 * - The run sandbox pages (`sandbox.html`, `sandbox-packages.html`): their strict CSP
 *   (no network but our origin, plus Pyodide's CDN in the packages page) with
 *   `frame-ancestors 'self'`, so only the app can frame them.
 * - Scripts and the Pyodide runtime (`/assets/*`, `/pyodide/*`, and in dev the module
 *   graph): `Access-Control-Allow-Origin: *`, because the sandbox's origin is opaque and
 *   every load from it is a CORS request. These are public static files; no credentials
 *   are ever allowed. Same-origin workers get a worker CSP (a worker ignores the page's).
 */
import type { Connect, Plugin } from 'vite';
import type { ServerResponse } from 'node:http';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "frame-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function sandboxCsp(packages: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    'worker-src blob:',
    `connect-src 'self'${packages ? ' https://cdn.jsdelivr.net' : ''}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export const WORKER_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'";

export interface SecurityHeadersOptions {
  /** The dev server's React refresh preamble is an inline script. */
  devInlineScripts?: boolean;
}

/** Which headers a request gets (exported for the unit test). */
export function headersFor(url: string, opts: { dev: boolean; base?: string }): Record<string, string> {
  const base = opts.base ?? '/';
  const path = decodeURIComponent(url.split('?')[0]).slice(base.length - 1);
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'strict-origin-when-cross-origin' };
  if (path === '/sandbox.html' || path === '/sandbox-packages.html') {
    const csp = sandboxCsp(path === '/sandbox-packages.html');
    // Dev only: Vite's and React's refresh preambles are inline scripts.
    headers['Content-Security-Policy'] = opts.dev ? csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : csp;
    return headers;
  }
  const isWorker = /worker_file/.test(query) || /^\/assets\/[^/]*worker[^/]*\.js$/.test(path);
  const isStatic = path.startsWith('/assets/') || path.startsWith('/pyodide/') || /\.[a-z0-9]+$/i.test(path) || opts.dev;
  const isPage = path === '/' || path === '/index.html' || (!/\.[a-z0-9]+$/i.test(path) && !path.startsWith('/@') && !path.startsWith('/node_modules/') && !path.startsWith('/src/'));
  if (isPage) {
    headers['Content-Security-Policy'] = opts.dev ? APP_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : APP_CSP;
    headers['X-Frame-Options'] = 'DENY';
    return headers;
  }
  if (isWorker) headers['Content-Security-Policy'] = WORKER_CSP;
  if (isStatic) {
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  return headers;
}

/**
 * In dev the module graph holds our sources, so CORS is granted only to opaque origins
 * (`Origin: null`: our sandbox), as `Access-Control-Allow-Origin: null`, never to a named
 * origin. Chromium sends no Referer from an opaque origin, so the dev server cannot tell our
 * sandbox from another site's sandboxed frame: while `vite` runs, such a frame could read the
 * dev sources (public in this repository anyway). `vite preview` and static hosts serve only
 * the built public files, with `*`.
 */
export function devCorsAllowed(headers: { origin?: string }): boolean {
  return headers.origin === 'null';
}

function middleware(dev: boolean, base: () => string): Connect.NextHandleFunction {
  return (req, res: ServerResponse, next) => {
    const headers = headersFor(req.url ?? '/', { dev, base: base() });
    if (dev && headers['Access-Control-Allow-Origin'] && !devCorsAllowed(req.headers)) delete headers['Access-Control-Allow-Origin'];
    else if (dev && headers['Access-Control-Allow-Origin']) headers['Access-Control-Allow-Origin'] = 'null';
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    next();
  };
}

export function securityHeaders(): Plugin {
  let base = '/';
  return {
    name: 'threadline:security-headers',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
    },
    configureServer(server) {
      server.middlewares.use(middleware(true, () => base));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(false, () => base));
    },
  };
}
