/** Artifact version assignment, shared by naming, ingest and bundle import. */
import Dexie from 'dexie';
import type { ThreadlineDB } from './db';

/** The highest stored version of `name`, or -1. Call inside a transaction over `artifacts`. */
export async function maxVersionOf(db: ThreadlineDB, name: string): Promise<number> {
  const last = await db.artifacts
    .where('[name+version]')
    .between([name, Dexie.minKey], [name, Dexie.maxKey], true, true)
    .last();
  return last ? last.version : -1;
}

/** Every distinct stored artifact name (keys of the `name` index only). Call inside a transaction. */
export async function storedNames(db: ThreadlineDB): Promise<string[]> {
  return (await db.artifacts.orderBy('name').uniqueKeys()) as string[];
}

/** Waits a short random time before a retry, so two racing tabs drift apart. */
export function jitter(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 + attempt * 2) * Math.random();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const MAX_NAMING_ATTEMPTS = 50;
