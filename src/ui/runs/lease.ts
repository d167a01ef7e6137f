/**
 * Which tab owns a `running` execution. Every tab holds one Web Lock (`threadline-tab-<id>`)
 * for its whole life; a run records that name as its `lease`. When a tab closes or reloads,
 * the browser releases its lock, so on start-up any `running` execution whose lease is not
 * held (or requested) by an open tab was left by a closed tab and is marked `interrupted`
 * (src/store/runs.ts `sweepInterruptedRuns`). Without the Web Locks API (insecure contexts)
 * there is no way to tell a live tab's run from a dead one, so nothing is swept.
 */
import { newId } from '../../core/digest';
import { sweepInterruptedRuns, type ThreadlineDB } from '../../store';

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

let swept: Promise<number> | undefined;

/** Marks the runs left `running` by closed tabs as interrupted (once per tab). Resolves with how many. */
export function sweepClosedTabRuns(db: ThreadlineDB): Promise<number> {
  swept ??= (async () => {
    const manager = locks();
    if (!manager) return 0;
    await tabLease();
    const snapshotAt = Date.now();
    const state = await manager.query();
    const live = new Set([...(state.held ?? []), ...(state.pending ?? [])].map((l) => l.name));
    const marked = await sweepInterruptedRuns(db, (lease) => lease !== undefined && live.has(lease), snapshotAt);
    return marked.length;
  })();
  return swept;
}
