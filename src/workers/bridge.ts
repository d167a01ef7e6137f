/**
 * One bridge between the UI thread and a worker. The worker side (`serve`) answers calls by
 * method name; the client side (`createBridge`) sends them over an `Endpoint` (a `Worker`, or
 * anything shaped like one, such as a test fake) with a request id each, and gives every call:
 *
 * - an `AbortSignal`: the call rejects at once with an `AbortError`, the worker gets a cancel
 *   message (its handler's `signal` aborts) and, unless `keepOnAbort`, is terminated;
 * - crash recovery: an `error`/`messageerror` on the endpoint rejects every pending call with a
 *   `WorkerExitError`; the next call starts a fresh endpoint;
 * - progress events (`ctx.progress` in the worker, `onProgress` in the client);
 * - an optional stall bound: no message for `stall.ms` fails the call with `WorkerStallError`;
 * - an optional cancel grace (`cancelGrace`): on abort the worker is asked to stop and its own
 *   reply still settles the call; only when none comes within the grace is it stopped (the run
 *   sandbox: a cell gets SIGINT, and a loop that swallows it is killed 2 s later).
 *
 * The endpoint is any transport shaped like a `Worker`: `portEndpoint` makes one of a
 * `MessagePort` (the run sandbox's iframe hands one over), with a check of every message.
 *
 * Replies for a call that is no longer pending (aborted, stalled, or from a stopped endpoint)
 * are ignored. `serial` bridges run one call at a time, so a cancel never stops a queued call.
 */

/** What the client needs of a worker: post, listen, stop. `Worker` fits as is. */
export interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

/** What the worker's scope needs: listen for calls, post replies. `self` in a worker fits. */
export interface ServeScope {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}

/** Given to every handler: `signal` aborts when the client cancels; `progress` reports to it. */
export interface ServeContext<P = never> {
  signal: AbortSignal;
  progress: (progress: P) => void;
}

// `any` here only lets handlers with their own input types fit one record type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (input: any, ctx: ServeContext<any>) => unknown;
export type WorkerApi = Record<string, Handler>;
type InputOf<H> = H extends (input: infer I, ...rest: never[]) => unknown ? I : never;
type OutputOf<H> = H extends (...args: never[]) => infer R ? Awaited<R> : never;
type ProgressOf<H> = H extends (input: never, ctx: ServeContext<infer P>) => unknown ? P : never;

/** The wire format: client → worker and worker → client. */
export type BridgeRequest = { bridge: 'call'; id: number; method: string; input: unknown } | { bridge: 'cancel'; id: number };
export type BridgeReply =
  | { bridge: 'progress'; id: number; progress: unknown }
  | { bridge: 'done'; id: number; value: unknown }
  | { bridge: 'fail'; id: number; message: string };

/** The worker died under the call (`crashed`), or was stopped for another call's cancel or stall. */
export class WorkerExitError extends Error {
  override readonly name = 'WorkerExitError';
  constructor(
    readonly reason: 'crashed' | 'stopped',
    readonly detail?: string,
  ) {
    super(reason === 'crashed' ? `the worker stopped unexpectedly${detail ? ` (${detail})` : ''}` : 'the worker was stopped');
  }
}

/** The worker sent nothing for `ms` while the call was pending; it was stopped. */
export class WorkerStallError extends Error {
  override readonly name = 'WorkerStallError';
  constructor(readonly ms: number) {
    super(`the worker made no progress for ${ms} ms`);
  }
}

export interface CallOptions<P> {
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  /** Moved, not copied, to the worker (e.g. the file's bytes). */
  transfer?: Transferable[];
  /** Fail the call when the worker sends nothing for `ms`; `after(progress)` may lengthen the wait that follows a progress event. */
  stall?: { ms: number; after?: (progress: P) => number | undefined };
  /**
   * On abort, how long (ms, read at that moment) the worker may take to answer the cancel with
   * its own reply, which then settles the call as usual; after that the call rejects with an
   * `AbortError` and the endpoint is stopped. 0 stops it at once. Without this option an abort
   * rejects at once (and `keepOnAbort` decides about the endpoint).
   */
  cancelGrace?: () => number;
}

