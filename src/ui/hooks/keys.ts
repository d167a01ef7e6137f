/**
 * The one query-key factory of the UI. The first element of every key names its family:
 * useStoreSync invalidates families by the store table that changed (see FAMILIES in sync.ts).
 */
import type { ArtifactQuery, CatalogSpec } from '../../store';
import type { TeamListQuery } from '../../core/team/api';

export const keys = {
  sessions: () => ['sessions'] as const,
  session: (id: string) => ['sessions', id] as const,
  graph: (id: string) => ['graph', id] as const,
  nodeValues: (nodeIds: readonly string[]) => ['nodeValues', ...nodeIds] as const,
  artifacts: () => ['artifacts'] as const,
  artifactList: (query: ArtifactQuery) => ['artifacts', 'list', query] as const,
  catalogPage: (spec: CatalogSpec, page: number) => ['artifacts', 'catalog', spec, page] as const,
  catalogIds: (spec: CatalogSpec) => ['artifacts', 'catalog-ids', spec] as const,
  artifactsById: (ids: readonly string[]) => ['artifacts', 'by-id', ...ids] as const,
  artifactCount: () => ['artifacts', 'count'] as const,
  artifactIds: () => ['artifacts', 'ids'] as const,
  artifact: (name: string, version?: number) => ['artifacts', 'one', name, version ?? 'latest'] as const,
  artifactVersions: (name: string) => ['artifacts', 'versions', name] as const,
  nextVersion: (name: string) => ['artifacts', 'next', name] as const,
  artifactsOfSession: (sessionId: string) => ['artifacts', 'session', sessionId] as const,
  sameCode: (id: string) => ['artifacts', 'same', id] as const,
  /** Runs of a session: executions and their node values. */
  runs: (sessionId: string) => ['runs', sessionId] as const,
  latestRun: (sessionId: string) => ['runs', sessionId, 'latest'] as const,
  runExecutionIds: (sessionId: string) => ['runs', sessionId, 'ids'] as const,
  settings: () => ['settings'] as const,
  rows: () => ['rows'] as const,
  /** The team server (not the store): the token's settings row also invalidates this family. */
  team: () => ['team'] as const,
  teamToken: () => ['team', 'token'] as const,
  teamStatus: () => ['team', 'status'] as const,
  teamList: (query: TeamListQuery) => ['team', 'list', query] as const,
  /** Shares waiting for, or refused by, the team server. */
  outbox: () => ['outbox'] as const,
  /** Not the store: the browser's storage estimate and persistence (no table invalidates them). */
  storageEstimate: () => ['storage-estimate'] as const,
  storagePersisted: () => ['storage-persisted'] as const,
  /** Mutation keys (not cached reads): in-flight runs and verifies. */
  runMutation: (sessionId: string) => ['run', sessionId] as const,
  verifyMutation: (artifactId: string) => ['verify', artifactId] as const,
  /** Two versions compared (in the 'graph' family: stored graphs change only by ingest or delete). */
  compare: (older: string | undefined, newer: string) => ['graph', 'compare', older ?? '', newer] as const,
};
