/** TanStack Query hooks for the catalog, artifact editing and bundles. Writes invalidate what they touch. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  clearAllData,
  deleteAllArtifactVersions,
  deleteArtifactVersion,
  updateArtifact,
  type ImportResult,
} from '../../store';
import type { ArtifactTag } from '../../core/model';
import { appDb } from '../lib/db';
import { exportBundleInWorker, importBundleInWorker, type BundleProgress } from '../lib/bundle-worker';
import { downloadBlob } from '../lib/download';
import { keys } from '../hooks/keys';
import { bundleFileName } from './catalogModel';

export function useUpdateArtifact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: { id: string; description?: string; tags?: ArtifactTag[] }) =>
      updateArtifact(appDb(), args.id, { description: args.description, tags: args.tags }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.artifacts() }),
  });
}

export function useDeleteArtifact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (args: { name: string; version?: number }): Promise<number> =>
      args.version === undefined
        ? deleteAllArtifactVersions(appDb(), args.name)
        : (await deleteArtifactVersion(appDb(), args.name, args.version), 1),
    // Not awaited: the caller navigates away from the deleted version first.
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.artifacts() });
      void qc.invalidateQueries({ queryKey: keys.rows() });
      void qc.invalidateQueries({ queryKey: ['nodeValues'] });
    },
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

export function useImportBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: { file: File; signal?: AbortSignal; onProgress?: (p: BundleProgress) => void }): Promise<ImportResult> =>
      importBundleInWorker(args.file, { signal: args.signal, onProgress: args.onProgress }),
    onSettled: () => qc.invalidateQueries(),
  });
}

export function useClearAllData() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => clearAllData(appDb()),
    onSettled: () => qc.invalidateQueries(),
  });
}

const ESTIMATE_KEY = ['storage-estimate'] as const;
const PERSISTED_KEY = ['storage-persisted'] as const;

/** Whether the site's storage is persistent (null when the browser cannot tell). */
export function usePersisted() {
  return useQuery({
    queryKey: PERSISTED_KEY,
    queryFn: async () => (navigator.storage?.persisted ? await navigator.storage.persisted() : null),
  });
}

/** Asks the browser to keep this site's data under storage pressure. Resolves to the answer. */
export function useRequestPersist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<boolean> => {
      if (!navigator.storage?.persist) throw new Error('this browser cannot make storage persistent');
      return navigator.storage.persist();
    },
    onSuccess: (granted) => qc.setQueryData(PERSISTED_KEY, granted),
    onSettled: () => qc.invalidateQueries({ queryKey: ESTIMATE_KEY }),
  });
}
