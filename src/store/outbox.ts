/**
 * The team outbox (table `outbox`, Dexie version 5) and the team token (a `settings` row).
 *
 * "Share with the team" never talks to the server directly: it writes an outbox entry holding
 * the share body as it was at that moment (`exportBundle` of the one artifact and its session)
 * and an idempotency key made once, then the flusher (src/ui/lib/team.ts) sends the entries
 * oldest first. An entry is `pending` until the server takes it (`sent`, with the team version
 * it got) or refuses it (`refused`, with the server's sentence); an unreachable server leaves it
 * `pending` and it is sent again later with the same key, so a lost reply never makes a second
 * team version. Nothing here changes the local catalog: the store stays the user's own.
 */
import { newId } from '../core/digest';
import { InputError, NotFoundError } from '../core/errors';
import { exportBundle, type Bundle } from './bundle';
import type { ThreadlineDB } from './db';
import { toStorageError } from './storage-errors';

export type OutboxState = 'pending' | 'sent' | 'refused';

export interface OutboxEntry {
  /** Also the idempotency key sent with every attempt (`crypto.randomUUID()`-like). */
  id: string;
  createdAt: number;
  state: OutboxState;
  artifactId: string;
  /** What the user shared, for the list (the bundle holds the rest). */
  artifactName: string;
  artifactVersion: number;
  /** The share body, frozen when the share was queued. */
  bundle: Bundle;
  /** Send attempts that did not reach a verdict (network down, server unavailable). */
  attempts: number;
  lastAttemptAt?: number;
  /** Why the last attempt did not go through (unreachable) or why the server refused it. */
  message?: string;
  /** The server's error code of a refusal (`forbidden`, `invalid` …): a token change re-queues `unauthorized` and `forbidden` ones. */
  refusedCode?: string;
  /** Set once sent: the team catalog's id and version for it. */
  teamId?: string;
  teamVersion?: number;
  /** Sent, but the team's latest version of the name already held it: `teamVersion` is that one. */
  unchanged?: boolean;
  sentAt?: number;
}

/** The settings row that holds the team token (its own row: never in the URL, never in a bundle). */
export const TEAM_TOKEN_KEY = 'teamToken';

/** How many sent entries are kept (newest first) so the UI can say "shared as version N". */
export const KEPT_SENT = 50;

export async function getTeamToken(db: ThreadlineDB): Promise<string | undefined> {
  try {
    const row = await db.settings.get(TEAM_TOKEN_KEY);
    return typeof row?.value === 'string' && row.value ? row.value : undefined;
  } catch (e) {
    throw toStorageError(e, 'read the team token');
  }
}

/** Stores the token (trimmed); an empty string forgets it. */
export async function setTeamToken(db: ThreadlineDB, token: string): Promise<void> {
  const value = token.trim();
  if (value.length > 500 || /\s/.test(value)) throw new InputError('A team token is one word of at most 500 characters, as `threadline serve token create` printed it.', 'token');
  try {
    if (value) await db.settings.put({ key: TEAM_TOKEN_KEY, value });
    else await db.settings.delete(TEAM_TOKEN_KEY);
  } catch (e) {
    throw toStorageError(e, 'save the team token');
  }
}

/**
 * Queues a share of one artifact version: its bundle is read and the entry written in one
 * transaction, so the entry always holds the artifact as it was when the user pressed Share.
 */
export async function queueShare(db: ThreadlineDB, artifactId: string, opts: { now?: () => number; id?: string } = {}): Promise<OutboxEntry> {
  try {
    return await db.transaction('rw', [db.outbox, db.sessions, db.sourceCodes, db.nodes, db.executions, db.nodeValues, db.artifacts], async () => {
      const artifact = await db.artifacts.get(artifactId);
      if (!artifact) throw new NotFoundError('This artifact no longer exists, so it cannot be shared.');
      const bundle = await exportBundle(db, { artifactIds: [artifactId] });
      const entry: OutboxEntry = {
        id: opts.id ?? newId(),
        createdAt: (opts.now ?? Date.now)(),
        state: 'pending',
        artifactId,
        artifactName: artifact.name,
        artifactVersion: artifact.version,
        bundle,
        attempts: 0,
      };
      await db.outbox.add(entry);
      return entry;
    });
  } catch (e) {
    throw toStorageError(e, 'queue the share');
  }
}

