import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useSessionGroups, useSettings } from '../hooks/queries';
import { invalidateWorkerWrite } from '../hooks/sync';
import { useIngestQueue } from '../hooks/useIngestQueue';
import { ingestSampleOnFirstVisit } from '../actions/firstVisit';
import { IngestQueue } from '../components/IngestQueue';
import { FollowPanel } from '../follow/FollowPanel';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { DEFAULT_SETTINGS } from '../../store';
import { nextSearchParams, pageRows, parsePage, rangeText, type RowPage } from '../catalog/catalogModel';
import { plural } from '../format';
import { Pager } from '../catalog/Pager';
import { SessionsTable } from '../sessions/SessionsTable';
import { SessionSearch } from '../sessions/SessionSearch';
import { DeleteSessionDialog } from '../sessions/DeleteSessionDialog';
import { filterGroups, type NotebookGroup, type SessionVersion } from '../sessions/sessionGroups';

/**
 * Sessions grouped by notebook, newest first, 50 notebooks to a page, with a name search.
 * The page and the search are in the URL (`?page=2&q=sales`) so that coming back from a
 * session's graph, or reloading, lands on the same list.
 */
export default function SessionsPage() {
  const sessions = useSessionGroups();
  const settings = useSettings();
  const author = settings.data?.author ?? DEFAULT_SETTINGS.author;
  const [deleting, setDeleting] = useState<{ version: SessionVersion; group: NotebookGroup }>();
  const qc = useQueryClient();
  const [dragging, setDragging] = useState(false);
  const [sampleState, setSampleState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [sampleError, setSampleError] = useState<unknown>();
  const inputRef = useRef<HTMLInputElement>(null);
  const [params, setParams] = useSearchParams();
  // The new session is the newest: show page 1, where it is listed.
  const queue = useIngestQueue(() => setParams((p) => nextSearchParams(p, 'page', 1), { replace: true }));
  const headRef = useRef<HTMLDivElement>(null);
  const goToPage = (page: number, scroll = false) => {
    setParams((p) => nextSearchParams(p, 'page', page));
    if (scroll) headRef.current?.scrollIntoView({ block: 'start' });
  };

  useEffect(() => {
    let alive = true;
    setSampleState('loading');
    ingestSampleOnFirstVisit(author).then(
      (ingested) => {
        if (!alive) return;
        setSampleState('idle');
        if (ingested) void invalidateWorkerWrite(qc);
      },
      (e: unknown) => {
        if (!alive) return;
        setSampleState('error');
        setSampleError(e);
      },
    );
    return () => {
      alive = false;
    };
    // Runs once per mount; the action itself runs once per page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) queue.add(Array.from(e.dataTransfer.files));
  };

  const list = sessions.data ?? [];
  const query = params.get('q') ?? '';
  const requestedPage = parsePage(params.get('page'));
  const shown = useMemo(() => pageRows(filterGroups(sessions.data ?? [], query), requestedPage), [sessions.data, query, requestedPage]);
  const sessionCount = list.reduce((n, g) => n + g.versions.length, 0);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Sessions</h1>
          <p className="muted">Each notebook or script you drop becomes a session with its own lineage graph.</p>
        </div>
      </div>

      <section
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        aria-label="Add a notebook or script"
        data-testid="dropzone"
      >
        <div className="dropzone-icon" aria-hidden="true">
          ⇪
        </div>
        <p>
          <strong>Drop a Python notebook (.ipynb) or script (.py) here</strong>
        </p>
        <p className="muted">It is analysed in your browser; nothing leaves this machine.</p>
        <label className="button primary">
          Choose files…
          <input
            ref={inputRef}
            type="file"
            accept=".py,.ipynb"
            multiple
            className="visually-hidden"
            aria-label="Choose a notebook or script"
            data-testid="file-input"
            onChange={(e) => {
              const files = e.currentTarget.files;
              if (files && files.length > 0) queue.add(Array.from(files));
              // Choosing the same file again must fire another change.
              e.currentTarget.value = '';
            }}
          />
        </label>
      </section>
      <IngestQueue queue={queue} />
      <FollowPanel />

      {sampleState === 'loading' && list.length === 0 ? <Loading what="the sample notebook" /> : null}
      {sampleState === 'error' ? <ErrorMessage error={sampleError} title="The sample notebook could not be added." /> : null}
      {sessions.isError ? <ErrorMessage error={sessions.error} /> : null}

      {sessions.isSuccess && list.length === 0 && sampleState !== 'loading' ? (
        <div className="empty">
          <h2>No sessions yet</h2>
          <p className="muted">Drop a notebook above to see where each of its values comes from.</p>
        </div>
      ) : null}

      {list.length > 0 ? (
        <div className="list-head sessions-head" ref={headRef}>
          <SessionSearch value={query} onChange={(q) => setParams((p) => nextSearchParams(p, 'q', q), { replace: true })} />
          <span className="muted small" data-testid="sessions-count">
            {countText(shown, sessionCount, query)}
          </span>
          {shown.pageCount > 1 ? <Pager page={shown.page} pageCount={shown.pageCount} onPage={(p) => goToPage(p)} label="Session pages" testId="sessions-pager" /> : null}
        </div>
      ) : null}
      {list.length > 0 ? <SessionsTable groups={shown.rows} onDelete={(version, group) => setDeleting({ version, group })} /> : null}
      {list.length > 0 && shown.total === 0 ? (
        <p className="muted" role="status" data-testid="sessions-no-match">
          No session name contains “{query.trim()}”.
        </p>
      ) : null}
      {shown.pageCount > 1 ? (
        <div className="list-foot">
          <span className="muted small">{countText(shown, sessionCount, query)}</span>
          <Pager page={shown.page} pageCount={shown.pageCount} onPage={(p) => goToPage(p, true)} label="Session pages, end of the list" testId="sessions-pager-bottom" />
        </div>
      ) : null}
      {deleting ? <DeleteSessionDialog version={deleting.version} group={deleting.group} onDone={() => setDeleting(undefined)} /> : null}
    </div>
  );
}

/**
 * "1–50 of 61 sessions" while every notebook has one session; "1–50 of 40 notebooks · 61
 * sessions" once some have versions; "… match" for a search.
 */
function countText(shown: RowPage<NotebookGroup>, sessions: number, query: string): string {
  if (query.trim() !== '') return `${rangeText(shown, 'notebook')} match`;
  return sessions === shown.total ? rangeText(shown, 'session') : `${rangeText(shown, 'notebook')} · ${plural(sessions, 'session')}`;
}
