/** Subscribes the query cache to the store's change feed (see sync.ts): the one invalidation path. */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { subscribeToChanges } from '../../store';
import { appDb } from '../lib/db';
import { invalidateTables } from './sync';

/** Invalidate cached reads whenever the store changes, in this tab or another one. */
export function useStoreSync(): void {
  const qc = useQueryClient();
  useEffect(() => subscribeToChanges(appDb(), (tables) => void invalidateTables(qc, tables)), [qc]);
}
