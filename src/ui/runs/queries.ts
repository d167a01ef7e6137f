/** Reads of runs (no Pyodide here: the side panel imports this eagerly). */
import { useQuery } from '@tanstack/react-query';
import { latestRun, runExecutionIds } from '../../store';
import { appDb } from '../lib/db';

/**
 * Query keys of runs. Under the `nodeValues` family, so a write of node values (any tab)
 * invalidates them; the run mutation also invalidates them itself.
 */
export const runKeys = {
  all: (sessionId: string) => ['nodeValues', 'runs', sessionId] as const,
  latest: (sessionId: string) => ['nodeValues', 'runs', sessionId, 'latest'] as const,
  ids: (sessionId: string) => ['nodeValues', 'runs', sessionId, 'ids'] as const,
};

/** The newest finished run of the session and its values (null when it was never run). */
export function useLatestRun(sessionId: string) {
  return useQuery({
    queryKey: runKeys.latest(sessionId),
    queryFn: async () => (await latestRun(appDb(), sessionId)) ?? null,
    enabled: sessionId !== '',
  });
}

/** Ids of the session's run executions, to keep run values apart from stored notebook outputs. */
export function useRunExecutionIds(sessionId: string) {
  return useQuery({
    queryKey: runKeys.ids(sessionId),
    queryFn: async () => new Set(await runExecutionIds(appDb(), sessionId)),
    enabled: sessionId !== '',
  });
}
