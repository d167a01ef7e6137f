/**
 * Runs (issue 7): executions with `mode: "run"` and the values they recorded, and the
 * "Verify slice" result kept with an artifact version.
 */
import { InputError, NotFoundError } from '../core/errors';
import { newId } from '../core/digest';
import type { Artifact, ArtifactVerification, Execution, NodeValue } from '../core/model';
import type { ThreadlineDB } from './db';
import { toStorageError } from './storage-errors';

/** Finished runs kept per session (older ones and their values are deleted on save). */
export const KEPT_RUNS = 5;

/** A finished (or in-progress) run and the values it recorded. */
export interface StoredRun {
  execution: Execution;
  values: NodeValue[];
}

/** Longest repr kept in a stored verification, per side. */
const MAX_VERIFICATION_CHARS = 10_000;

function isRun(e: Execution): boolean {
  return e.mode === 'run';
}

/** The sentence kept with a run that its tab left `running`. */
export const INTERRUPTED_MESSAGE = 'The run did not finish: the page was closed or reloaded while it ran.';

/**
 * Writes a new `running` execution for `sessionId` (so other tabs see that a run is under
 * way); `saveRun` later replaces it with the finished execution. `lease` names the Web Lock
 * the running tab holds (see {@link sweepInterruptedRuns}). Other `running` executions are
 * left alone: one may belong to a live run in another tab.
 */
export async function startRun(db: ThreadlineDB, sessionId: string, now: number = Date.now(), lease?: string): Promise<Execution> {
  const execution: Execution = { id: newId(), sessionId, startedAt: now, mode: 'run', status: 'running', ...(lease ? { lease } : {}) };
  try {
    await db.transaction('rw', [db.sessions, db.executions], async () => {
      if (!(await db.sessions.get(sessionId))) throw new NotFoundError(`There is no session with id ${sessionId}. It may have been deleted.`);
      await db.executions.add(execution);
    });
  } catch (e) {
    throw toStorageError(e, 'start the run');
  }
  return execution;
}

/**
 * The start-up sweep: marks `interrupted` every run execution still `running` whose tab is
 * gone, in ONE read-write transaction. A run is live when `isLive(lease)` says so (the app
 * passes the Web Locks held or requested by open tabs, queried at `snapshotAt`). Runs started
 * at or after `snapshotAt` are never touched: their tab may have taken its lock after the query.
 * Returns the executions it marked.
 */
export async function sweepInterruptedRuns(
  db: ThreadlineDB,
  isLive: (lease: string | undefined) => boolean,
  snapshotAt: number,
  now: number = Date.now(),
): Promise<Execution[]> {
  try {
    return await db.transaction('rw', db.executions, async () => {
      const stale = (await db.executions.filter((e) => isRun(e) && e.status === 'running').toArray()).filter(
        (e) => e.startedAt < snapshotAt && !isLive(e.lease),
      );
      const marked = stale.map(({ lease: _lease, ...e }): Execution => ({ ...e, status: 'interrupted', endedAt: e.endedAt ?? now, error: e.error ?? INTERRUPTED_MESSAGE }));
      if (marked.length > 0) await db.executions.bulkPut(marked);
      return marked;
    });
  } catch (e) {
    throw toStorageError(e, 'close the runs left by closed tabs');
  }
}

/**
 * Saves a finished run — its execution (status `ok`, `error` or `cancelled`) and every
 * value it recorded, including those recorded before an error or a cancel — in ONE
 * read-write transaction. Replaces the `running` execution of the same id, if any. Keeps
 * the newest {@link KEPT_RUNS} runs of the session (runs an artifact points to are kept).
 */
