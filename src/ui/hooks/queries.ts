/** TanStack Query hooks over the store: every UI read of the store goes through here, keyed by keys.ts. */
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import {
  artifactIds,
  artifactsById,
  catalogIds,
  catalogPage,
  countArtifacts,
  getArtifact,
  latestRun,
  runExecutionIds,
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
  type CatalogSpec,
} from '../../store';
import type { Artifact } from '../../core/model';
import { InputError } from '../../core/errors';
import { appDb } from '../lib/db';
import { compareInWorker } from '../lib/workers';
import type { Session } from '../../core/model';
import { keys } from './keys';
import { groupSessions } from '../sessions/sessionGroups';

export function useSessions() {
  return useQuery({ queryKey: keys.sessions(), queryFn: () => listSessions(appDb()) });
}

/** One read of the sessions outside React and the cache (the first-visit check, before anything renders them). */
export function readSessionsOnce() {
  return listSessions(appDb());
}

export function useSessionGraph(sessionId: string) {
  return useQuery({ queryKey: keys.graph(sessionId), queryFn: () => loadSessionGraph(appDb(), sessionId), staleTime: Infinity });
}

/** The stored graphs of several sessions at once (e.g. the pipeline export's inputs), in `sessionIds` order. */
export function useSessionGraphs(sessionIds: readonly string[]) {
  return useQueries({
    queries: sessionIds.map((id) => ({ queryKey: keys.graph(id), queryFn: () => loadSessionGraph(appDb(), id), staleTime: Infinity })),
  });
}

export function useNodeValues(nodeIds: readonly string[]) {
  return useQuery({
    queryKey: keys.nodeValues(nodeIds),
    queryFn: async () => (await Promise.all(nodeIds.map((id) => getNodeValues(appDb(), id)))).flat(),
    enabled: nodeIds.length > 0,
  });
}

export function useArtifacts(query: ArtifactQuery = {}) {
  return useQuery({ queryKey: keys.artifactList(query), queryFn: () => listArtifacts(appDb(), query) });
}

/** One page of the catalog (a store query); the previous page stays shown while the next loads. */
export function useCatalogPage(spec: CatalogSpec, page: number) {
  return useQuery({ queryKey: keys.catalogPage(spec, page), queryFn: () => catalogPage(appDb(), spec, page), placeholderData: keepPreviousData });
}

/** The ids of every catalog row for `spec`, in order (read only while `enabled`: a selection exists). */
export function useCatalogIds(spec: CatalogSpec, enabled: boolean) {
  return useQuery({ queryKey: keys.catalogIds(spec), queryFn: () => catalogIds(appDb(), spec), enabled, placeholderData: keepPreviousData });
}

/** The artifacts with these ids, in that order (e.g. the selection to export). */
export function useArtifactsById(ids: readonly string[], enabled = true) {
  return useQuery({ queryKey: keys.artifactsById(ids), queryFn: () => artifactsById(appDb(), ids), enabled: enabled && ids.length > 0 });
}

/** How many artifact versions the store holds (counted without reading them). */
export function useArtifactCount() {
  return useQuery({ queryKey: keys.artifactCount(), queryFn: () => countArtifacts(appDb()) });
}

/** Every artifact id (primary keys only). */
export function useArtifactIds() {
  return useQuery({ queryKey: keys.artifactIds(), queryFn: () => artifactIds(appDb()) });
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

/** The newest finished run of the session and its values (null when it was never run). */
export function useLatestRun(sessionId: string) {
  return useQuery({
    queryKey: keys.latestRun(sessionId),
    queryFn: async () => (await latestRun(appDb(), sessionId)) ?? null,
    enabled: sessionId !== '',
  });
}

/** Ids of the session's run executions, to keep run values apart from stored notebook outputs. */
export function useRunExecutionIds(sessionId: string) {
  return useQuery({
    queryKey: keys.runExecutionIds(sessionId),
    queryFn: async () => new Set(await runExecutionIds(appDb(), sessionId)),
    enabled: sessionId !== '',
  });
}

/** The browser's storage estimate (null when it cannot tell). Not the store: refreshed by the settings that change it. */
export function useStorageEstimate() {
  return useQuery({
    queryKey: keys.storageEstimate(),
    queryFn: async () => (navigator.storage?.estimate ? await navigator.storage.estimate() : null),
  });
}

/** Whether the site's storage is persistent (null when the browser cannot tell). */
export function usePersisted() {
  return useQuery({
    queryKey: keys.storagePersisted(),
    queryFn: async () => (navigator.storage?.persisted ? await navigator.storage.persisted() : null),
  });
}

/** The sessions grouped by notebook (the same read as useSessions, grouped in `select`). */
export function useSessionGroups() {
  return useQuery({ queryKey: keys.sessions(), queryFn: () => listSessions(appDb()), select: groupSessions });
}

/** What deleting a session takes with it: its artifact versions and the ids of its runs. */
export function useSessionDependents(sessionId: string) {
  const artifacts = useArtifacts({ sessionId });
  const runs = useRunExecutionIds(sessionId);
  return {
    artifacts: artifacts.data,
    runCount: runs.data?.size,
    isLoading: artifacts.isLoading || runs.isLoading,
    error: artifacts.error ?? runs.error ?? undefined,
  };
}

/** The versions of a notebook: its sessions (same `notebookKey`), oldest first. */
export function useNotebookVersions(notebookKey: string | undefined) {
  return useQuery({
    queryKey: keys.sessions(),
    queryFn: () => listSessions(appDb()),
    enabled: notebookKey !== undefined,
    select: (sessions: Session[]) => sessions.filter((s) => s.notebookKey === notebookKey).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
  });
}

/**
 * Two versions compared in a worker (diff, changed nodes, re-run advice, untrusted outputs);
 * `older` undefined: only the newer version's untrusted outputs. A superseded comparison is aborted.
 */
export function useComparison(older: string | undefined, newer: string, enabled = true) {
  return useQuery({
    queryKey: keys.compare(older, newer),
    queryFn: ({ signal }) => compareInWorker(older, newer, { dbName: appDb().name, signal }),
    enabled: enabled && newer !== '',
    staleTime: Infinity,
  });
}
