/** The UI thread's one connection to the app's database (workers open their own; see src/workers/shared.ts). */
import { openThreadlineDb, type ThreadlineDB } from '../../store';

let db: ThreadlineDB | undefined;

/** The app's one database connection. */
export function appDb(): ThreadlineDB {
  db ??= openThreadlineDb();
  return db;
}
