/**
 * The artifact page's notice when the latest version of the artifact's notebook lacks it: its
 * anchor (or `lineapy.save`) did not resolve when that version arrived (Session.followed), so
 * no version was made there. Lists the candidates, each opening its node in that version;
 * nothing was re-pointed.
 */
import { Link } from 'react-router-dom';
import type { Artifact, Session } from '../../core/model';
import { useSessions } from '../hooks/queries';
import { visibleName } from '../format';

/** The latest session of `notebookKey` (newest createdAt, then id), as the store picks it. */
function latestOf(sessions: readonly Session[], notebookKey: string): Session | undefined {
  return sessions
    .filter((s) => s.notebookKey === notebookKey)
    .reduce<Session | undefined>((b, s) => (!b || s.createdAt > b.createdAt || (s.createdAt === b.createdAt && s.id > b.id) ? s : b), undefined);
}

export function NotInLatest({ artifact, notebookKey }: { artifact: Artifact; notebookKey: string }) {
  const sessions = useSessions();
  const latest = sessions.data ? latestOf(sessions.data, notebookKey) : undefined;
  if (!latest || latest.id === artifact.sessionId) return null;
  const outcome = latest.followed?.find((o) => o.name === artifact.name);
  if (outcome?.outcome !== 'not-found') return null;
  const candidates = outcome.candidates ?? [];
  return (
    <div className="version-warning" role="status" data-testid="not-in-latest">
      <p>
        <strong>Not found in the latest version</strong> of {visibleName(latest.name)}. {visibleName(outcome.sentence)} No new version was made.
      </p>
      {candidates.length > 0 ? (
        <p className="small">
          Candidates:{' '}
          {candidates.map((c, i) => (
            <span key={c.nodeId}>
              {i > 0 ? ' · ' : null}
              <Link to={`/s/${latest.id}/n/${c.nodeId}`}>
                <code>{visibleName(c.statement.split('\n')[0])}</code>
              </Link>
              {c.cellIndex !== undefined ? <span className="muted"> (cell {c.cellIndex + 1})</span> : null}
            </span>
          ))}
          . Open one to name it.
        </p>
      ) : null}
    </div>
  );
}
