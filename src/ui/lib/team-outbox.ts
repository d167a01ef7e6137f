/**
 * The outbox flusher: sends the pending shares of the outbox (src/store/outbox.ts) to the team
 * server, oldest first, each with the idempotency key it was queued with. A verdict (taken or
 * refused) settles the entry; an unreachable server (offline, stopped, its database down) stops
 * the round and leaves the rest pending, to be tried again when the browser comes back online,
 * after a backoff (5 s doubling to 2 min), or when the user shares again. Two tabs may send the
 * same entry at once: the key makes the second a replay of the first, not a second version.
 */
import { pendingShares, settleShare, type ThreadlineDB } from '../../store';
import { TeamError, TeamUnreachableError, teamErrorText, type TeamClient } from './team-client';

export interface FlushSummary {
  sent: number;
  refused: number;
  /** Set when the round stopped because the server could not take shares now. */
  waiting?: string;
  /** Entries still pending after the round. */
  left: number;
}

/** Is this failure "try again later" (the entry stays pending) rather than a verdict on the share? */
export function isTransient(error: unknown): boolean {
  if (error instanceof TeamUnreachableError) return true;
  if (error instanceof TeamError) return error.retryLater || error.code === 'no_token';
  // A fetch that threw something else (aborted, a network stack error): not a verdict either.
  return true;
}

/** One round over the pending entries. */
export async function flushOutbox(db: ThreadlineDB, client: TeamClient, now: () => number = Date.now): Promise<FlushSummary> {
  const pending = await pendingShares(db);
  const summary: FlushSummary = { sent: 0, refused: 0, left: pending.length };
  for (const entry of pending) {
    try {
      const { share, unchanged } = await client.share(entry.id, entry.bundle);
      await settleShare(db, entry.id, { kind: 'sent', teamId: share.id, teamVersion: share.version, ...(unchanged ? { unchanged } : {}) }, now);
      summary.sent += 1;
    } catch (error) {
      const message = teamErrorText(error);
      if (isTransient(error)) {
        await settleShare(db, entry.id, { kind: 'unreachable', message }, now);
        summary.waiting = message;
        return summary;
      }
      await settleShare(db, entry.id, { kind: 'refused', message, code: error instanceof TeamError ? error.code : undefined }, now);
      summary.refused += 1;
    }
    summary.left -= 1;
  }
  return summary;
}

export interface FlusherDeps {
  db: () => ThreadlineDB;
  client: TeamClient;
  /** After a round that settled something (the UI refreshes the team catalog). */
  onRound?: (summary: FlushSummary) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 120_000;

/** Runs rounds one at a time: a kick during a round runs one more round after it. */
export class OutboxFlusher {
  private running: Promise<FlushSummary> | undefined;
  private again = false;
  private timer: unknown;
  private delay = FIRST_RETRY_MS;
  private started = false;
  private readonly onOnline = () => {
    this.delay = FIRST_RETRY_MS;
    void this.kick();
  };

  constructor(private readonly deps: FlusherDeps) {}

  /** Listens for the browser coming back online and sends what is pending now. */
  start(): void {
    if (this.started) return;
    this.started = true;
    globalThis.addEventListener?.('online', this.onOnline);
    void this.kick();
  }

  stop(): void {
    this.started = false;
    globalThis.removeEventListener?.('online', this.onOnline);
    this.clear();
  }

  /** Sends what is pending (now, or right after the round in progress). Resolves with the last round's summary. */
  kick(): Promise<FlushSummary> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clear();
    const round = (async () => {
      let summary: FlushSummary;
      do {
        this.again = false;
        summary = await flushOutbox(this.deps.db(), this.deps.client, this.deps.now);
        if (summary.sent + summary.refused > 0) this.deps.onRound?.(summary);
      } while (this.again && !summary.waiting);
      return summary;
    })();
    this.running = round;
    void round
      .then(
        (summary) => this.schedule(summary),
        () => this.schedule({ sent: 0, refused: 0, left: 1, waiting: 'storage' }),
      )
      .finally(() => {
        if (this.running === round) this.running = undefined;
      });
    return round;
  }

  private schedule(summary: FlushSummary): void {
    if (!this.started) return;
    if (!summary.waiting || summary.left === 0) {
      this.delay = FIRST_RETRY_MS;
      return;
    }
    const set = this.deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.timer = set(() => {
      this.timer = undefined;
      void this.kick();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, MAX_RETRY_MS);
  }

  private clear(): void {
    if (this.timer === undefined) return;
    (this.deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = undefined;
  }
}