export async function saveRun(db: ThreadlineDB, run: { execution: Execution; nodeValues: NodeValue[] }): Promise<StoredRun> {
  const { execution, nodeValues } = run;
  if (execution.mode !== 'run') throw new InputError('Only executions with mode "run" can be saved as a run.', 'execution.mode');
  const seen = new Set<string>();
  nodeValues.forEach((v, i) => {
    if (v.executionId !== execution.id) throw new InputError('A recorded value belongs to another execution.', `nodeValues[${i}].executionId`);
    if (seen.has(v.nodeId)) throw new InputError('A run recorded two values for one node.', `nodeValues[${i}].nodeId`);
    seen.add(v.nodeId);
  });
  try {
    return await db.transaction('rw', [db.sessions, db.nodes, db.executions, db.nodeValues, db.artifacts], async () => {
      if (!(await db.sessions.get(execution.sessionId))) {
        throw new NotFoundError('The session was deleted while it ran, so the run was not saved.');
      }
      const nodes = await db.nodes.bulkGet(nodeValues.map((v) => v.nodeId));
      nodes.forEach((n, i) => {
        if (!n || n.sessionId !== execution.sessionId) throw new InputError('The run recorded a value for a node of another session.', `nodeValues[${i}].nodeId`);
      });
      await db.executions.put(execution);
      await db.nodeValues.where('executionId').equals(execution.id).delete();
      if (nodeValues.length > 0) await db.nodeValues.bulkAdd(nodeValues);

      // Keep the newest runs; an old run stays while an artifact points to it.
      const runs = (await db.executions.where('sessionId').equals(execution.sessionId).toArray())
        .filter((e) => isRun(e) && e.status !== 'running')
        .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
      const old = runs.slice(KEPT_RUNS).map((e) => e.id);
      if (old.length > 0) {
        const pinned = new Set((await db.artifacts.where('sessionId').equals(execution.sessionId).toArray()).map((a) => a.executionId));
        const drop = old.filter((id) => !pinned.has(id) && id !== execution.id);
        if (drop.length > 0) {
          await db.nodeValues.where('executionId').anyOf(drop).delete();
          await db.executions.bulkDelete(drop);
        }
      }
      return { execution, values: nodeValues };
    });
  } catch (e) {
    throw toStorageError(e, 'save the run');
  }
}

/** The newest finished run of a session (status `ok`, `error` or `cancelled`) with its values, if any. */
export async function latestRun(db: ThreadlineDB, sessionId: string): Promise<StoredRun | undefined> {
  try {
    return await db.transaction('r', [db.executions, db.nodeValues], async () => {
      const runs = (await db.executions.where('sessionId').equals(sessionId).toArray())
        .filter((e) => isRun(e) && e.status !== 'running')
        .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1));
      const execution = runs[0];
      if (!execution) return undefined;
      const values = await db.nodeValues.where('executionId').equals(execution.id).toArray();
      return { execution, values };
    });
  } catch (e) {
    throw toStorageError(e, 'read the last run');
  }
}

/** Ids of every run execution of a session (to tell run values from stored notebook outputs). */
export async function runExecutionIds(db: ThreadlineDB, sessionId: string): Promise<string[]> {
  try {
    return (await db.executions.where('sessionId').equals(sessionId).toArray()).filter(isRun).map((e) => e.id);
  } catch (e) {
    throw toStorageError(e, 'read the runs');
  }
}

function cut(text: string): string {
  return text.length > MAX_VERIFICATION_CHARS ? `${text.slice(0, MAX_VERIFICATION_CHARS)}\n… [cut at ${MAX_VERIFICATION_CHARS.toLocaleString('en-US')} characters]` : text;
}

/**
 * Stores the result of "Verify slice" with the artifact version (replacing an earlier one).
 * `original` and `slice` are the two reprs, or what went wrong on that side; `mode` says which
 * slice was run (fine or whole-block), kept when given.
 */
export async function saveVerification(
  db: ThreadlineDB,
  artifactId: string,
  result: { verified: boolean; original: string; slice: string; problem?: string; mode?: 'fine' | 'whole' },
  at: number = Date.now(),
): Promise<Artifact> {
  if (typeof result?.verified !== 'boolean') throw new InputError('A verification needs a verified flag.', 'verified');
  const verification: ArtifactVerification = {
    verified: result.verified,
    original: cut(String(result.original ?? '')),
    slice: cut(String(result.slice ?? '')),
    at,
    ...(result.mode === 'fine' || result.mode === 'whole' ? { mode: result.mode } : {}),
  };
  try {
    return await db.transaction('rw', db.artifacts, async () => {
      const artifact = await db.artifacts.get(artifactId);
      if (!artifact) throw new NotFoundError('This artifact version was deleted, so the verification was not saved.');
      const next: Artifact = { ...artifact, verification };
      await db.artifacts.put(next);
      return next;
    });
  } catch (e) {
    throw toStorageError(e, 'save the verification');
  }
}
