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
 * Once the worker has loaded, this page tells the app (`ready`, to our own origin only); the
 * app answers, from `window.parent` only, with the `MessagePort` of its worker bridge
 * (src/workers/bridge.ts `portEndpoint`). From then on this page relays the bridge between that
 * port and the worker, checking both ways: calls and cancels in the shape of `toSandboxSchema`,
 * replies from the worker (where Python runs) in the shape of `fromSandboxSchema`; anything else
 * is dropped. When this page is cross-origin isolated it owns a SharedArrayBuffer interrupt
 * buffer shared with its worker, so a cancel interrupts the running cell in place. The app
 * removes the whole iframe when a run does not stop within 2 s.
 */
import workerUrl from './run.worker.ts?worker&url';
import { CONNECT, parseFromSandbox, parseToSandbox, type FromSandbox, type WorkerInit } from './sandbox-protocol';

const here = new URL(location.href);
const appOrigin = here.origin;
const allowPackageDownloads = document.documentElement.dataset.packages === 'cdn';
const indexURL = new URL(`${import.meta.env.BASE_URL}pyodide/`, here).href;
const interruptBuffer = self.crossOriginIsolated && typeof SharedArrayBuffer !== 'undefined' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

const moduleUrl = new URL(workerUrl, import.meta.url).href;
// A CLASSIC blob worker: Chromium refuses a module worker from a blob: URL in an opaque
// origin, while a classic one may import() our module (a CORS request).
const boot = `import(${JSON.stringify(moduleUrl)}).catch((e) => postMessage({ type: 'failed', message: 'the Python worker could not load (' + e + ')' }));\n`;
const worker = new Worker(URL.createObjectURL(new Blob([boot], { type: 'text/javascript' })), { name: 'run' });
const init: WorkerInit = { type: 'init', indexURL, allowPackageDownloads, ...(interruptBuffer ? { interruptBuffer } : {}) };

let workerReady = false;
let port: MessagePort | undefined;

/** To the app: over the bridge's port once connected; before that only a failure, by window. */
function toApp(message: FromSandbox): void {
  if (port) port.postMessage(message);
  else if ('type' in message && message.type === 'failed') window.parent.postMessage(message, appOrigin);
}

worker.addEventListener('message', (event: MessageEvent) => {
  const message = parseFromSandbox(event.data);
  if (!message) return;
  if ('type' in message && message.type === 'ready') {
    if (workerReady) return;
    workerReady = true;
    worker.postMessage(init);
    window.parent.postMessage({ type: 'ready' } satisfies FromSandbox, appOrigin);
    return;
  }
  toApp(message);
});
worker.addEventListener('error', (event) => {
  event.preventDefault();
  toApp({ type: 'failed', message: `the Python worker could not start (${event.message || 'no detail'})` });
});

function fromApp(event: MessageEvent): void {
  const message = parseToSandbox(event.data);
  if (!message) return;
  if (message.bridge === 'cancel' && interruptBuffer) Atomics.store(interruptBuffer, 0, 2); // SIGINT → KeyboardInterrupt in the running cell.
  worker.postMessage(message);
}

window.addEventListener('message', (event: MessageEvent) => {
  if (port || event.source !== window.parent) return;
  const data = event.data as { type?: unknown } | null;
  const given = event.ports[0];
  if (!data || data.type !== CONNECT || !given) return;
  port = given;
  port.onmessage = fromApp;
});
