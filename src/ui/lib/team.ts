/**
 * The app's one team client and outbox flusher (the API is on this page's origin; the token
 * is read from the store on every call, so a token saved in Settings → Team applies at once).
 */
import { getTeamToken } from '../../store';
import { appDb } from './db';
import { TeamClient } from './team-client';
import { OutboxFlusher, type FlushSummary } from './team-outbox';

let client: TeamClient | undefined;
let flusher: OutboxFlusher | undefined;
const roundListeners = new Set<(s: FlushSummary) => void>();

/**
 * Is this page served by `threadline serve`? Its index.html carries `<meta name="threadline-team">`
 * (src/server/static.ts); elsewhere (vite, a static host) the app never calls the API at all.
 */
export function servedByTeamServer(): boolean {
  return typeof document !== 'undefined' && document.querySelector('meta[name="threadline-team"]') !== null;
}

export function teamClient(): TeamClient {
  client ??= new TeamClient({ token: () => getTeamToken(appDb()) });
  return client;
}

export function outboxFlusher(): OutboxFlusher {
  flusher ??= new OutboxFlusher({
    db: appDb,
    client: teamClient(),
    onRound: (s) => {
      for (const l of roundListeners) l(s);
    },
  });
  return flusher;
}

/** Calls `listener` after every flush round that sent or refused something; returns an unsubscribe. */
export function onFlushRound(listener: (s: FlushSummary) => void): () => void {
  roundListeners.add(listener);
  return () => void roundListeners.delete(listener);
}
