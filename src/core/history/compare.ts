/**
 * One comparison of two versions of a notebook, as the UI shows it: the diff, the nodes new or
 * changed in the newer version, what to re-run, the newer version's untrusted outputs, and the
 * first node of each newer cell (what a cell links to in the graph). Plain data (arrays, no
 * Sets), so it crosses the worker bridge as is. Pure; the analysis worker runs it off the UI thread.
 */
import { changedNodeIds, diffNotebooks, type NotebookDiff } from './notebook-diff';
import { untrustedOutputs, whatToRerun, type RerunAdvice, type UntrustedOutput } from './staleness';
import type { NotebookVersion } from './version';

export interface VersionComparison {
  /** Absent when there is no older version: only `untrusted` and `cellNodes` are filled. */
  diff?: NotebookDiff;
  /** Lineage node ids of the newer version that are new or changed. */
  changedNodeIds: string[];
  rerun?: RerunAdvice;
  /** Outputs of the newer version that cannot be trusted from the file alone. */
  untrusted: UntrustedOutput[];
  /** Newer source code id → its first lineage node (lowest seq), for links into the graph. */
  cellNodes: Record<string, string>;
}

/** The first node (by seq) of each cell. */
export function firstNodeOfCells(version: NotebookVersion): Record<string, string> {
  const best = new Map<string, { id: string; seq: number }>();
  for (const n of version.nodes) {
    const code = n.location?.sourceCodeId;
    if (!code) continue;
    const b = best.get(code);
    if (!b || n.seq < b.seq) best.set(code, { id: n.id, seq: n.seq });
  }
  return Object.fromEntries([...best].map(([code, b]) => [code, b.id]));
}

/** Compares `older` (or nothing) with `newer`. */
export function compareVersions(older: NotebookVersion | undefined, newer: NotebookVersion): VersionComparison {
  const untrusted = untrustedOutputs(newer);
  const cellNodes = firstNodeOfCells(newer);
  if (!older) return { changedNodeIds: [], untrusted, cellNodes };
  const diff = diffNotebooks(older, newer);
  return { diff, changedNodeIds: [...changedNodeIds(diff, newer)], rerun: whatToRerun(diff, older, newer), untrusted, cellNodes };
}
