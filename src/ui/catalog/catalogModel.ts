/**
 * The catalog table's pure logic: grouping artifact versions by name, sorting, paging,
 * selection, tag text, search params. No React, no store.
 */
import type { Artifact } from '../../core/model';
import type { NameStats } from '../../store';

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
 * Rows for the table. `matching` are the artifacts that pass the filter; `names` holds every
 * name's version count and latest version in the whole store (a store query over index keys).
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
  return picked.map((artifact) => {
    const c = names.get(artifact.name);
    return { artifact, versionCount: c?.count ?? 1, latestVersion: Math.max(c?.latest ?? artifact.version, artifact.version) };
  });
}

// One collator for every comparison: `localeCompare` with options builds one per call,
// which dominates sorting thousands of rows.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareText(a: string, b: string): number {
  return collator.compare(a, b);
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

// Tag text (one tag per line; commas belong to values) lives in core, beside the store's rules.
export { parseTagsText, tagsToText, tagText, shownTags } from '../../core/tags';

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

/** The page number in `?page=`: anything but a positive whole number reads as page 1. */
export function parsePage(param: string | null | undefined): number {
  if (param === null || param === undefined || !/^\d{1,9}$/.test(param.trim())) return 1;
  return Math.max(1, Number(param.trim()));
}

/** Slices out page `page` (1-based, clamped) of `rows`. */
export function pageRows<T>(rows: readonly T[], page: number, size = PAGE_SIZE): RowPage<T> {
  const total = rows.length;
  const shown = clampPage(page, total, size);
  const start = (shown - 1) * size;
  const slice = rows.slice(start, start + size);
  return {
    rows: slice,
    page: shown,
    pageCount: pageCount(total, size),
    first: slice.length === 0 ? 0 : start + 1,
    last: start + slice.length,
    total,
  };
}

/** `1–50 of 2,503 names`, or just `3 names` when everything is on one page. */
export function rangeText(p: Pick<RowPage<unknown>, 'first' | 'last' | 'total' | 'pageCount'>, one: string, many = `${one}s`): string {
  const count = `${p.total.toLocaleString('en')} ${p.total === 1 ? one : many}`;
  return p.pageCount <= 1 ? count : `${p.first.toLocaleString('en')}–${p.last.toLocaleString('en')} of ${count}`;
}

/**
 * Search params after setting `key` (empty or undefined removes it). A new filter, view or
 * sort goes back to page 1; page 1 itself is written as no `page` param.
 */
export function nextSearchParams(current: URLSearchParams, key: string, value: string | number | undefined): URLSearchParams {
  const next = new URLSearchParams(current);
  const text = value === undefined ? '' : String(value);
  if (text === '' || (key === 'page' && text === '1')) next.delete(key);
  else next.set(key, text);
  if (key !== 'page' && (current.get(key) ?? '') !== (next.get(key) ?? '')) next.delete('page');
  return next;
}

/** How many of `rows` are selected: none, some or all (the header checkbox of one page). */
export function selectionState<T extends { artifact: { id: string } }>(selected: ReadonlySet<string>, rows: readonly T[]): 'none' | 'some' | 'all' {
  let n = 0;
  for (const r of rows) if (selected.has(r.artifact.id)) n += 1;
  return n === 0 ? 'none' : n === rows.length ? 'all' : 'some';
}

/** Adds (or, with `on` false, removes) the rows' ids, keeping the selection on other pages. */
export function setRowsSelected<T extends { artifact: { id: string } }>(selected: ReadonlySet<string>, rows: readonly T[], on: boolean): Set<string> {
  const next = new Set(selected);
  for (const r of rows) {
    if (on) next.add(r.artifact.id);
    else next.delete(r.artifact.id);
  }
  return next;
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
