/** The worker bridge over fake endpoints and real MessagePorts: calls, progress, abort, cancel grace, crash, stall, late replies. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBridge, portEndpoint, serve, WorkerExitError, WorkerStallError, type BridgeReply, type BridgeRequest, type Endpoint, type ServeContext } from './bridge';

/** A worker in memory: what the client posts is `sent`; the test answers with `reply`/`crash`. */
class FakeWorker extends EventTarget implements Endpoint {
  sent: BridgeRequest[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    if (this.terminated) return;
    this.sent.push(structuredClone(message) as BridgeRequest);
    this.dispatchEvent(new CustomEvent('sent'));
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: BridgeReply): void {
    this.dispatchEvent(new MessageEvent('message', { data: reply }));
  }
  crash(message?: string): Event {
    const event = Object.assign(new Event('error', { cancelable: true }), message ? { message } : {});
    this.dispatchEvent(event);
    return event;
  }
  calls(): Extract<BridgeRequest, { bridge: 'call' }>[] {
    return this.sent.filter((m) => m.bridge === 'call');
  }
}

/** A worker in memory that runs `serve(api)` on the other side (messages cross a tick later, cloned). */
class ServedWorker extends EventTarget implements Endpoint {
  private readonly scope = new EventTarget();
  terminated = false;
  transferred: Transferable[] = [];
  constructor(api: Parameters<typeof serve>[0]) {
    super();
    serve(api, {
      addEventListener: (type, listener) => this.scope.addEventListener(type, listener as EventListener),
      postMessage: (message) => {
        if (!this.terminated) setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: structuredClone(message) })));
      },
    });
  }
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.transferred.push(...transfer);
    if (!this.terminated) setTimeout(() => this.scope.dispatchEvent(new MessageEvent('message', { data: structuredClone(message) })));
  }
  terminate(): void {
    this.terminated = true;
  }
}

type TestApi = {
  double: (input: { n: number }) => number;
  count: (input: { to: number }, ctx: ServeContext<number>) => Promise<string>;
};

