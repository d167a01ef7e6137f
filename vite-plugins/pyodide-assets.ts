/**
 * Serves the Pyodide runtime from our own origin, so runs work offline and nothing is
 * fetched from a third party: in dev, `/pyodide/*` is answered from node_modules/pyodide;
 * in a build, the same files are emitted to `dist/pyodide/`. Only the run worker loads
 * them (by URL, at run time), so none of it enters a JS chunk.
 *
 * It also sets the cross-origin isolation headers (COOP/COEP) on the dev and preview
 * servers, so the run worker can be interrupted through a SharedArrayBuffer. Static
 * hosting needs the same two headers for that; without them cancelling a run terminates
 * the worker instead (see src/workers/run-client.ts).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The runtime files `loadPyodide({ indexURL })` fetches, plus the loader the worker imports. */
export const PYODIDE_FILES = [
  'pyodide.mjs',
  'pyodide.mjs.map',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
  'package.json',
] as const;

const MIME: Record<string, string> = {
  mjs: 'text/javascript',
  js: 'text/javascript',
  wasm: 'application/wasm',
  zip: 'application/zip',
  json: 'application/json',
  map: 'application/json',
};

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export interface PyodideAssetsOptions {
  /** URL folder under the app's base. Default `pyodide` (→ `/pyodide/`). */
  dir?: string;
  /** Send COOP/COEP on the dev and preview servers. Default true. */
  crossOriginIsolation?: boolean;
}

export function pyodideAssets(options: PyodideAssetsOptions = {}): Plugin {
  const dir = options.dir ?? 'pyodide';
  const isolate = options.crossOriginIsolation ?? true;
  const pkgDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  let base = '/';

  return {
    name: 'threadline:pyodide-assets',
    config() {
      return {
        // The worker imports the loader by URL; never let Vite pre-bundle or inline it.
        optimizeDeps: { exclude: ['pyodide'] },
        ...(isolate ? { server: { headers: ISOLATION_HEADERS }, preview: { headers: ISOLATION_HEADERS } } : {}),
      };
    },
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
    },
    configureServer(server) {
      const prefix = `${base}${dir}/`;
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(prefix)) return next();
        const name = url.slice(prefix.length);
        if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
        const file = join(pkgDir, name);
        if (!existsSync(file)) return next();
        res.setHeader('Content-Type', MIME[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Cache-Control', 'no-cache');
        // The run sandbox has an opaque origin: it loads these public files with CORS.
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) {
        const file = join(pkgDir, name);
        if (!existsSync(file)) this.error(`pyodide-assets: ${file} is missing; is the pyodide package installed?`);
        this.emitFile({ type: 'asset', fileName: `${dir}/${name}`, source: readFileSync(file) });
      }
    },
  };
}
