import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useSessions, useSettings } from '../hooks/queries';
import { useDeleteSession } from '../hooks/mutations';
import { invalidateWorkerWrite } from '../hooks/sync';
import { useIngestQueue } from '../hooks/useIngestQueue';
import { ingestSampleOnFirstVisit } from '../actions/firstVisit';
import { IngestQueue } from '../components/IngestQueue';
import { FollowPanel } from '../follow/FollowPanel';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { formatBytes, formatDate, plural, visibleName } from '../format';
import { DEFAULT_SETTINGS } from '../../store';
import { nextSearchParams, pageRows, parsePage, rangeText } from '../catalog/catalogModel';
import { Pager } from '../catalog/Pager';

/**
 * Sessions, newest first, 50 to a page. The page is in the URL (`?page=2`) so that coming
 * back from a session's graph, or reloading, lands on the same page.
 */
export default function SessionsPage() {
  const sessions = useSessions();
  const settings = useSettings();
  const author = settings.data?.author ?? DEFAULT_SETTINGS.author;
  const remove = useDeleteSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
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
  const requestedPage = parsePage(params.get('page'));
  const shown = useMemo(() => pageRows(sessions.data ?? [], requestedPage), [sessions.data, requestedPage]);
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

      {shown.pageCount > 1 ? (
        <div className="list-head" ref={headRef}>
          <span className="muted small" data-testid="sessions-count">
            {rangeText(shown, 'session')}
          </span>
          <Pager page={shown.page} pageCount={shown.pageCount} onPage={(p) => goToPage(p)} label="Session pages" testId="sessions-pager" />
        </div>
      ) : null}
      {list.length > 0 ? (
        <table className="table sessions-table" data-testid="sessions-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Added</th>
              <th scope="col" className="num">
                Cells
              </th>
              <th scope="col" className="num">
                Nodes
              </th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((s) => (
              <tr key={s.id} data-testid="session-row" data-session-id={s.id}>
                <td>
                  <Link to={`/s/${s.id}`} className="session-name">
                    <span className={`file-kind ${s.kind}`} aria-hidden="true">
                      {s.kind === 'notebook' ? 'ipynb' : 'py'}
                    </span>
                    {visibleName(s.name)}
                  </Link>
                  {s.stats.diagnostics > 0 ? (
                    <span className="badge warn" title={s.diagnostics.map((d) => d.message).join('\n')}>
                      {plural(s.stats.diagnostics, 'note')}
                    </span>
                  ) : null}
                </td>
                <td>{formatDate(s.createdAt)}</td>
                <td className="num" data-testid="session-cells">
                  {s.stats.cells}
                </td>
                <td className="num" data-testid="session-nodes">
                  {s.stats.nodes}
                </td>
                <td className="num">{formatBytes(s.fileSize)}</td>
                <td className="actions">
                  <button type="button" className="button small" onClick={() => navigate(`/s/${s.id}`)} aria-label={`Open ${visibleName(s.name)}`}>
                    Open
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Delete ${visibleName(s.name)}`}
                    onClick={() => {
                      if (window.confirm(`Delete ${visibleName(s.name)} and its artifacts?`)) remove.mutate(s.id);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {shown.pageCount > 1 ? (
        <div className="list-foot">
          <span className="muted small">{rangeText(shown, 'session')}</span>
          <Pager page={shown.page} pageCount={shown.pageCount} onPage={(p) => goToPage(p, true)} label="Session pages, end of the list" testId="sessions-pager-bottom" />
        </div>
      ) : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
    </div>
  );
}