function fakeBridge(options: Parameters<typeof createBridge>[1] = {}) {
  const workers: FakeWorker[] = [];
  const bridge = createBridge<TestApi>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, options);
  return { bridge, workers };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('worker bridge', () => {
  it('calls a served api and streams its progress', async () => {
    const api = {
      double: ({ n }: { n: number }) => n * 2,
      count: async ({ to }: { to: number }, ctx: ServeContext<number>) => {
        for (let i = 1; i <= to; i++) ctx.progress(i);
        return `counted to ${to}`;
      },
      boom: () => {
        throw new Error('bad input in the worker');
      },
    };
    const bridge = createBridge<typeof api>(() => new ServedWorker(api));
    const seen: number[] = [];
    await expect(bridge.call('count', { to: 3 }, { onProgress: (p) => seen.push(p) })).resolves.toBe('counted to 3');
    expect(seen).toEqual([1, 2, 3]);
    await expect(bridge.call('double', { n: 21 })).resolves.toBe(42);
    await expect(bridge.call('boom', undefined)).rejects.toThrow('bad input in the worker');
  });

  it('keeps concurrent calls apart by request id, whatever order the replies come in', async () => {
    const { bridge, workers } = fakeBridge();
    const a = bridge.call('double', { n: 1 });
    const b = bridge.call('double', { n: 2 });
    const [callA, callB] = workers[0]!.calls();
    expect(callA!.id).not.toBe(callB!.id);
    workers[0]!.reply({ bridge: 'done', id: callB!.id, value: 'B' });
    workers[0]!.reply({ bridge: 'done', id: callA!.id, value: 'A' });
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
    expect(workers).toHaveLength(1);
  });

  it('an abort rejects at once, cancels in the worker, terminates it, ignores a late reply, and the next call gets a fresh worker', async () => {
    const { bridge, workers } = fakeBridge({ abortMessage: 'Layout cancelled' });
    const controller = new AbortController();
    const progress: number[] = [];
    const call = bridge.call('count', { to: 5 }, { signal: controller.signal, onProgress: (p) => progress.push(p) });
    const first = workers[0]!;
    const { id } = first.calls()[0]!;
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError', message: 'Layout cancelled' });
    expect(first.sent).toContainEqual({ bridge: 'cancel', id });
    expect(first.terminated).toBe(true);
    // A reply that was already on its way is dropped.
    first.reply({ bridge: 'progress', id, progress: 1 });
    first.reply({ bridge: 'done', id, value: 'late' });
    expect(progress).toEqual([]);
    const next = bridge.call('double', { n: 4 });
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ bridge: 'done', id: workers[1]!.calls()[0]!.id, value: 8 });
    await expect(next).resolves.toBe(8);
  });

  it('keepOnAbort only cancels: the worker and its other calls live on, and the late reply is ignored', async () => {
    const { bridge, workers } = fakeBridge({ keepOnAbort: true });
    const controller = new AbortController();
    const progress = vi.fn();
    const aborted = bridge.call('count', { to: 1 }, { signal: controller.signal, onProgress: progress });
    const other = bridge.call('double', { n: 2 });
    const [a, b] = workers[0]!.calls();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.reply({ bridge: 'progress', id: a!.id, progress: 1 });
    workers[0]!.reply({ bridge: 'done', id: a!.id, value: 'late' });
    expect(progress).not.toHaveBeenCalled();
    workers[0]!.reply({ bridge: 'done', id: b!.id, value: 4 });
    await expect(other).resolves.toBe(4);
  });

  it('an already aborted signal never reaches the worker', async () => {
    const { bridge, workers } = fakeBridge();
    await expect(bridge.call('double', { n: 1 }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(0);
  });

  it('a crash rejects every pending call with WorkerExitError and the next call gets a fresh worker', async () => {
    const { bridge, workers } = fakeBridge();
    const a = bridge.call('double', { n: 1 });
    const b = bridge.call('count', { to: 2 });
    const event = workers[0]!.crash('Uncaught Error: simulated crash');
    expect(event.defaultPrevented).toBe(true);
    const error = await a.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect(error).toMatchObject({ reason: 'crashed', detail: 'simulated crash' });
    await expect(b).rejects.toBeInstanceOf(WorkerExitError);
    expect(workers[0]!.terminated).toBe(true);
    const next = bridge.call('double', { n: 3 });
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ bridge: 'done', id: workers[1]!.calls()[0]!.id, value: 6 });
    await expect(next).resolves.toBe(6);
  });

  it('a stall bound fails a silent call; progress restarts it and may lengthen it', async () => {
    vi.useFakeTimers();
    const { bridge, workers } = fakeBridge();
    const call = bridge.call('count', { to: 1 }, { stall: { ms: 1000, after: (p) => (p === 99 ? 5000 : undefined) } });
    const settled = vi.fn();
    call.then(settled, settled);
    const { id } = workers[0]!.calls()[0]!;
    await vi.advanceTimersByTimeAsync(900);
    workers[0]!.reply({ bridge: 'progress', id, progress: 99 }); // now 5 s until the next sign of life
    await vi.advanceTimersByTimeAsync(4000);
    expect(settled).not.toHaveBeenCalled();
    workers[0]!.reply({ bridge: 'progress', id, progress: 1 }); // back to the 1 s bound
    await vi.advanceTimersByTimeAsync(1000);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStallError);
    expect(error).toMatchObject({ ms: 1000 });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('serial: calls run one at a time, and a cancelled queued call never starts nor stops the running one', async () => {
    const { bridge, workers } = fakeBridge({ serial: true });
    const first = bridge.call('double', { n: 1 });
    const controller = new AbortController();
    const queued = bridge.call('double', { n: 2 }, { signal: controller.signal });
    const third = bridge.call('double', { n: 3 });
    await Promise.resolve();
    expect(workers[0]!.calls()).toHaveLength(1);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.reply({ bridge: 'done', id: workers[0]!.calls()[0]!.id, value: 2 });
    await expect(first).resolves.toBe(2);
    await vi.waitFor(() => expect(workers[0]!.calls()).toHaveLength(2));
    const last = workers[0]!.calls()[1]!;
    expect((last as { input: unknown }).input).toEqual({ n: 3 });
    workers[0]!.reply({ bridge: 'done', id: last.id, value: 6 });
    await expect(third).resolves.toBe(6);
  });

  it('transfers what it is told to move', async () => {
    const worker = new ServedWorker({ size: ({ bytes }: { bytes: Uint8Array }) => bytes.length });
    const bridge = createBridge<{ size: (input: { bytes: Uint8Array }) => number }>(() => worker);
    const bytes = new Uint8Array(16);
    await expect(bridge.call('size', { bytes }, { transfer: [bytes.buffer] })).resolves.toBe(16);
    expect(worker.transferred).toEqual([bytes.buffer]);
  });

  it('cancelGrace: the worker\'s own answer to a cancel settles the call, and the worker lives on', async () => {
    vi.useFakeTimers();
    const { bridge, workers } = fakeBridge();
    const controller = new AbortController();
    const call = bridge.call('count', { to: 9 }, { signal: controller.signal, cancelGrace: () => 2000, stall: { ms: 500 } });
    const { id } = workers[0]!.calls()[0]!;
    controller.abort();
    expect(workers[0]!.sent).toContainEqual({ bridge: 'cancel', id });
    await vi.advanceTimersByTimeAsync(1500); // past the stall bound: the grace replaces it
    workers[0]!.reply({ bridge: 'progress', id, progress: 3 }); // progress during the grace does not restart it
    workers[0]!.reply({ bridge: 'done', id, value: 'stopped after 3' });
    await expect(call).resolves.toBe('stopped after 3');
    expect(workers[0]!.terminated).toBe(false);
  });

  it('cancelGrace: no answer within the grace stops the worker and rejects; 0 stops at once', async () => {
    vi.useFakeTimers();
    const { bridge, workers } = fakeBridge();
    const controller = new AbortController();
    const call = bridge.call('count', { to: 9 }, { signal: controller.signal, cancelGrace: () => 2000 });
    const settled = vi.fn();
    call.then(settled, settled);
    const other = bridge.call('double', { n: 1 }).catch((e: unknown) => e);
    controller.abort();
    await vi.advanceTimersByTimeAsync(1999);
    expect(settled).not.toHaveBeenCalled();
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    expect(await other).toMatchObject({ name: 'WorkerExitError', reason: 'stopped' });

    const now = new AbortController();
    const cold = bridge.call('count', { to: 1 }, { signal: now.signal, cancelGrace: () => 0 });
    now.abort();
    await expect(cold).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[1]!.terminated).toBe(true);
    expect(workers[1]!.sent).toContainEqual({ bridge: 'cancel', id: workers[1]!.calls()[0]!.id });
  });
});

