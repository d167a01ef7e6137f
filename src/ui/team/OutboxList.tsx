/** The outbox: shares waiting for the team server or refused by it (with retry and dismiss), then the latest sent. */
import { Link } from 'react-router-dom';
import { formatDate, plural, visibleName } from '../format';
import { useDismissShare, useOutbox, useRetryShare } from '../hooks/useTeam';
import { ShareText } from './ShareButton';

export function OutboxList({ sentShown = 5 }: { sentShown?: number }) {
  const outbox = useOutbox();
  const retry = useRetryShare();
  const dismiss = useDismissShare();
  const entries = outbox.data ?? [];
  const open = entries.filter((e) => e.state !== 'sent');
  const sent = entries.filter((e) => e.state === 'sent').sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0)).slice(0, sentShown);
  if (entries.length === 0) return <p className="muted small" data-testid="outbox-empty">Nothing shared from this browser yet.</p>;
  const pending = open.filter((e) => e.state === 'pending').length;
  const refused = open.length - pending;
  return (
    <div className="outbox" data-testid="outbox">
      <p className="small" aria-live="polite" data-testid="outbox-summary">
        {pending > 0 ? `${plural(pending, 'share')} waiting to be sent` : 'No share waiting'}
        {refused > 0 ? ` · ${plural(refused, 'share')} refused` : ''}
      </p>
      <ul className="outbox-list">
        {[...open, ...sent].map((e) => (
          <li key={e.id} className={`outbox-item ${e.state}`} data-testid="outbox-item" data-state={e.state}>
            <span className="outbox-name">
              <Link to={`/a/${encodeURIComponent(e.artifactName)}/${e.artifactVersion}`}>
                {visibleName(e.artifactName)}:{e.artifactVersion}
              </Link>
              <span className="muted small"> · {formatDate(e.sentAt ?? e.createdAt)}</span>
            </span>
            <span className="outbox-text small">
              <ShareText entry={e} />
            </span>
            {e.state !== 'sent' ? (
              <span className="outbox-actions">
                {e.state === 'refused' ? (
                  <button type="button" className="button small" onClick={() => retry.mutate(e.id)} data-testid="outbox-retry">
                    Try again
                  </button>
                ) : null}
                <button type="button" className="button small" onClick={() => dismiss.mutate(e.id)} title="Removes this share from the outbox; it is not sent" data-testid="outbox-dismiss">
                  {e.state === 'pending' ? 'Cancel' : 'Dismiss'}
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
