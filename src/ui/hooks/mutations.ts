/** TanStack Query mutation hooks: every write goes through here and invalidates what it touches. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteSession, nameArtifact, updateSettings, type NameArtifactInput, type Settings } from '../../store';
import { ingestFile, type IngestOptions } from '../actions/ingestFile';
import { appDb } from '../lib/db';
import { keys } from './keys';

export function useIngestFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: { file: File; author: string } & IngestOptions) => ingestFile(args.file, args.author, args),
    onSettled: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: keys.sessions() }),
        qc.invalidateQueries({ queryKey: keys.artifacts() }),
        qc.invalidateQueries({ queryKey: keys.rows() }),
      ]);
    },
  });
}

export function useDeleteSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteSession(appDb(), id),
    onSettled: () => qc.invalidateQueries(),
  });
}

export function useNameArtifact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NameArtifactInput) => nameArtifact(appDb(), input),
    onSettled: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: keys.artifacts() }), qc.invalidateQueries({ queryKey: keys.rows() })]);
    },
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => updateSettings(appDb(), patch),
    onSuccess: (settings) => qc.setQueryData(keys.settings(), settings),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.settings() }),
  });
}

