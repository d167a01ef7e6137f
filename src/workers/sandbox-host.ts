/**
 * The run sandbox: the entry of `sandbox.html` / `sandbox-packages.html`, which the app loads
 * in a hidden `<iframe sandbox="allow-scripts">` (no `allow-same-origin`, so this document's
 * origin is opaque). Its CSP (response header, and the same policy in the page's meta tag)
 * allows scripts and wasm from our origin only, no network except our origin (and Pyodide's
 * CDN in the packages page), and framing by our origin only.
 *
 * It starts the run worker from a blob: URL (a Worker from our origin's URL is refused in
 * an opaque origin, and so is a module worker from a blob: URL, in Chromium 156); the classic
 * blob worker `import()`s the real worker module by its absolute URL, which our server answers
 * with `Access-Control-Allow-Origin: *`. The blob worker inherits this page's
 * origin and CSP.
 *
 * Messages from the parent are accepted only from `window.parent` and only in the shape of
 * `toSandboxSchema`; messages from the worker (where Python runs) only in the shape of
 * `fromSandboxSchema`, and they are posted to our own origin only. When this page is
 * cross-origin isolated it owns a SharedArrayBuffer interrupt buffer shared with its worker,
 * so "cancel" interrupts the running cell in place. The app terminates the whole iframe when
 * a run does not stop within 2 s.
 */
import workerUrl from './run.worker.ts?worker&url';
import { parseFromSandbox, parseToSandbox, type FromSandbox, type WorkerInit } from './sandbox-protocol';

const here = new URL(location.href);
const appOrigin = here.origin;
const allowPackageDownloads = document.documentElement.dataset.packages === 'cdn';
const indexURL = new URL(`${import.meta.env.BASE_URL}pyodide/`, here).href;
const interruptBuffer = self.crossOriginIsolated && typeof SharedArrayBuffer !== 'undefined' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

function toApp(message: FromSandbox): void {
  window.parent.postMessage(message, appOrigin);
}

const moduleUrl = new URL(workerUrl, import.meta.url).href;
// A CLASSIC blob worker: Chromium refuses a module worker from a blob: URL in an opaque
// origin, while a classic one may import() our module (a CORS request).
const boot = `import(${JSON.stringify(moduleUrl)}).catch((e) => postMessage({ type: 'failed', message: 'the Python worker could not load (' + e + ')' }));\n`;
const worker = new Worker(URL.createObjectURL(new Blob([boot], { type: 'text/javascript' })), { name: 'run' });
const init: WorkerInit = { type: 'init', indexURL, allowPackageDownloads, ...(interruptBuffer ? { interruptBuffer } : {}) };

let workerReady = false;
const early: unknown[] = [];

worker.addEventListener('message', (event: MessageEvent) => {
  const message = parseFromSandbox(event.data);
  if (!message) return;
  if (message.type === 'ready') {
    if (workerReady) return;
    workerReady = true;
    worker.postMessage(init);
    for (const m of early.splice(0)) worker.postMessage(m);
    toApp({ type: 'ready' });
    return;
  }
  toApp(message);
});
worker.addEventListener('error', (event) => {
  event.preventDefault();
  toApp({ type: 'failed', message: `the Python worker could not start (${event.message || 'no detail'})` });
});

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const message = parseToSandbox(event.data);
  if (!message) return;
  if (message.type === 'cancel' && interruptBuffer) Atomics.store(interruptBuffer, 0, 2); // SIGINT → KeyboardInterrupt in the running cell.
  if (workerReady) worker.postMessage(message);
  else early.push(message);
});
