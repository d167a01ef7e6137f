/**
 * The sessions list's pure logic: sessions grouped by notebook (`notebookKey`), newest
 * first, with a version number per session and the name search. No React, no store.
 */
import type { Session } from '../../core/model';

/** One version of a notebook: a session, numbered from 1 (the oldest) within its group. */
export interface SessionVersion {
  session: Session;
  version: number;
  /** The version whose file bytes are identical (same `sourceDigest`), if an older one has them. */
  sameAs?: number;
}

/** A notebook: every session with its key, newest first (`versions[0]` is the latest). */
export interface NotebookGroup {
  key: string;
  latest: SessionVersion;
  versions: SessionVersion[];
}

/**
 * Groups sessions by notebook key. Groups are ordered by their newest session (newest
 * first), versions inside a group newest first; ties on `createdAt` keep the id order so the
 * numbering is stable across reads.
 */
export function groupSessions(sessions: readonly Session[]): NotebookGroup[] {
  const byKey = new Map<string, Session[]>();
  for (const s of sessions) {
    const list = byKey.get(s.notebookKey);
    if (list) list.push(s);
    else byKey.set(s.notebookKey, [s]);
  }
  const groups: NotebookGroup[] = [];
  for (const [key, list] of byKey) {
    const oldestFirst = [...list].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const firstByDigest = new Map<string, number>();
    const numbered = oldestFirst.map((session, i): SessionVersion => {
      const version = i + 1;
      const sameAs = firstByDigest.get(session.sourceDigest);
      if (sameAs === undefined) firstByDigest.set(session.sourceDigest, version);
      return sameAs === undefined ? { session, version } : { session, version, sameAs };
    });
    const versions = numbered.reverse();
    groups.push({ key, latest: versions[0], versions });
  }
  return groups.sort((a, b) => b.latest.session.createdAt - a.latest.session.createdAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Groups with a version whose name contains `query` (case-insensitive, trimmed); an empty
 * query keeps every group. A group is kept whole, so its version numbers stay true.
 */
export function filterGroups(groups: readonly NotebookGroup[], query: string): NotebookGroup[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...groups];
  return groups.filter((g) => g.versions.some((v) => v.session.name.toLowerCase().includes(q)));
}
