/**
 * On start-up, marks runs left `running` by closed tabs as interrupted (see ./lease.ts). The
 * write goes through the hooks layer; the tables it changed are invalidated by hooks/sync.ts.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { sweepClosedTabRunsOnce } from '../hooks/mutations';
import { invalidateTables } from '../hooks/sync';

export function useSweepClosedTabRuns(): void {
  const qc = useQueryClient();
  useEffect(() => {
    sweepClosedTabRunsOnce().then(
      (marked) => (marked > 0 ? invalidateTables(qc, ['executions']) : undefined),
      () => {}, // A storage problem here shows on the next read or write, with its sentence.
    );
  }, [qc]);
}
