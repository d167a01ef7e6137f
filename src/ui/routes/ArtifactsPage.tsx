import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useArtifacts, useSessions } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { isoDate } from '../format';

export default function ArtifactsPage() {
  const [text, setText] = useState('');
  const artifacts = useArtifacts(text.trim() ? { text: text.trim() } : {});
  const sessions = useSessions();
  const sessionName = new Map((sessions.data ?? []).map((s) => [s.id, s.name]));
  const list = artifacts.data ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Artifacts</h1>
          <p className="muted">Named values with the minimal code that rebuilds them. Newest first.</p>
        </div>
        <input
          type="search"
          className="filter"
          placeholder="Filter by name or id"
          aria-label="Filter artifacts by name or id"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {artifacts.isLoading ? <Loading what="artifacts" /> : null}
      {artifacts.isError ? <ErrorMessage error={artifacts.error} /> : null}
      {artifacts.isSuccess && list.length === 0 ? (
        <div className="empty">
          <h2>{text.trim() ? 'No artifact matches' : 'No artifacts yet'}</h2>
          <p className="muted">
            Open a <Link to="/">session</Link>, click a node and press “Name as artifact”. Code that calls <code>lineapy.save(x, "name")</code> creates
            artifacts on its own.
          </p>
        </div>
      ) : null}
      {list.length > 0 ? (
        <ul className="artifact-list" data-testid="artifact-list">
          {list.map((a) => (
            <li key={a.id} data-testid="artifact-row" data-name={a.name} data-version={a.version}>
              <Link to={`/a/${encodeURIComponent(a.name)}/${a.version}`} className="artifact-title">
                <span data-testid="artifact-label">
                  {a.name}:{a.version} created on {isoDate(a.createdAt)}
                </span>
              </Link>
              <span className="muted small">
                {sessionName.get(a.sessionId) ? (
                  <>
                    from <Link to={`/s/${a.sessionId}/n/${a.nodeId}`}>{sessionName.get(a.sessionId)}</Link>
                  </>
                ) : null}
                {' · by '}
                {a.author}
                {a.description ? ` · ${a.description}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