export interface BridgeOptions {
  /** One call at a time (a cancel terminates the worker, so it must not hold a queued call). */
  serial?: boolean;
  /** On abort, only send the cancel message; keep the worker (and its other calls). */
  keepOnAbort?: boolean;
  /** The `AbortError`'s message. */
  abortMessage?: string;
}

export interface Bridge<Api extends WorkerApi> {
  call<K extends keyof Api & string>(method: K, input: InputOf<Api[K]>, opts?: CallOptions<ProgressOf<Api[K]>>): Promise<OutputOf<Api[K]>>;
  /** Stop the worker now; pending calls reject with `WorkerExitError('stopped')`. */
  stop(): void;
}

type Pending = { endpoint: Endpoint; onReply: (reply: BridgeReply) => void; onExit: (error: Error) => void };

function isReply(data: unknown): data is BridgeReply {
  return typeof data === 'object' && data !== null && 'bridge' in data && typeof (data as { id?: unknown }).id === 'number';
}

function crashDetail(event: Event): string | undefined {
  // An ErrorEvent carries the uncaught error's message; a failed script load is a plain Event.
  const message = (event as { message?: unknown }).message;
  return typeof message === 'string' && message ? message.replace(/^Uncaught (Error: )?/, '') : undefined;
}

export function createBridge<Api extends WorkerApi>(spawn: () => Endpoint, options: BridgeOptions = {}): Bridge<Api> {
  const abortError = () => new DOMException(options.abortMessage ?? 'Cancelled', 'AbortError');
  const pending = new Map<number, Pending>();
  let endpoint: Endpoint | undefined;
  let nextId = 1;
  let turn: Promise<unknown> = Promise.resolve();

  /** Terminate `ep` and reject its pending calls with `error`; the next call spawns anew. */
  const exit = (ep: Endpoint, error: Error) => {
    if (endpoint === ep) endpoint = undefined;
    try {
      ep.terminate();
    } catch {
      // already gone
    }
    for (const [id, p] of [...pending]) {
      if (p.endpoint !== ep) continue;
      pending.delete(id);
      p.onExit(error);
    }
  };

  const current = (): Endpoint => {
    if (endpoint) return endpoint;
    const ep = spawn();
    endpoint = ep;
    ep.addEventListener('message', (event) => {
      const data = (event as MessageEvent).data;
      if (!isReply(data)) return;
      const p = pending.get(data.id);
      if (p && p.endpoint === ep) p.onReply(data); // else: a late reply, ignored
    });
    const onCrash = (event: Event) => {
      event.preventDefault();
      exit(ep, new WorkerExitError('crashed', crashDetail(event)));
    };
    ep.addEventListener('error', onCrash);
    ep.addEventListener('messageerror', onCrash);
    return ep;
  };

  function start<P, R>(method: string, input: unknown, opts: CallOptions<P>): Promise<R> {
    const { signal, onProgress, stall } = opts;
    if (signal?.aborted) return Promise.reject(abortError());
    const ep = current();
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        pending.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const arm = (ms: number | undefined) => {
        if (!stall || signal?.aborted) return;
        const bound = Math.max(stall.ms, ms ?? 0);
        clearTimeout(timer);
        timer = setTimeout(() => {
          settle();
          reject(new WorkerStallError(bound));
          exit(ep, new WorkerExitError('stopped'));
        }, bound);
      };
      const stopNow = () => {
        settle();
        reject(abortError());
        exit(ep, new WorkerExitError('stopped'));
      };
      function onAbort() {
        try {
          ep.postMessage({ bridge: 'cancel', id } satisfies BridgeRequest, []);
        } catch {
          // the worker is gone; nothing to cancel
        }
        if (opts.cancelGrace) {
          const grace = opts.cancelGrace();
          if (grace <= 0) return stopNow();
          clearTimeout(timer); // the stall bound gives way to the grace
          timer = setTimeout(() => {
            if (pending.get(id)?.endpoint === ep) stopNow();
          }, grace);
          return;
        }
        settle();
        reject(abortError());
        if (!options.keepOnAbort) exit(ep, new WorkerExitError('stopped'));
      }
      pending.set(id, {
        endpoint: ep,
        onExit: (error) => {
          settle();
          reject(error);
        },
        onReply: (reply) => {
          if (reply.bridge === 'progress') {
            const progress = reply.progress as P;
            arm(stall?.after?.(progress));
            onProgress?.(progress);
            return;
          }
          settle();
          if (reply.bridge === 'done') resolve(reply.value as R);
          else reject(new Error(reply.message));
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      arm(undefined);
      try {
        ep.postMessage({ bridge: 'call', id, method, input } satisfies BridgeRequest, opts.transfer ?? []);
      } catch (error) {
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  return {
    call(method, input, opts = {}) {
      if (!options.serial) return start(method, input, opts);
      const mine = turn.then(() => start<ProgressOf<Api[typeof method]>, OutputOf<Api[typeof method]>>(method, input, opts));
      turn = mine.then(
        () => undefined,
        () => undefined,
      );
      const { signal } = opts;
      if (!signal) return mine;
      // A call still waiting for its turn is cancelled at once (and never starts).
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(abortError());
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        mine.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    stop() {
      if (endpoint) exit(endpoint, new WorkerExitError('stopped'));
    },
  };
}

/**
 * The worker side: answer the bridge's calls with `api`'s methods. A handler's thrown error
 * reaches the client as an `Error` with its message; expected failures are better returned as data.
 */
export function serve(api: WorkerApi, scope: ServeScope): void {
  const running = new Map<number, AbortController>();
  scope.addEventListener('message', (event) => {
    const message = event.data as BridgeRequest | undefined;
    if (!message || typeof message !== 'object' || typeof message.id !== 'number') return;
    if (message.bridge === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    if (message.bridge !== 'call') return;
    const { id, method, input } = message;
    const controller = new AbortController();
    running.set(id, controller);
    const reply = (r: BridgeReply) => scope.postMessage(r);
    const ctx: ServeContext<unknown> = { signal: controller.signal, progress: (progress) => reply({ bridge: 'progress', id, progress }) };
    void (async () => {
      try {
        const handler = Object.hasOwn(api, method) ? api[method] : undefined;
        if (!handler) throw new Error(`the worker has no method ${method}`);
        reply({ bridge: 'done', id, value: await handler(input, ctx) });
      } catch (error) {
        reply({ bridge: 'fail', id, message: error instanceof Error ? error.message : String(error) });
      } finally {
        running.delete(id);
      }
    })();
  });
}

export interface PortEndpointOptions {
  /** Resolves with our end of the channel once the other side holds its end; a rejection is a crash with its message. */
  port: Promise<MessagePort>;
  /**
   * Checks each incoming message: a reply to pass on, an `Error` when the other side reports
   * that it died (a crash with its message), or undefined to drop the message.
   */
  accept?: (data: unknown) => BridgeReply | Error | undefined;
  /** Called once by `terminate()`, after the port is closed (e.g. remove the iframe). */
  close?: () => void;
}

/** A crash event as the bridge reads it (`message` is its detail). */
function crashEvent(message: string): Event {
  return Object.assign(new Event('error', { cancelable: true }), { message });
}

/**
 * A `MessagePort` as a bridge endpoint, for a worker that is not ours to hold (the run
 * sandbox's worker lives in an opaque-origin iframe). Calls posted before the port arrives
 * wait for it; `terminate()` closes the port and calls `close`.
 */
export function portEndpoint(options: PortEndpointOptions): Endpoint {
  const events = new EventTarget();
  const queue: Array<[unknown, Transferable[]]> = [];
  let port: MessagePort | undefined;
  let ended = false;
  const accept = options.accept ?? ((data: unknown) => (isReply(data) ? data : undefined));
  options.port.then(
    (p) => {
      if (ended) return p.close();
      port = p;
      p.onmessage = (event) => {
        const message = accept(event.data);
        if (message instanceof Error) events.dispatchEvent(crashEvent(message.message));
        else if (message) events.dispatchEvent(new MessageEvent('message', { data: message }));
      };
      for (const [m, t] of queue.splice(0)) p.postMessage(m, t);
    },
    (error: unknown) => {
      if (!ended) events.dispatchEvent(crashEvent(error instanceof Error ? error.message : String(error)));
    },
  );
  return {
    postMessage(message, transfer) {
      if (ended) return;
      if (port) port.postMessage(message, transfer);
      else queue.push([message, transfer]);
    },
    addEventListener(type, listener) {
      events.addEventListener(type, listener);
    },
    terminate() {
      if (ended) return;
      ended = true;
      queue.length = 0;
      port?.close();
      options.close?.();
    },
  };
}
