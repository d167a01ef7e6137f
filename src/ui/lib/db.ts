import { countRows, openThreadlineDb, type ThreadlineDB } from '../../store';

let db: ThreadlineDB | undefined;

/** The app's one database connection. */
export function appDb(): ThreadlineDB {
  db ??= openThreadlineDb();
  return db;
}

declare global {
  interface Window {
    /** A tiny hook for the e2e tests: row counts per table, and the last layout's node boxes. */
    __threadline?: { countRows: () => Promise<Record<string, number>> };
  }
}

if (typeof window !== 'undefined') {
  window.__threadline = { countRows: () => countRows(appDb()) };
}
