/** TanStack Query hooks over the store: every read goes through here. */
import { useQuery } from '@tanstack/react-query';
import {
  getArtifact,
  getNodeValues,
  getSettings,
  listArtifactVersions,
  listArtifacts,
  listSessions,
  loadSessionGraph,
  nextVersion,
  sameCodeAs,
  countRows,
  type ArtifactQuery,
} from '../../store';
import type { Artifact } from '../../core/model';
import { InputError } from '../../core/errors';
import { appDb } from '../lib/db';
import { keys } from './keys';

export function useSessions() {
  return useQuery({ queryKey: keys.sessions(), queryFn: () => listSessions(appDb()) });
}

export function useSessionGraph(sessionId: string) {
  return useQuery({ queryKey: keys.graph(sessionId), queryFn: () => loadSessionGraph(appDb(), sessionId), staleTime: Infinity });
}

export function useNodeValues(nodeIds: readonly string[]) {
  return useQuery({
    queryKey: keys.nodeValues(nodeIds),
    queryFn: async () => (await Promise.all(nodeIds.map((id) => getNodeValues(appDb(), id)))).flat(),
    enabled: nodeIds.length > 0,
  });
}

export function useArtifacts(query: ArtifactQuery = {}) {
  return useQuery({ queryKey: [...keys.artifacts(), 'list', query], queryFn: () => listArtifacts(appDb(), query) });
}

export function useArtifact(name: string, version?: number) {
  return useQuery({ queryKey: keys.artifact(name, version), queryFn: () => getArtifact(appDb(), name, version), retry: false });
}

export function useArtifactVersions(name: string) {
  return useQuery({ queryKey: keys.artifactVersions(name), queryFn: () => listArtifactVersions(appDb(), name) });
}

export function useSameCodeAs(artifact: Artifact | undefined) {
  return useQuery({
    queryKey: keys.sameCode(artifact?.id ?? ''),
    queryFn: async () => (await sameCodeAs(appDb(), artifact!)) ?? null,
    enabled: artifact !== undefined,
  });
}

export function useNextVersion(name: string) {
  const trimmed = name.trim();
  return useQuery({
    queryKey: keys.nextVersion(trimmed),
    queryFn: () => nextVersion(appDb(), trimmed),
    enabled: trimmed.length > 0,
    // A refused name (ArtifactNameError, e.g. a look-alike) is an answer, not a failure to retry.
    retry: (count, error) => !(error instanceof InputError) && count < 1,
  });
}

export function useSettings() {
  return useQuery({ queryKey: keys.settings(), queryFn: () => getSettings(appDb()) });
}

export function useRowCounts() {
  return useQuery({ queryKey: keys.rows(), queryFn: () => countRows(appDb()) });
}
