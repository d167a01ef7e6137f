/**
 * The artifact catalog's order and paging, as pure rules shared by the store (which answers
 * one page per query, src/store/catalog.ts) and the UI (src/ui/catalog/catalogModel.ts):
 * rows, latest version per name, the sort comparator with its tie-breaks, and page clamping.
 */
import type { Artifact } from './model';

export type CatalogView = 'latest' | 'versions';
export type SortKey = 'name' | 'version' | 'versions' | 'session' | 'author' | 'created';
export type SortDirection = 'asc' | 'desc';
export interface CatalogSort {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: CatalogSort = { key: 'created', direction: 'desc' };

/** Per artifact name: how many versions it has and its highest version. */
export interface NameStats {
  count: number;
  latest: number;
}

/** One table row: an artifact version, with the number of versions its name has. */
export interface CatalogRow {
  artifact: Artifact;
  /** Versions of this name in the whole store (not only the filtered ones). */
  versionCount: number;
  /** The highest version of this name in the whole store. */
  latestVersion: number;
}

/** A row for `artifact`, with its name's stats in the whole store (`stats` may be missing for a name written meanwhile). */
export function catalogRow(artifact: Artifact, stats: NameStats | undefined): CatalogRow {
  return { artifact, versionCount: stats?.count ?? 1, latestVersion: Math.max(stats?.latest ?? artifact.version, artifact.version) };
}

/**
 * Rows for the table. `matching` are the artifacts that pass the filter; `names` holds every
 * name's version count and latest version in the whole store.
 * View `latest` keeps, per name, the newest matching version; `versions` keeps every matching version.
 */
export function catalogRows(matching: readonly Artifact[], names: ReadonlyMap<string, NameStats>, view: CatalogView): CatalogRow[] {
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
  return picked.map((artifact) => catalogRow(artifact, names.get(artifact.name)));
}

// One collator for every comparison: `localeCompare` with options builds one per call,
// which dominates sorting thousands of rows.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * The catalog order: `sort` first; ties fall back to newest first, then name, then version
 * (descending), then id, so the order is total and a page never depends on read order.
 */
export function catalogComparator(
  sort: CatalogSort,
  sessionName: (id: string) => string = (id) => id,
): (x: CatalogRow, y: CatalogRow) => number {
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
  return (x, y) =>
    sign * primary(x, y) ||
    y.artifact.createdAt - x.artifact.createdAt ||
    compareText(x.artifact.name, y.artifact.name) ||
    y.artifact.version - x.artifact.version ||
    (x.artifact.id < y.artifact.id ? -1 : x.artifact.id > y.artifact.id ? 1 : 0);
}

/** Sorts rows by `sort` (see {@link catalogComparator}). */
export function sortCatalogRows(rows: readonly CatalogRow[], sort: CatalogSort, sessionName?: (id: string) => string): CatalogRow[] {
  return [...rows].sort(catalogComparator(sort, sessionName));
}

/** Rows per page in the catalog and the sessions list. */
export const PAGE_SIZE = 50;

/** One page of a list, with what the range text and the pager need. */
export interface RowPage<T> {
  /** The rows on this page. */
  rows: T[];
  /** The page shown, 1-based, after clamping into 1..pageCount. */
  page: number;
  /** At least 1, even for an empty list. */
  pageCount: number;
  /** 1-based positions of the first and last row shown; both 0 for an empty list. */
  first: number;
  last: number;
  /** Rows on all pages. */
  total: number;
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Brings a page number into 1..pageCount: after deletes, a narrower filter, or a hand-edited URL. */
export function clampPage(page: number, total: number, size = PAGE_SIZE): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, size));
}

/** The page record for rows `slice` found at page `shown` (already clamped) of `total` rows. */
export function rowPage<T>(slice: T[], shown: number, total: number, size = PAGE_SIZE): RowPage<T> {
  const start = (shown - 1) * size;
  return { rows: slice, page: shown, pageCount: pageCount(total, size), first: slice.length === 0 ? 0 : start + 1, last: start + slice.length, total };
}

/** Slices out page `page` (1-based, clamped) of `rows`. */
export function pageRows<T>(rows: readonly T[], page: number, size = PAGE_SIZE): RowPage<T> {
  const shown = clampPage(page, rows.length, size);
  const start = (shown - 1) * size;
  return rowPage(rows.slice(start, start + size), shown, rows.length, size);
}
