/**
 * The one place where cached reads are invalidated: a map from store table to key families,
 * fed by the store's change feed (this tab and others). A same-tab write fires the feed
 * synchronously when its transaction commits, before the write's promise resolves, so
 * `storeSynced()` awaited after a write waits for the refetches that write caused.
 */
import type { QueryClient } from '@tanstack/react-query';
import { DATA_TABLES, type ChangedTable } from '../../store';

/** Key families (first key element, see keys.ts) that read each table. */
export const FAMILIES: Record<ChangedTable, string[]> = {
  sessions: ['sessions', 'rows'],
  sourceCodes: ['graph', 'rows'],
  nodes: ['graph', 'rows'],
  executions: ['runs', 'rows'],
  nodeValues: ['nodeValues', 'runs', 'rows'],
  artifacts: ['artifacts', 'rows'],
  settings: ['settings', 'team'],
  outbox: ['outbox'],
};

const pending = new Set<Promise<unknown>>();

/** Invalidates (and refetches the active reads of) every family that reads one of `tables`. */
export function invalidateTables(qc: QueryClient, tables: readonly ChangedTable[]): Promise<void> {
  const families = new Set(tables.flatMap((t) => FAMILIES[t] ?? []));
  const done = Promise.all([...families].map((family) => qc.invalidateQueries({ queryKey: [family] }))).then(() => undefined);
  pending.add(done);
  void done.finally(() => pending.delete(done));
  return done;
}

/**
 * For writes made in a worker (ingest, bundle import): they reach this tab's feed over
 * BroadcastChannel with no ordering against the worker's reply, so the caller feeds the same
 * map with every data table once the worker has answered.
 */
export function invalidateWorkerWrite(qc: QueryClient): Promise<void> {
  return invalidateTables(qc, DATA_TABLES);
}

/** Resolves once every invalidation started so far (and any they started) has settled. */
export async function storeSynced(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** Wraps a store write so its mutation resolves only after the reads it made stale are fresh. */
export function synced<F extends (arg: never) => Promise<unknown>>(write: F): F {
  const wrapped = async (arg: Parameters<F>[0]) => {
    try {
      return await write(arg);
    } finally {
      await storeSynced();
    }
  };
  return wrapped as F;
}