/** Every entry, oldest first. */
export async function listOutbox(db: ThreadlineDB): Promise<OutboxEntry[]> {
  try {
    return await db.outbox.orderBy('createdAt').toArray();
  } catch (e) {
    throw toStorageError(e, 'read the outbox');
  }
}

/** The pending entries, oldest first (the order they are sent in). */
export async function pendingShares(db: ThreadlineDB): Promise<OutboxEntry[]> {
  try {
    return (await db.outbox.where('state').equals('pending').toArray()).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  } catch (e) {
    throw toStorageError(e, 'read the outbox');
  }
}

/** What the flusher learnt from one attempt. */
export type ShareOutcome =
  | { kind: 'sent'; teamId: string; teamVersion: number; unchanged?: boolean }
  | { kind: 'refused'; message: string; code?: string }
  | { kind: 'unreachable'; message: string };

/**
 * Records one attempt's outcome on a pending entry (one write). An entry that is no longer
 * pending (dismissed, or settled by another tab) is left as it is. Keeps the newest
 * `KEPT_SENT` sent entries.
 */
export async function settleShare(db: ThreadlineDB, id: string, outcome: ShareOutcome, now: () => number = Date.now): Promise<OutboxEntry | undefined> {
  try {
    return await db.transaction('rw', db.outbox, async () => {
      const entry = await db.outbox.get(id);
      if (!entry || entry.state !== 'pending') return entry;
      const at = now();
      const next: OutboxEntry =
        outcome.kind === 'sent'
          ? { ...entry, state: 'sent', teamId: outcome.teamId, teamVersion: outcome.teamVersion, ...(outcome.unchanged ? { unchanged: true } : {}), sentAt: at, lastAttemptAt: at, message: undefined, attempts: entry.attempts + 1 }
          : outcome.kind === 'refused'
            ? { ...entry, state: 'refused', message: outcome.message, refusedCode: outcome.code, lastAttemptAt: at, attempts: entry.attempts + 1 }
            : { ...entry, message: outcome.message, lastAttemptAt: at, attempts: entry.attempts + 1 };
      await db.outbox.put(next);
      if (outcome.kind === 'sent') {
        const sent = await db.outbox.where('state').equals('sent').toArray();
        const old = sent.sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0)).slice(KEPT_SENT);
        if (old.length > 0) await db.outbox.bulkDelete(old.map((e) => e.id));
      }
      return next;
    });
  } catch (e) {
    throw toStorageError(e, 'update the outbox');
  }
}

/** Puts a refused entry back in the queue (same idempotency key), e.g. after the token was fixed. */
export async function retryShare(db: ThreadlineDB, id: string): Promise<void> {
  try {
    await db.outbox.where('id').equals(id).modify((e) => {
      if (e.state === 'refused') {
        e.state = 'pending';
        delete e.refusedCode;
      }
    });
  } catch (e) {
    throw toStorageError(e, 'update the outbox');
  }
}

/** Refusals that only a token can fix: re-queued when the token changes. */
const AUTH_CODES = new Set(['unauthorized', 'forbidden', 'no_token']);

/** Puts every share refused for its token back in the queue (after the user saved a new token). Returns how many. */
export async function requeueAuthRefusals(db: ThreadlineDB): Promise<number> {
  try {
    return await db.outbox
      .where('state')
      .equals('refused')
      .filter((e) => AUTH_CODES.has(e.refusedCode ?? ''))
      .modify((e) => {
        e.state = 'pending';
        delete e.refusedCode;
      });
  } catch (e) {
    throw toStorageError(e, 'update the outbox');
  }
}

/** Removes an entry (a pending one is then never sent). */
export async function dismissShare(db: ThreadlineDB, id: string): Promise<void> {
  try {
    await db.outbox.delete(id);
  } catch (e) {
    throw toStorageError(e, 'update the outbox');
  }
}
