/**
 * The catalog table's pure logic: grouping artifact versions by name, sorting, selection,
 * tag text. No React, no store.
 */
import type { Artifact, ArtifactTag } from '../../core/model';

export type CatalogView = 'latest' | 'versions';
export type SortKey = 'name' | 'version' | 'versions' | 'session' | 'author' | 'created';
export type SortDirection = 'asc' | 'desc';
export interface CatalogSort {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: CatalogSort = { key: 'created', direction: 'desc' };

/** One table row: an artifact version, with the number of versions its name has. */
export interface CatalogRow {
  artifact: Artifact;
  /** Versions of this name in the whole store (not only the filtered ones). */
  versionCount: number;
  /** The highest version of this name in the whole store. */
  latestVersion: number;
}

/**
 * Rows for the table. `matching` are the artifacts that pass the filter; `all` is every
 * artifact (for the counts). View `latest` keeps, per name, the newest matching version;
 * `versions` keeps every matching version.
 */
export function catalogRows(matching: readonly Artifact[], all: readonly Artifact[], view: CatalogView): CatalogRow[] {
  const counts = new Map<string, { n: number; latest: number }>();
  for (const a of all) {
    const c = counts.get(a.name);
    if (c) {
      c.n += 1;
      c.latest = Math.max(c.latest, a.version);
    } else counts.set(a.name, { n: 1, latest: a.version });
  }
  let picked: Artifact[];
  if (view === 'versions') picked = [...matching];
  else {
    const best = new Map<string, Artifact>();
    for (const a of matching) {
      const b = best.get(a.name);
      if (!b || a.version > b.version) best.set(a.name, a);
    }
    picked = [...best.values()];
  }
  return picked.map((artifact) => {
    const c = counts.get(artifact.name);
    return { artifact, versionCount: c?.n ?? 1, latestVersion: Math.max(c?.latest ?? artifact.version, artifact.version) };
  });
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
}

/** Sorts rows by `sort`; ties fall back to newest first, then name, then version (descending). */
export function sortCatalogRows(
  rows: readonly CatalogRow[],
  sort: CatalogSort,
  sessionName: (id: string) => string = (id) => id,
): CatalogRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const primary = (x: CatalogRow, y: CatalogRow): number => {
    switch (sort.key) {
      case 'name':
        return compareText(x.artifact.name, y.artifact.name);
      case 'version':
        return x.artifact.version - y.artifact.version;
      case 'versions':
        return x.versionCount - y.versionCount;
      case 'session':
        return compareText(sessionName(x.artifact.sessionId), sessionName(y.artifact.sessionId));
      case 'author':
        return compareText(x.artifact.author, y.artifact.author);
      case 'created':
        return x.artifact.createdAt - y.artifact.createdAt;
    }
  };
  return [...rows].sort(
    (x, y) =>
      sign * primary(x, y) ||
      y.artifact.createdAt - x.artifact.createdAt ||
      compareText(x.artifact.name, y.artifact.name) ||
      y.artifact.version - x.artifact.version,
  );
}

/** Clicking a column header: a new column starts in its natural direction, the same one flips. */
export function nextSort(current: CatalogSort, key: SortKey): CatalogSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const descFirst: SortKey[] = ['created', 'version', 'versions'];
  return { key, direction: descFirst.includes(key) ? 'desc' : 'asc' };
}

/** `key=value`, or just `key` when the value is empty. */
export function tagText(tag: ArtifactTag): string {
  return tag.value === '' ? tag.key : `${tag.key}=${tag.value}`;
}

/**
 * Parses the tag editor's text: one tag per line or comma, `key=value` or `key`. Blank
 * entries are dropped; the store normalises and validates the rest.
 */
export function parseTagsText(text: string): ArtifactTag[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const eq = s.indexOf('=');
      return eq < 0 ? { key: s, value: '' } : { key: s.slice(0, eq).trim(), value: s.slice(eq + 1).trim() };
    });
}

export function tagsToText(tags: readonly ArtifactTag[]): string {
  return tags.map(tagText).join('\n');
}

/** Keeps only selected ids that are still rows (after a delete or a filter change). */
export function pruneSelection(selected: ReadonlySet<string>, rows: readonly CatalogRow[]): Set<string> {
  const present = new Set(rows.map((r) => r.artifact.id));
  return new Set([...selected].filter((id) => present.has(id)));
}

/** The bundle file name for a date: `threadline-bundle-2026-01-31.json`. */
export function bundleFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `threadline-bundle-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
