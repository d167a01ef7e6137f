/** On start-up, marks runs left `running` by closed tabs as interrupted (see ./lease.ts). */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { appDb } from '../lib/db';
import { sweepClosedTabRuns } from './lease';

export function useSweepClosedTabRuns(): void {
  const qc = useQueryClient();
  useEffect(() => {
    sweepClosedTabRuns(appDb()).then(
      (marked) => (marked > 0 ? qc.invalidateQueries({ queryKey: ['nodeValues'] }) : undefined),
      () => {}, // A storage problem here shows on the next read or write, with its sentence.
    );
  }, [qc]);
}
