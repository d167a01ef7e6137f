/**
 * The app's one follow loop (src/ui/lib/follow.ts) as hooks: `useFollowLoop` starts it once
 * for the whole app (changes arrive on every page, not only the sessions list) and keeps its
 * settings current; `useFollows` gives the follows' statuses and the loop's actions.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { DEFAULT_SETTINGS } from '../../store';
import { appDb } from '../lib/db';
import { FollowLoop, type FollowSettings, type FollowStatus } from '../lib/follow';
import { useSettings } from './queries';
import { invalidateWorkerWrite } from './sync';

let loop: FollowLoop | undefined;
let client: QueryClient | undefined;
let current: FollowSettings = {
  author: DEFAULT_SETTINGS.author,
  maxIngestBytes: DEFAULT_SETTINGS.maxIngestMB * 1024 * 1024,
  maxNodes: DEFAULT_SETTINGS.maxNodes,
};

function theLoop(): FollowLoop {
  loop ??= new FollowLoop({
    db: appDb,
    settings: () => current,
    onStored: () => {
      if (client) void invalidateWorkerWrite(client);
    },
  });
  return loop;
}

/** Mount once, in the app shell. */
export function useFollowLoop(): void {
  const qc = useQueryClient();
  const settings = useSettings().data;
  client = qc;
  if (settings) current = { author: settings.author, maxIngestBytes: settings.maxIngestMB * 1024 * 1024, maxNodes: settings.maxNodes };
  useEffect(() => {
    const l = theLoop();
    void l.start();
    return () => l.stop();
  }, []);
}

export function useFollows(): { follows: FollowStatus[]; loop: FollowLoop } {
  const l = theLoop();
  const follows = useSyncExternalStore(l.subscribe, l.snapshot);
  return { follows, loop: l };
}
