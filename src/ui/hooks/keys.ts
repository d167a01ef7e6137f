/** Query keys. The first element names the table family used for invalidation. */
export const keys = {
  sessions: () => ['sessions'] as const,
  session: (id: string) => ['sessions', id] as const,
  graph: (id: string) => ['graph', id] as const,
  nodeValues: (nodeIds: readonly string[]) => ['nodeValues', ...nodeIds] as const,
  artifacts: () => ['artifacts'] as const,
  artifact: (name: string, version?: number) => ['artifacts', 'one', name, version ?? 'latest'] as const,
  artifactVersions: (name: string) => ['artifacts', 'versions', name] as const,
  nextVersion: (name: string) => ['artifacts', 'next', name] as const,
  artifactsOfSession: (sessionId: string) => ['artifacts', 'session', sessionId] as const,
  sameCode: (id: string) => ['artifacts', 'same', id] as const,
  settings: () => ['settings'] as const,
  rows: () => ['rows'] as const,
};
