/**
 * The catalog's store queries: one page of rows (filter, view, sort, page) with its total, the
 * ids of every row (for "Select all"), and artifacts by id. The order and paging rules are
 * src/core/catalog.ts; these queries answer exactly what those rules give over the whole list.
 *
 * Index paths (no full read): newest or oldest first over every version, filtered at most by
 * session and dates, pages with offset/limit on `createdAt` or `[sessionId+createdAt]` and
 * counts the range on the index; latest-per-name newest/oldest first with no filter walks the
 * `createdAt` index keeping each name's highest version (from `[name+version]` keys) and stops
 * after the page. Other filters and sorts (name, author, session use a locale collator, which no
 * IndexedDB index order matches) read each matching artifact once, in the store, and return one page.
 */
import Dexie from 'dexie';
import {
  catalogComparator,
  catalogRow,
  catalogRows,
  clampPage,
  PAGE_SIZE,
  pageRows,
  rowPage,
  type CatalogRow,
  type CatalogSort,
  type CatalogView,
  type NameStats,
  type RowPage,
} from '../core/catalog';
import type { Artifact } from '../core/model';
import { filterArtifacts, statsOfPairs, unfiltered, type ArtifactQuery } from './artifacts';
import type { ThreadlineDB } from './db';
import { toStorageError } from './storage-errors';

export interface CatalogSpec {
  /** The filters (offset and limit are ignored: `page` and `size` page the rows). */
  query?: ArtifactQuery;
  view: CatalogView;
  sort: CatalogSort;
  /** Session id → shown name, for the `session` sort (other sorts ignore it). */
  sessionNames?: Readonly<Record<string, string>>;
}

type Table = ThreadlineDB['artifacts'];
type Range = (lo?: number, hi?: number, loIncluded?: boolean, hiIncluded?: boolean) => ReturnType<Table['toCollection']>;

/** The createdAt range of `q` (its dates, inside its session when it has one), as an index range builder. */
function createdRange(table: Table, q: ArtifactQuery): Range {
  const from = q.from ?? -Infinity;
  const to = q.to ?? Infinity;
  const s = q.sessionId;
  if (s !== undefined) {
    return (lo = from, hi = to, a = true, b = true) => table.where('[sessionId+createdAt]').between([s, lo], [s, hi], a, b);
  }
  return (lo = from, hi = to, a = true, b = true) => table.where('createdAt').between(lo, hi, a, b);
}

const createdOf = (key: unknown): number => (Array.isArray(key) ? (key[1] as number) : (key as number));

function sessionNameOf(spec: CatalogSpec): (id: string) => string {
  const names = spec.sessionNames ?? {};
  return (id) => names[id] ?? '';
}

/** Version count and highest version of each of `names`, from their `[name+version]` keys. */
async function statsOfNames(table: Table, names: Iterable<string>): Promise<Map<string, NameStats>> {
  const pairs = await Promise.all(
    [...new Set(names)].map((n) => table.where('[name+version]').between([n, Dexie.minKey], [n, Dexie.maxKey], true, true).keys()),
  );
  return statsOfPairs(pairs.flat() as unknown as [string, number][]);
}

async function allNameStats(table: Table): Promise<Map<string, NameStats>> {
  return statsOfPairs((await table.orderBy('[name+version]').keys()) as unknown as [string, number][]);
}

/**
 * The page at `offset` of a createdAt-ordered walk: `walk(desc)` lists the kept rows in index
 * order; `count(lo, hi, …)` and `group(lo, hi)` count and read kept rows in a createdAt range.
 * The page's createdAt span is read whole and sorted by the catalog comparator, so rows that
 * share a createdAt are ordered by the tie-breaks also across page boundaries.
 */
async function createdPage(
  desc: boolean,
  offset: number,
  size: number,
  slotsOf: (desc: boolean) => Promise<number[]>,
  countOutside: (edge: number) => Promise<number>,
  group: (lo: number, hi: number) => Promise<Artifact[]>,
  rowOf: (rows: Artifact[]) => Promise<CatalogRow[]>,
  sort: CatalogSort,
): Promise<CatalogRow[]> {
  const slots = await slotsOf(desc);
  if (slots.length === 0) return [];
  const lo = Math.min(...slots);
  const hi = Math.max(...slots);
  const before = await countOutside(desc ? hi : lo);
  const rows = (await rowOf(await group(lo, hi))).sort(catalogComparator(sort));
  const start = offset - before;
  return rows.slice(start, start + size);
}

