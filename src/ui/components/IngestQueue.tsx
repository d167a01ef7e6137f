import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { isPending, progressFraction, progressText, summarizeBatch, type IngestItem } from '../actions/ingestBatch';
import type { IngestQueue as Queue } from '../hooks/useIngestQueue';
import { visibleName } from '../format';
import { followText, type FollowOutcome } from '../../core/history/anchor';

/** "churn_model → v3 (slice changed) · features: same code as v2 · model: not found …"; found ones link to their version. */
function Followed({ followed }: { followed: readonly FollowOutcome[] }) {
  return (
    <span className="ingest-followed small" data-testid="ingest-followed">
      {' Artifacts: '}
      {followed.map((o, i) => (
        <span key={o.name} data-outcome={o.outcome} title={o.sentence}>
          {i > 0 ? ' · ' : null}
          {o.outcome === 'not-found' ? (
            visibleName(followText(o))
          ) : (
            <Link to={`/a/${encodeURIComponent(o.name)}/${o.outcome === 'new-version' ? o.version : o.sameAs}`}>{visibleName(followText(o))}</Link>
          )}
        </span>
      ))}
    </span>
  );
}

/** Re-render every second while something runs, for the elapsed time. */
function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function ItemLine({ item, now, onCancel }: { item: IngestItem; now: number; onCancel: () => void }) {
  const { state } = item;
  switch (state.status) {
    case 'waiting':
      return (
        <>
          <span className="ingest-text muted">Waiting: {visibleName(item.name)}</span>
          <button type="button" className="button small ghost" onClick={onCancel} aria-label={`Cancel ${visibleName(item.name)}`}>
            Cancel
          </button>
        </>
      );
    case 'running': {
      const fraction = progressFraction(state.progress);
      const seconds = Math.max(0, Math.floor((now - state.startedAt) / 1000));
      return (
        <>
          <span className="spinner" aria-hidden="true" />
          <span className="ingest-text" data-testid="ingest-progress">
            {progressText(visibleName(item.name), state.progress)}
          </span>
          <progress className="ingest-bar" max={1} {...(fraction !== undefined ? { value: fraction } : {})} aria-label={`Progress of ${visibleName(item.name)}`} />
          <span className="muted small ingest-elapsed">{seconds} s</span>
          <button type="button" className="button small" onClick={onCancel} aria-label={`Cancel ${visibleName(item.name)}`} data-testid="ingest-cancel">
            Cancel
          </button>
        </>
      );
    }
    case 'added':
      if (state.unchanged)
        return (
          <span className="ingest-text muted" role="status">
            = {visibleName(state.sessionName)} is the same as the latest version of this notebook, so nothing new was stored.{' '}
            <Link to={`/s/${state.sessionId}`}>Open its graph</Link>
          </span>
        );
      return (
        <span className="ingest-text success" role="status">
          ✓ Added {visibleName(state.sessionName)}. <Link to={`/s/${state.sessionId}`}>Open its graph</Link>
          {state.followed?.length ? <Followed followed={state.followed} /> : null}
        </span>
      );
    case 'refused':
      return (
        <div className="alert ingest-text" role="alert">
          {visibleName(state.reason)}
        </div>
      );
    case 'cancelled':
      return (
        <span className="ingest-text muted" role="status">
          Cancelled: {visibleName(item.name)} was not added. Nothing was saved.
        </span>
      );
  }
}

/**
 * Files being added, kept apart from the stored sessions: nothing here is saved until its own
 * line says "Added" (each file is one all-or-nothing transaction).
 */
export function IngestQueue({ queue }: { queue: Queue }) {
  const { items, pending } = queue;
  const now = useTick(pending);
  if (items.length === 0) return null;
  const summary = items.length > 1 ? summarizeBatch(items.map((i) => ({ ...i, name: visibleName(i.name) }))) : undefined;
  const left = items.filter(isPending).length;
  return (
    <section className="ingest-queue" aria-label="Files being added" data-testid="ingest-queue">
      <div className="ingest-head">
        <h2>{pending ? `Adding ${items.length === 1 ? '1 file' : `${items.length} files`} (${left} to go)` : `Done: ${items.length === 1 ? '1 file' : `${items.length} files`}`}</h2>
        {pending ? (
          <span className="muted small">Not saved yet: a file appears under Sessions only once it is added.</span>
        ) : (
          <button type="button" className="button small ghost" onClick={queue.dismiss} data-testid="ingest-dismiss">
            Dismiss
          </button>
        )}
      </div>
      {summary ? (
        <p className="ingest-summary" role="status" data-testid="ingest-summary">
          {summary}
        </p>
      ) : null}
      <ol className="ingest-items">
        {items.map((item) => (
          <li key={item.key} className={`ingest-item ${item.state.status}`} data-testid="ingest-item" data-status={item.state.status} data-name={item.name}>
            <ItemLine item={item} now={now} onCancel={() => queue.cancel(item.key)} />
          </li>
        ))}
      </ol>
    </section>
  );
}
