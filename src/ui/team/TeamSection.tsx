/** Settings → Team: whether a team server is behind this page, the token (stored in this browser only), who it is, and the outbox. */
import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage';
import { useSetTeamToken, useTeamStatus, useTeamToken, type TeamStatus } from '../hooks/useTeam';
import { OutboxList } from './OutboxList';
import './team.css';

function ServerLine({ status }: { status: TeamStatus | undefined }) {
  if (!status) return <p className="muted small">Looking for a team server…</p>;
  const h = status.health;
  if (h.kind === 'absent') {
    return (
      <p className="muted small" data-testid="team-server">
        This copy of Threadline is not served by <code>threadline serve</code>, so there is no team catalog here. To share artifacts with your
        team, start one with <code>npx threadline serve</code> and open the address it prints.
      </p>
    );
  }
  if (h.kind === 'unreachable') return <p className="small warn-text" data-testid="team-server">The team server cannot be reached right now (offline, or stopped). Shares wait in the outbox and are sent when it is back.</p>;
  if (h.kind === 'database-down') return <p className="small warn-text" data-testid="team-server">{h.message} Shares wait in the outbox.</p>;
  return (
    <p className="small" data-testid="team-server">
      This page is served by a team server ({h.database === 'postgres' ? 'PostgreSQL' : 'embedded Postgres'}).
      {status.me ? (
        <>
          {' '}
          You are <strong data-testid="team-me">{status.me.user}</strong> ({roleText(status.me.role)}).
        </>
      ) : null}
    </p>
  );
}

const roleText = (role: string) => (role === 'read' ? 'read: you can browse and import' : role === 'write' ? 'write: you can also share' : 'admin: you can also delete');

export function TeamSection() {
  const status = useTeamStatus();
  const token = useTeamToken();
  const save = useSetTeamToken();
  const [typed, setTyped] = useState('');
  const [saved, setSaved] = useState<'saved' | 'forgotten'>();
  const id = useId();
  useEffect(() => {
    if (token.data !== undefined) setTyped(token.data);
  }, [token.data]);
  const absent = status.data?.health.kind === 'absent';
  // Links to Settings → Team (`/settings#team`) land on this card: the page renders after the browser looked for the anchor.
  const sectionRef = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#team') sectionRef.current?.scrollIntoView({ block: 'start' });
  }, [hash]);

  return (
    <section ref={sectionRef} className="card team-section" id="team" aria-labelledby={`${id}-h`} data-testid="team-section">
      <h2 id={`${id}-h`}>Team</h2>
      <ServerLine status={status.data} />
      {!absent ? (
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(typed, { onSuccess: () => setSaved(typed.trim() ? 'saved' : 'forgotten') });
            }}
          >
            <label htmlFor={`${id}-token`}>Team token</label>
            <p className="muted small">
              From <code>threadline serve token create --user NAME --role write</code>. Kept in this browser’s storage only, sent to this server
              alone, never put in a link or a bundle.
            </p>
            <div className="row">
              <input
                id={`${id}-token`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value);
                  setSaved(undefined);
                }}
                data-testid="team-token-input"
              />
              <button type="submit" className="button primary" disabled={save.isPending} data-testid="team-token-save">
                Save
              </button>
              {token.data ? (
                <button
                  type="button"
                  className="button"
                  disabled={save.isPending}
                  onClick={() => save.mutate('', { onSuccess: () => (setTyped(''), setSaved('forgotten')) })}
                  data-testid="team-token-forget"
                >
                  Forget
                </button>
              ) : null}
            </div>
            {saved ? <p className="status success" role="status">{saved === 'saved' ? 'Token saved.' : 'Token forgotten.'}</p> : null}
            {status.data?.problem ? <p className="alert" role="alert" data-testid="team-problem">{status.data.problem}</p> : null}
            {save.isError ? <ErrorMessage error={save.error} /> : null}
          </form>
          <h3>Outbox</h3>
          <OutboxList />
        </>
      ) : null}
    </section>
  );
}