async function pageInTx(db: ThreadlineDB, spec: CatalogSpec, page: number, size: number): Promise<RowPage<CatalogRow>> {
  const q = spec.query ?? {};
  const table = db.artifacts;
  const desc = spec.sort.direction === 'desc';
  const onlyRange = (q.text ?? '').trim() === '' && !q.tag && q.author === undefined;

  if (spec.sort.key === 'created' && spec.view === 'versions' && onlyRange) {
    const range = createdRange(table, q);
    // Chromium counts an index range by walking it (about as slow as reading every row, see
    // bench/catalog.bench.ts); the object store's own count is cheap, so use it for the whole table.
    const whole = q.sessionId === undefined && q.from === undefined && q.to === undefined;
    const total = whole ? await table.count() : await range().count();
    const shown = clampPage(page, total, size);
    const offset = (shown - 1) * size;
    const rows = await createdPage(
      desc,
      offset,
      size,
      async (d) => ((await (d ? range().reverse() : range()).offset(offset).limit(size).keys()) as unknown[]).map(createdOf),
      (edge) => (desc ? range(edge, undefined, false, true).count() : range(undefined, edge, true, false).count()),
      (lo, hi) => range(lo, hi).toArray(),
      async (group) => {
        const stats = await statsOfNames(table, group.map((a) => a.name));
        return group.map((a) => catalogRow(a, stats.get(a.name)));
      },
      spec.sort,
    );
    return rowPage(rows, shown, total, size);
  }

  if (spec.sort.key === 'created' && spec.view === 'latest' && unfiltered(q)) {
    const stats = await allNameStats(table);
    const isLatest = (a: Artifact) => stats.get(a.name)?.latest === a.version;
    const total = stats.size;
    const shown = clampPage(page, total, size);
    const offset = (shown - 1) * size;
    const byCreated = () => table.orderBy('createdAt');
    const rows = await createdPage(
      desc,
      offset,
      size,
      async (d) => (await (d ? byCreated().reverse() : byCreated()).filter(isLatest).offset(offset).limit(size).toArray()).map((a) => a.createdAt),
      (edge) => (desc ? table.where('createdAt').above(edge) : table.where('createdAt').below(edge)).filter(isLatest).count(),
      (lo, hi) => table.where('createdAt').between(lo, hi, true, true).filter(isLatest).toArray(),
      async (group) => group.map((a) => catalogRow(a, stats.get(a.name))),
      spec.sort,
    );
    return rowPage(rows, shown, total, size);
  }

  return pageRows(await allRows(db, spec), page, size);
}

/** Every row of the catalog for `spec`, sorted: each matching artifact read once. */
async function allRows(db: ThreadlineDB, spec: CatalogSpec): Promise<CatalogRow[]> {
  const { rows, wholeTable } = await filterArtifacts(db, spec.query ?? {});
  const stats = wholeTable ? statsOfPairs([...wholeTable].sort(byNameVersion).map((a) => [a.name, a.version] as const)) : await allNameStats(db.artifacts);
  return catalogRows(rows, stats, spec.view).sort(catalogComparator(spec.sort, sessionNameOf(spec)));
}

function byNameVersion(a: Artifact, b: Artifact): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version;
}

/** Page `page` (1-based, clamped into 1..pageCount) of the catalog, with the total row count. */
export async function catalogPage(db: ThreadlineDB, spec: CatalogSpec, page: number, size = PAGE_SIZE): Promise<RowPage<CatalogRow>> {
  try {
    return await db.transaction('r', db.artifacts, () => pageInTx(db, spec, page, Math.max(1, Math.floor(size))));
  } catch (e) {
    throw toStorageError(e, 'read the artifacts');
  }
}

/** The artifact ids of every row of the catalog for `spec`, in its order (for "Select all" and keeping a selection). */
export async function catalogIds(db: ThreadlineDB, spec: CatalogSpec): Promise<string[]> {
  try {
    return await db.transaction('r', db.artifacts, async () => (await allRows(db, spec)).map((r) => r.artifact.id));
  } catch (e) {
    throw toStorageError(e, 'read the artifacts');
  }
}

/** The artifacts with these ids, in the order given; ids no longer stored are left out. */
export async function artifactsById(db: ThreadlineDB, ids: readonly string[]): Promise<Artifact[]> {
  try {
    return (await db.artifacts.bulkGet([...ids])).filter((a): a is Artifact => a !== undefined);
  } catch (e) {
    throw toStorageError(e, 'read the artifacts');
  }
}
