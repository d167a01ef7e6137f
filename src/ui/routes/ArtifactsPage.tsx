import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { parseArtifactFilter, type ArtifactQuery } from '../../store';
import { shortestUniquePrefixes } from '../../core/shortid';
import type { Artifact } from '../../core/model';
import { useArtifacts, useSessions } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { CatalogTable } from '../catalog/CatalogTable';
import { catalogRows, DEFAULT_SORT, pruneSelection, sortCatalogRows, type CatalogSort, type CatalogView, type SortKey } from '../catalog/catalogModel';
import { plural } from '../format';
import { VerifiedBadge } from '../artifacts/VerifiedBadge';
import '../catalog/catalog.css';

const PipelineExportDialog = lazy(() => import('../catalog/PipelineExportDialog'));

const SORT_KEYS: SortKey[] = ['name', 'version', 'versions', 'session', 'author', 'created'];

function readSort(params: URLSearchParams): CatalogSort {
  const [key, direction] = (params.get('sort') ?? '').split(':');
  if (SORT_KEYS.includes(key as SortKey) && (direction === 'asc' || direction === 'desc')) return { key: key as SortKey, direction };
  return DEFAULT_SORT;
}

export default function ArtifactsPage() {
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const view: CatalogView = params.get('view') === 'versions' ? 'versions' : 'latest';
  const sort = readSort(params);
  const [selectedIds, setSelectedIds] = useState<Set<string>>(() => new Set());
  const [exporting, setExporting] = useState<Artifact[]>();

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const sessions = useSessions();
  const sessionName = useMemo(() => new Map((sessions.data ?? []).map((s) => [s.id, s.name])), [sessions.data]);

  // `session:` accepts a short id: widen a unique prefix to the full session id.
  const query: ArtifactQuery = useMemo(() => {
    const q = parseArtifactFilter(text);
    if (q.sessionId !== undefined && !sessionName.has(q.sessionId)) {
      const hits = [...sessionName.keys()].filter((id) => id.toLowerCase().startsWith(q.sessionId!.toLowerCase()));
      if (hits.length === 1) q.sessionId = hits[0];
    }
    return q;
  }, [text, sessionName]);

  const all = useArtifacts({});
  const filtered = useArtifacts(query);
  const shortIds = useMemo(() => shortestUniquePrefixes((all.data ?? []).map((a) => a.id)), [all.data]);
  const rows = useMemo(
    () => sortCatalogRows(catalogRows(filtered.data ?? [], all.data ?? [], view), sort, (id) => sessionName.get(id) ?? ''),
    [filtered.data, all.data, view, sort, sessionName],
  );
  const selected = useMemo(() => pruneSelection(selectedIds, rows), [selectedIds, rows]);
  const selectedArtifacts = rows.filter((r) => selected.has(r.artifact.id)).map((r) => r.artifact);
  const total = all.data?.length ?? 0;
  const filtering = text.trim() !== '';

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
      {all.isLoading || filtered.isLoading ? <Loading what="artifacts" /> : null}
      {filtered.isError ? <ErrorMessage error={filtered.error} /> : null}
      {filtered.isSuccess && all.isSuccess && rows.length === 0 ? (
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
      {rows.length > 0 ? (
        <>
          <div className="selection-bar" aria-live="polite">
            <span className="muted small" data-testid="catalog-count">
              {view === 'latest' ? plural(rows.length, 'name') : plural(rows.length, 'version')}
              {filtering ? ` match of ${plural(total, 'artifact version')}` : ''}
              {selected.size > 0 ? ` · ${selected.size} selected` : ''}
            </span>
            <button
              type="button"
              className="button primary small"
              disabled={selected.size === 0}
              onClick={() => setExporting(selectedArtifacts)}
              data-testid="export-pipeline"
            >
              Export pipeline…
            </button>
          </div>
          <CatalogTable
            rows={rows}
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
        </>
      ) : null}
      {exporting && exporting.length > 0 ? (
        <Suspense fallback={<Loading what="the pipeline export" />}>
          <PipelineExportDialog artifacts={exporting} onClose={() => setExporting(undefined)} />
        </Suspense>
      ) : null}
    </div>
  );
}
