/** Progress of the run in flight, per session, kept outside React so it survives remounts. */
import { useSyncExternalStore } from 'react';

export interface RunProgress {
  done: number;
  total: number;
}

const progress = new Map<string, RunProgress>();
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function setRunProgress(sessionId: string, value: RunProgress | undefined): void {
  if (value) progress.set(sessionId, value);
  else progress.delete(sessionId);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRunProgress(sessionId: string): RunProgress | undefined {
  return useSyncExternalStore(subscribe, () => progress.get(sessionId));
}
