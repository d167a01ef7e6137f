/** TanStack Query mutation hooks: every write goes through here and invalidates what it touches. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteSession, nameArtifact, updateSettings, type NameArtifactInput, type Settings } from '../../store';
import { appDb } from '../lib/db';
import { keys } from './keys';

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