describe('portEndpoint', () => {
  type PortApi = { add: (input: { a: number; b: number }) => number; slow: (input: undefined, ctx: ServeContext<string>) => Promise<string> };

  /** `serve(api)` on one end of a real MessageChannel; the bridge gets the other end when `connect` is called. */
  function channel(api: PortApi) {
    const { port1, port2 } = new MessageChannel();
    port2.start();
    serve(api, {
      addEventListener: (type, listener) => port2.addEventListener(type, listener),
      postMessage: (message) => port2.postMessage(message),
    });
    let connect!: () => void;
    const port = new Promise<MessagePort>((resolve) => {
      connect = () => resolve(port1);
    });
    return { port, connect, port1, port2 };
  }

  const api: PortApi = {
    add: ({ a, b }) => a + b,
    slow: async (_input, ctx) => {
      ctx.progress('half');
      return 'done';
    },
  };

  it('carries calls and progress over a MessagePort; calls made before the port arrives wait for it', async () => {
    const c = channel(api);
    const close = vi.fn();
    const bridge = createBridge<PortApi>(() => portEndpoint({ port: c.port, close }));
    const early = bridge.call('add', { a: 2, b: 3 });
    c.connect();
    await expect(early).resolves.toBe(5);
    const seen: string[] = [];
    await expect(bridge.call('slow', undefined, { onProgress: (p) => seen.push(p) })).resolves.toBe('done');
    expect(seen).toEqual(['half']);
    bridge.stop();
    expect(close).toHaveBeenCalledTimes(1);
    c.port1.close();
    c.port2.close();
  });

  it('drops what `accept` refuses, and a reported death is a crash', async () => {
    const { port1, port2 } = new MessageChannel();
    port2.start();
    const bridge = createBridge<PortApi>(() =>
      portEndpoint({
        port: Promise.resolve(port1),
        accept: (data) => {
          const d = data as { bridge?: string; type?: string; message?: string };
          if (d.type === 'failed') return new Error(d.message);
          return d.bridge === 'done' && typeof (d as { value?: unknown }).value === 'number' ? (data as BridgeReply) : undefined;
        },
      }),
    );
    const call = bridge.call('add', { a: 1, b: 1 });
    const request = await new Promise<BridgeRequest>((resolve) => port2.addEventListener('message', (e) => resolve(e.data as BridgeRequest), { once: true }));
    port2.postMessage({ bridge: 'done', id: request.id, value: 'forged text' }); // refused: not a number
    port2.postMessage({ type: 'failed', message: 'the Python worker could not start' });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect(error).toMatchObject({ reason: 'crashed', detail: 'the Python worker could not start' });
    port2.close();
  });

  it('a port that never comes (rejected) fails the call as a crash with its reason', async () => {
    const bridge = createBridge<PortApi>(() => portEndpoint({ port: Promise.reject(new Error('the Python sandbox did not load')) }));
    await expect(bridge.call('add', { a: 1, b: 2 })).rejects.toMatchObject({ name: 'WorkerExitError', detail: 'the Python sandbox did not load' });
  });
});
