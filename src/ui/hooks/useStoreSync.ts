import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { subscribeToChanges, type ChangedTable } from '../../store';
import { appDb } from '../lib/db';

const FAMILIES: Record<ChangedTable, string[]> = {
  sessions: ['sessions', 'rows'],
  sourceCodes: ['graph', 'rows'],
  nodes: ['graph', 'rows'],
  executions: ['rows'],
  nodeValues: ['nodeValues', 'rows'],
  artifacts: ['artifacts', 'rows'],
  settings: ['settings'],
};

/** Invalidate cached reads whenever the store changes, in this tab or another one. */
export function useStoreSync(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      subscribeToChanges(appDb(), (tables) => {
        const families = new Set(tables.flatMap((t) => FAMILIES[t] ?? []));
        for (const family of families) void qc.invalidateQueries({ queryKey: [family] });
      }),
    [qc],
  );
}
