import { lazy, Suspense, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { parseArtifactFilter, type ArtifactQuery, type CatalogSpec } from '../../store';
import { shortestUniquePrefixes } from '../../core/shortid';
import { useArtifactCount, useArtifactIds, useArtifactsById, useCatalogIds, useCatalogPage, useSessions } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { CatalogTable } from '../catalog/CatalogTable';
import {
  DEFAULT_SORT,
  nextSearchParams,
  pageRows,
  parsePage,
  pruneSelectionToIds,
  rangeText,
  selectionState,
  type CatalogSort,
  type CatalogView,
  type SortKey,
} from '../catalog/catalogModel';
import { Pager } from '../catalog/Pager';
import { plural, visibleName } from '../format';
import { VerifiedBadge } from '../artifacts/VerifiedBadge';
import { ShareButton, useTeamAvailable } from '../team/ShareButton';
import '../catalog/catalog.css';

const PipelineExportDialog = lazy(() => import('../catalog/PipelineExportDialog'));
const TeamCatalog = lazy(() => import('../team/TeamCatalog'));

const SORT_KEYS: SortKey[] = ['name', 'version', 'versions', 'session', 'author', 'created'];

function readSort(params: URLSearchParams): CatalogSort {
  const [key, direction] = (params.get('sort') ?? '').split(':');
  if (SORT_KEYS.includes(key as SortKey) && (direction === 'asc' || direction === 'desc')) return { key: key as SortKey, direction };
  return DEFAULT_SORT;
}

/** The catalog, with a "Team" tab when this page is served by `threadline serve` (src/ui/team/TeamCatalog.tsx). */
export default function ArtifactsPage() {
  const [params, setParams] = useSearchParams();
  const { available } = useTeamAvailable();
  const team = available && params.get('tab') === 'team';
  const tabs = available ? (
    <div className="segmented team-tabs" role="group" aria-label="Catalog">
      <button type="button" aria-pressed={!team} onClick={() => setParams(new URLSearchParams(), { replace: false })} data-testid="tab-local">
        This browser
      </button>
      <button type="button" aria-pressed={team} onClick={() => setParams(new URLSearchParams({ tab: 'team' }), { replace: false })} data-testid="tab-team">
        Team
      </button>
    </div>
  ) : null;
  if (team) {
    return (
      <div className="page wide">
        <div className="page-head">
          <div>
            <h1>Artifacts</h1>
            <p className="muted">What your team shared through this server. Import one to open its slice and graph here.</p>
          </div>
        </div>
        {tabs}
        <Suspense fallback={<Loading what="the team catalog" />}>
          <TeamCatalog />
        </Suspense>
      </div>
    );
  }
  return <LocalCatalog tabs={tabs} />;
}

/**
 * The artifact catalog. Filter (`q`), view, sort and page live in the URL, so reload and
 * back/forward keep them; a new filter, view or sort starts again at page 1.
 *
 * Reads: one page of rows and its total, from the store (`catalogPage`: filter, view, sort
 * and page in, 50 rows out; see src/store/catalog.ts for which of them run on indexes alone),
 * the store's total and the ids for short ids. The ids of every row are read only while
 * something is selected ("Select all", and keeping the selection to the filter); the
 * selected artifacts themselves only when exporting.
 *
 * Selection is a set of artifact version ids. It survives paging and sorting, so rows picked
 * on several pages export together. Only rows in the current filter and view count as
 * selected (and are exported); ones the filter hides come back if it is cleared. The header
 * checkbox selects the rows on this page; "Select all N" then selects every row of the filtered
 * list on all pages (in "Latest per name", the latest version of each name).
 */
function LocalCatalog({ tabs }: { tabs: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const view: CatalogView = params.get('view') === 'versions' ? 'versions' : 'latest';
  const sort = readSort(params);
  const requestedPage = parsePage(params.get('page'));
  const [selectedIds, setSelectedIds] = useState<Set<string>>(() => new Set());
  const [exporting, setExporting] = useState<string[]>();
  const topRef = useRef<HTMLDivElement>(null);

  // Filter, view and sort replace the history entry (typing would flood it); pages push one.
  const setParam = (key: string, value: string | undefined) => setParams((p) => nextSearchParams(p, key, value), { replace: true });
  const goToPage = (page: number, scroll = false) => {
    setParams((p) => nextSearchParams(p, 'page', page));
    if (scroll) topRef.current?.scrollIntoView({ block: 'start' });
  };

  const sessions = useSessions();
  const sessionName = useMemo(() => new Map((sessions.data ?? []).map((s) => [s.id, visibleName(s.name)])), [sessions.data]);

  // `session:` accepts a short id: widen a unique prefix to the full session id.
  const query: ArtifactQuery = useMemo(() => {
    const q = parseArtifactFilter(text);
    if (q.sessionId !== undefined && !sessionName.has(q.sessionId)) {
      const hits = [...sessionName.keys()].filter((id) => id.toLowerCase().startsWith(q.sessionId!.toLowerCase()));
      if (hits.length === 1) q.sessionId = hits[0];
    }
    return q;
  }, [text, sessionName]);

  const sessionNames = useMemo(() => Object.fromEntries(sessionName), [sessionName]);
  const spec: CatalogSpec = useMemo(
    () => ({ query, view, sort: { key: sort.key, direction: sort.direction }, ...(sort.key === 'session' ? { sessionNames } : {}) }),
    [query, view, sort.key, sort.direction, sessionNames],
  );
  const catalog = useCatalogPage(spec, requestedPage);
  const count = useArtifactCount();
  const ids = useArtifactIds();
  const shortIds = useMemo(() => shortestUniquePrefixes(ids.data ?? []), [ids.data]);
  const rowIds = useCatalogIds(spec, selectedIds.size > 0);
  const toExport = useArtifactsById(exporting ?? [], exporting !== undefined);
  const shown = catalog.data ?? pageRows([], 1);
  const rowCount = shown.total;
  const selected = useMemo(() => (rowIds.data ? pruneSelectionToIds(selectedIds, rowIds.data) : selectedIds), [selectedIds, rowIds.data]);
  const selectedInOrder = (rowIds.data ?? []).filter((id) => selected.has(id));
  const total = count.data ?? 0;
  const filtering = text.trim() !== '';
  const noun = view === 'latest' ? 'name' : 'version';
  const paged = shown.pageCount > 1;
  const selectedHere = shown.rows.filter((r) => selected.has(r.artifact.id)).length;
  const offPage = selected.size - selectedHere;
  const everyRowSelected = rowCount > 0 && selected.size === rowCount;
  const selectAllTitle =
    view === 'latest'
      ? `Selects the version listed for each of the ${plural(rowCount, 'name')}${filtering ? ' that match the filter' : ''} (its latest${filtering ? ' matching' : ''} version), on every page`
      : `Selects all ${plural(rowCount, 'version')}${filtering ? ' that match the filter' : ''}, on every page`;

  return (
    <div className="page wide">
      <div className="page-head">
        <div>
          <h1>Artifacts</h1>
          <p className="muted">Named values with the minimal code that rebuilds them.</p>
        </div>
        <div className="catalog-tools">
          <input
            type="search"
            className="filter"
            placeholder="name, tag:key=value, author:…, id"
            aria-label="Filter artifacts"
            title="Filter by name, tag:key=value, author:name, session:id or a short id"
            value={text}
            onChange={(e) => setParam('q', e.target.value)}
            data-testid="catalog-filter"
          />
          <div className="segmented" role="group" aria-label="Rows">
            <button type="button" aria-pressed={view === 'latest'} onClick={() => setParam('view', undefined)}>
              Latest per name
            </button>
            <button type="button" aria-pressed={view === 'versions'} onClick={() => setParam('view', 'versions')} data-testid="view-versions">
              Every version
            </button>
          </div>
        </div>
      </div>
      {tabs}
      {catalog.isLoading ? <Loading what="artifacts" /> : null}
      {catalog.isError ? <ErrorMessage error={catalog.error} /> : null}
      {catalog.isSuccess && count.isSuccess && rowCount === 0 ? (
        <div className="empty" data-testid="catalog-empty">
          {filtering && total > 0 ? (
            <>
              <h2>No artifact matches “{text.trim()}”</h2>
              <p className="muted">
                Try part of a name, <code>tag:key=value</code>, <code>author:name</code>, <code>session:</code> with a session id, or the first
                characters of an artifact id.{' '}
                <button type="button" className="link-button link" onClick={() => setParam('q', undefined)}>
                  Clear the filter
                </button>
              </p>
            </>
          ) : (
            <>
              <h2>No artifacts yet</h2>
              <p className="muted">
                Open a <Link to="/">session</Link>, click a node and press “Name as artifact”. Code that calls <code>lineapy.save(x, "name")</code>{' '}
                creates artifacts on its own.
              </p>
            </>
          )}
        </div>
      ) : null}
      {rowCount > 0 ? (
        <>
          <div className="selection-bar" ref={topRef}>
            <span className="selection-text">
              <span className="muted small" data-testid="catalog-count" aria-live="polite">
                {rangeText(shown, noun)}
                {filtering ? ` match · ${plural(total, 'artifact version')} in all` : ''}
                {selected.size > 0 ? ` · ${selected.size.toLocaleString('en')} selected` : ''}
                {selected.size > 0 && offPage > 0 ? ` (${offPage.toLocaleString('en')} on other ${shown.pageCount > 2 ? 'pages' : 'page'})` : ''}
              </span>
              {paged && selectionState(selected, shown.rows) === 'all' && !everyRowSelected ? (
                <button
                  type="button"
                  className="link-button link small"
                  title={selectAllTitle}
                  disabled={!rowIds.data || rowIds.isPlaceholderData}
                  onClick={() => setSelectedIds(new Set(rowIds.data))}
                  data-testid="select-all-rows"
                >
                  Select all {plural(rowCount, noun)}
                  {filtering ? ' that match' : ''}
                </button>
              ) : null}
              {selected.size > 0 ? (
                <button type="button" className="link-button link small" onClick={() => setSelectedIds(new Set())} data-testid="clear-selection">
                  Clear selection
                </button>
              ) : null}
            </span>
            <span className="selection-actions">
              <Pager page={shown.page} pageCount={shown.pageCount} onPage={(p) => goToPage(p)} label="Catalog pages" testId="catalog-pager" />
              {selected.size > 0 ? <ShareButton artifactIds={selectedInOrder} small testId="share-team-selection" /> : null}
              <button
                type="button"
                className="button primary small"
                disabled={selected.size === 0 || !rowIds.data || rowIds.isPlaceholderData}
                onClick={() => setExporting(selectedInOrder)}
                data-testid="export-pipeline"
              >
                Export pipeline…
              </button>
            </span>
          </div>
          <CatalogTable
            rows={shown.rows}
            paged={paged}
            view={view}
            sort={sort}
            onSort={(s) => setParam('sort', s.key === DEFAULT_SORT.key && s.direction === DEFAULT_SORT.direction ? undefined : `${s.key}:${s.direction}`)}
            selected={selected}
            onSelect={setSelectedIds}
            sessionName={(id) => sessionName.get(id)}
            shortIds={shortIds}
            onTagClick={(tag) => setParam('q', /\s/.test(tag) ? `tag:"${tag}"` : `tag:${tag}`)}
            nameExtra={(row) => <VerifiedBadge artifact={row.artifact} />}
          />
          {paged ? (
            <div className="list-foot">
              <span className="muted small">{rangeText(shown, noun)}</span>
              <Pager page={shown.page} pageCount={shown.pageCount} onPage={(p) => goToPage(p, true)} label="Catalog pages, end of the table" testId="catalog-pager-bottom" />
            </div>
          ) : null}
        </>
      ) : null}
      {exporting && toExport.data && toExport.data.length > 0 ? (
        <Suspense fallback={<Loading what="the pipeline export" />}>
          <PipelineExportDialog artifacts={toExport.data} onClose={() => setExporting(undefined)} />
        </Suspense>
      ) : null}
    </div>
  );
}
