/** The store: the only code that touches IndexedDB. */
export { ThreadlineDB, openThreadlineDb, countRows, DATA_TABLES, DEFAULT_DB_NAME, SCHEMA_V1, SCHEMA_V2, tagKeysOf, OUTDATED_MESSAGE } from './db';
export { watchConnection } from './connection';
export type { ConnectionEvents } from './connection';
export type { TableName, SettingRow } from './db';
export {
  ingestPlan,
  listSessions,
  getSession,
  loadSessionGraph,
  deleteSession,
  getNodeValues,
  staticExecutionOf,
} from './sessions';
export type { IngestResult, StoredSessionGraph } from './sessions';
export {
  nameArtifact,
  nextVersion,
  getArtifact,
  listArtifacts,
  countArtifacts,
  artifactNameStats,
  artifactIds,
  listArtifactVersions,
  updateArtifact,
  deleteArtifactVersion,
  deleteAllArtifactVersions,
  sameCodeAs,
  normaliseTags,
} from './artifacts';
export type { NameArtifactInput, ArtifactQuery, NameStats } from './artifacts';
export { catalogPage, catalogIds, artifactsById } from './catalog';
export type { CatalogSpec } from './catalog';
export { subscribeToChanges } from './changes';
export type { ChangedTable } from './changes';
export {
  getSettings,
  updateSettings,
  parseNumberSetting,
  rangeText,
  DEFAULT_SETTINGS,
  DEFAULT_MAX_INGEST_MB,
  DEFAULT_MAX_NODES,
  MAX_INGEST_MB_CEILING,
  NUMBER_SETTINGS,
} from './settings';
export type { Settings, NumberSettingSpec, ParsedSetting } from './settings';
export { toStorageError, QUOTA_MESSAGE } from './storage-errors';
export { exportBundle, importBundle, validateBundle, clearAllData, bundleJsonParts, InvalidBundleError, MAX_PROBLEMS, BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle';
export type { Bundle, BundleProblem, ImportProgress, ImportResult } from './bundle';
export { resolveSession, resolveArtifact, resolveNode } from './resolve';
export { parseArtifactFilter } from './query';
export { startRun, sweepInterruptedRuns, INTERRUPTED_MESSAGE, saveRun, latestRun, runExecutionIds, saveVerification, KEPT_RUNS, type StoredRun } from './runs';
export { listFollows, addFollow, saveFollowFiles, removeFollow } from './follows';
export type { FollowRecord, FollowedFile } from './follows';
export { queueShare, listOutbox, pendingShares, settleShare, retryShare, requeueAuthRefusals, dismissShare, getTeamToken, setTeamToken, TEAM_TOKEN_KEY, KEPT_SENT } from './outbox';
export type { OutboxEntry, OutboxState, ShareOutcome } from './outbox';
