/**
 * Which tab owns a `running` execution. Every tab holds one Web Lock (`threadline-tab-<id>`)
 * for its whole life; a run records that name as its `lease`. When a tab closes or reloads,
 * the browser releases its lock, so on start-up any `running` execution whose lease is not
 * held (or requested) by an open tab was left by a closed tab and is marked `interrupted`
 * (src/store/runs.ts `sweepInterruptedRuns`, called by the hooks layer: `useSweepClosedTabRuns`
 * in src/ui/hooks/mutations.ts). Without the Web Locks API (insecure contexts) there is no way
 * to tell a live tab's run from a dead one, so nothing is swept. This file only speaks to the
 * Web Locks API; it does not touch the store.
 */
import { newId } from '../../core/digest';

const name = `threadline-tab-${newId()}`;
let held: Promise<string | undefined> | undefined;

function locks(): LockManager | undefined {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
}

/** This tab's lease name once its lock is held (undefined without Web Locks). */
export function tabLease(): Promise<string | undefined> {
  held ??= new Promise<string | undefined>((resolve) => {
    const manager = locks();
    if (!manager) return resolve(undefined);
    manager
      .request(name, () => {
        resolve(name);
        return new Promise<never>(() => {}); // Held until the tab goes away.
      })
      .catch(() => resolve(undefined));
  });
  return held;
}

/** Which leases belong to open tabs, as of `snapshotAt` (the moment just before the lock query). */
export interface LiveLeases {
  isLive: (lease: string | undefined) => boolean;
  snapshotAt: number;
}

/** The leases held or requested by open tabs, or undefined without Web Locks (then nothing may be swept). */
export async function liveLeases(): Promise<LiveLeases | undefined> {
  const manager = locks();
  if (!manager) return undefined;
  await tabLease();
  const snapshotAt = Date.now();
  const state = await manager.query();
  const live = new Set([...(state.held ?? []), ...(state.pending ?? [])].map((l) => l.name));
  return { isLive: (lease) => lease !== undefined && live.has(lease), snapshotAt };
}
