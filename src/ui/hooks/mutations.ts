/**
 * TanStack Query mutation hooks and the run writes: every UI write to the store goes through
 * here. None invalidates anything itself: the change feed does (sync.ts); `synced` makes a
 * mutation resolve only after the reads its write made stale have refetched.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  clearAllData,
  deleteAllArtifactVersions,
  deleteArtifactVersion,
  deleteSession,
  nameArtifact,
  saveRun,
  saveVerification,
  startRun,
  sweepInterruptedRuns,
  updateArtifact,
  updateSettings,
  type ImportResult,
  type NameArtifactInput,
  type Settings,
} from '../../store';
import type { ArtifactTag, Execution, NodeValue } from '../../core/model';
import { appDb } from '../lib/db';
import { exportBundleInWorker, importBundleInWorker, type BundleProgress } from '../lib/bundle-worker';
import { downloadBlob } from '../lib/download';
import { bundleFileName } from '../catalog/catalogModel';
import { liveLeases } from '../runs/lease';
import { keys } from './keys';
import { invalidateWorkerWrite, synced } from './sync';

export function useDeleteSession() {
  return useMutation({ mutationFn: synced((id: string) => deleteSession(appDb(), id)) });
}

export function useNameArtifact() {
  return useMutation({ mutationFn: synced((input: NameArtifactInput) => nameArtifact(appDb(), input)) });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: synced((patch: Partial<Settings>) => updateSettings(appDb(), patch)),
    // The stored row, at once (the change feed's refetch reads the same row).
    onSuccess: (settings) => qc.setQueryData(keys.settings(), settings),
  });
}

export function useUpdateArtifact() {
  return useMutation({
    mutationFn: synced((args: { id: string; description?: string; tags?: ArtifactTag[] }) =>
      updateArtifact(appDb(), args.id, { description: args.description, tags: args.tags }),
    ),
  });
}

/**
 * Deletes one version or every version of a name. Resolves without waiting for the refetches
 * (the change feed starts them): the caller navigates away from the deleted version first.
 */
export function useDeleteArtifact() {
  return useMutation({
    mutationFn: async (args: { name: string; version?: number }): Promise<number> =>
      args.version === undefined
        ? deleteAllArtifactVersions(appDb(), args.name)
        : (await deleteArtifactVersion(appDb(), args.name, args.version), 1),
  });
}

/** Downloads the whole store as one JSON bundle (built in the bundle worker). Resolves to the file name. */
export function useExportBundle() {
  return useMutation({
    mutationFn: async (): Promise<string> => {
      const blob = await exportBundleInWorker();
      const name = bundleFileName(new Date());
      downloadBlob(blob, name);
      return name;
    },
  });
}

/**
 * Imports a bundle in the bundle worker. The worker's writes reach this tab's change feed over
 * BroadcastChannel, with no ordering against the worker's reply, so the import hands its tables
 * to the same table → family map itself and resolves once those reads are fresh.
 */
export function useImportBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (args: { file: File; signal?: AbortSignal; onProgress?: (p: BundleProgress) => void }): Promise<ImportResult> => {
      try {
        return await importBundleInWorker(args.file, { signal: args.signal, onProgress: args.onProgress });
      } finally {
        await invalidateWorkerWrite(qc);
      }
    },
  });
}

export function useClearAllData() {
  return useMutation({ mutationFn: synced(() => clearAllData(appDb())) });
}

/** Asks the browser to keep this site's data under storage pressure. Resolves to the answer. */
export function useRequestPersist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<boolean> => {
      if (!navigator.storage?.persist) throw new Error('this browser cannot make storage persistent');
      return navigator.storage.persist();
    },
    // Browser state, not the store: no table covers it, so this is its own refresh.
    onSuccess: (granted) => qc.setQueryData(keys.storagePersisted(), granted),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.storageEstimate() }),
  });
}

/**
 * The store writes of a run and a verify (src/ui/runs/useRun.ts drives the run worker between
 * them; its mutations wrap the whole flow in `synced`).
 */
export const runWrites = {
  start: (sessionId: string, now: number, lease?: string): Promise<Execution> => startRun(appDb(), sessionId, now, lease),
  save: (records: { execution: Execution; nodeValues: NodeValue[] }) => saveRun(appDb(), records),
  verification: (artifactId: string, verification: Parameters<typeof saveVerification>[2]) => saveVerification(appDb(), artifactId, verification),
};

let swept: Promise<number> | undefined;

/**
 * Marks the runs left `running` by closed tabs as interrupted, once per tab (see
 * src/ui/runs/lease.ts). Resolves with how many were marked; 0 without Web Locks.
 */
export function sweepClosedTabRunsOnce(): Promise<number> {
  swept ??= (async () => {
    const leases = await liveLeases();
    if (!leases) return 0;
    return (await sweepInterruptedRuns(appDb(), leases.isLive, leases.snapshotAt)).length;
  })();
  return swept;
}
