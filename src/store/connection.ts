/**
 * Two tabs, two versions: when another tab opens a newer schema, this tab's ThreadlineDB
 * closes its connection at once (so the upgrade never waits on us) and refuses further
 * reads and writes with a StorageError asking to reload (see `ThreadlineDB.outdated`).
 * `watchConnection` lets the UI show a "reload to update" banner, and a note while our own
 * upgrade is blocked by an older tab.
 */
import type { ThreadlineDB } from './db';

export interface ConnectionEvents {
  /** Another tab opened a newer schema (or deleted the database); this connection is closed. */
  onOutdated?: (newVersion: number | null) => void;
  /** Our own open/upgrade waits for an older tab that keeps the database open. */
  onBlocked?: () => void;
}

/** Subscribes to the connection events of `db`; returns an unsubscribe function. */
export function watchConnection(db: ThreadlineDB, events: ConnectionEvents): () => void {
  const offOutdated = events.onOutdated ? db.onOutdated(events.onOutdated) : () => {};
  const onBlocked = () => {
    events.onBlocked?.();
  };
  db.on('blocked', onBlocked);
  return () => {
    offOutdated();
    db.on('blocked').unsubscribe(onBlocked);
  };
}
