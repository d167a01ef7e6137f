/**
 * Serves the built app from one folder with the headers `vite preview` sends (headersFor of
 * vite-plugins/security-headers.ts), the SPA fallback (a path without an extension gets
 * index.html) and no way out of the folder: `..`, NUL, backslashes and links leading outside are refused.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { headersFor } from '../../vite-plugins/security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
  '.tar': 'application/x-tar',
};

/** Checks the folder holds a built app; throws a sentence that says how to make one. */
export function checkDist(dir: string): string {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html')) || !statSync(root).isDirectory()) {
    throw new Error(`no built app in ${root} (index.html is missing). Run \`npm run build\` or pass --dist DIR.`);
  }
  return root;
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(text);
}

/** The file under `root` for a URL path, or a status to refuse it with. */
async function locate(root: string, realRoot: string, urlPath: string): Promise<string | number> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return 400;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((part) => part === '..' || part === '.')) return 400;
  const file = resolve(root, `.${path}`);
  if (file !== root && !file.startsWith(root + sep)) return 400;
  const candidate = path.endsWith('/') ? join(file, 'index.html') : file;
  try {
    const real = await realpath(candidate);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return 404;
    if ((await stat(real)).isFile()) return real;
  } catch {
    // not there: maybe a route of the app
  }
  return extname(path) === '' ? join(realRoot, 'index.html') : 404;
}

/** The `<meta>` the app reads to know a team API is on its origin (src/ui/lib/team.ts). */
export const TEAM_META = '<meta name="threadline-team" content="api">';

/** index.html with TEAM_META at the start of its head. */
export function markTeamServer(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + TEAM_META + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + TEAM_META + html.slice(at);
}

export function staticHandler(dir: string): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const root = resolve(dir);
  const realRootPromise = realpath(root);
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
      return;
    }
    const realRoot = await realRootPromise;
    const found = await locate(root, realRoot, url.pathname);
    if (typeof found === 'number') {
      plain(res, found, found === 400 ? 'Bad path.\n' : 'Not found.\n');
      return;
    }
    let headers: Record<string, string>;
    try {
      const served = found === join(realRoot, 'index.html') ? '/index.html' : url.pathname;
      headers = headersFor(served + url.search, { dev: false });
    } catch {
      headers = headersFor('/index.html', { dev: false });
    }
    const isIndex = found === join(realRoot, 'index.html');
    // The app's page says it is served by a team server, so the app looks for the API (and
    // shows sharing) only here, never sending requests a static host would answer 404.
    const body = isIndex ? Buffer.from(markTeamServer(await readFile(found, 'utf8'))) : undefined;
    const size = body ? body.length : (await stat(found)).size;
    const isHtml = extname(found) === '.html';
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(found).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': isHtml ? 'no-cache' : url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (body) {
      res.end(body);
      return;
    }
    createReadStream(found)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
