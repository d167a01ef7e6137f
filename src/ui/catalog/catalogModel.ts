/**
 * The catalog table's pure logic: grouping artifact versions by name, sorting, paging,
 * selection, tag text, search params. No React, no store.
 */
import type { CatalogRow, CatalogSort, RowPage, SortKey } from '../../core/catalog';

// The rows, the order and the paging are shared with the store's catalog query (src/core/catalog.ts).
export {
  catalogRows,
  sortCatalogRows,
  DEFAULT_SORT,
  PAGE_SIZE,
  pageCount,
  clampPage,
  pageRows,
  type CatalogView,
  type SortKey,
  type SortDirection,
  type CatalogSort,
  type CatalogRow,
  type RowPage,
} from '../../core/catalog';

/** Clicking a column header: a new column starts in its natural direction, the same one flips. */
export function nextSort(current: CatalogSort, key: SortKey): CatalogSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const descFirst: SortKey[] = ['created', 'version', 'versions'];
  return { key, direction: descFirst.includes(key) ? 'desc' : 'asc' };
}

// Tag text (one tag per line; commas belong to values) lives in core, beside the store's rules.
export { parseTagsText, tagsToText, tagText, shownTags } from '../../core/tags';

/** The page number in `?page=`: anything but a positive whole number reads as page 1. */
export function parsePage(param: string | null | undefined): number {
  if (param === null || param === undefined || !/^\d{1,9}$/.test(param.trim())) return 1;
  return Math.max(1, Number(param.trim()));
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
export function nextSearchParams(current: URLSearchParams, key: string, value: string | number | undefined, pageKey = 'page'): URLSearchParams {
  const next = new URLSearchParams(current);
  const text = value === undefined ? '' : String(value);
  if (text === '' || (key === pageKey && text === '1')) next.delete(key);
  else next.set(key, text);
  if (key !== pageKey && (current.get(key) ?? '') !== (next.get(key) ?? '')) next.delete(pageKey);
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
  return pruneSelectionToIds(selected, rows.map((r) => r.artifact.id));
}

/** Keeps only selected ids that are in `ids` (the ids of every row of the filtered list). */
export function pruneSelectionToIds(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const present = new Set(ids);
  return new Set([...selected].filter((id) => present.has(id)));
}

/** The bundle file name for a date: `threadline-bundle-2026-01-31.json`. */
export function bundleFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `threadline-bundle-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
