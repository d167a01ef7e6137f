/**
 * `/compare/:older/:newer`: two versions of one notebook side by side in words. What to re-run
 * first, then the cells added, removed, moved and edited (each with its line diff and a link to
 * its node in the newer graph), variables whose definition changed and artifacts whose slice
 * changed. Two pickers choose any pair of the notebook's versions. The comparison runs in a
 * worker (useComparison); this page only renders its result.
 */
import { useNavigate, useParams, Link } from 'react-router-dom';
import { useComparison, useNotebookVersions, useSessions } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { CellDiff } from '../compare/CellDiff';
import { ArtifactsSection, RerunSection, UntrustedSection, VariablesSection } from '../compare/sections';
import type { Session } from '../../core/model';
import type { NotebookDiff } from '../../core/history/notebook-diff';
import '../graph/history.css';
import '../compare/compare.css';

const when = (s: Session) => new Date(s.createdAt).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });

function VersionPicker({ id, label, value, versions, onChange }: { id: string; label: string; value: string; versions: readonly Session[]; onChange: (id: string) => void }) {
  return (
    <span className="version-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        {versions.map((s, i) => (
          <option key={s.id} value={s.id}>
            v{i + 1} · {when(s)}
          </option>
        ))}
      </select>
    </span>
  );
}

function countsText(counts: NotebookDiff['counts']): string {
  const parts = (['edited', 'added', 'removed', 'moved'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length ? `${parts.join(' · ')} · ${counts.unchanged} unchanged` : `No cell changed (${counts.unchanged} unchanged).`;
}

export default function ComparePage() {
  const { older = '', newer = '' } = useParams();
  const navigate = useNavigate();
  const sessions = useSessions();
  const newerSession = sessions.data?.find((s) => s.id === newer);
  const versions = useNotebookVersions(newerSession?.notebookKey);
  const sameNotebook = newerSession !== undefined && sessions.data?.find((s) => s.id === older)?.notebookKey === newerSession.notebookKey;
  const comparison = useComparison(older, newer, sameNotebook);
  if (sessions.isLoading) return <Loading what="the versions" />;
  if (sessions.isError) return <ErrorMessage error={sessions.error} />;
  const list = versions.data ?? [];
  const olderAt = list.findIndex((s) => s.id === older);
  if (!newerSession || olderAt < 0) {
    return (
      <div className="page">
        <h1>Compare versions</h1>
        <div className="alert" role="alert">
          {!newerSession ? `There is no session with id ${newer}. It may have been deleted.` : `Session ${older} is not a version of ${newerSession.name}.`}
        </div>
        <p>
          <Link to="/">Back to the sessions</Link>
        </p>
      </div>
    );
  }
  const newerAt = list.findIndex((s) => s.id === newer);
  const c = comparison.data;
  return (
    <div className="page compare-page">
      <div className="page-head">
        <div>
          <h1>Compare versions of {newerSession.name}</h1>
          <p className="muted">
            {list.length} versions of this notebook. <Link to={`/s/${newer}`}>Open v{newerAt + 1} in the graph</Link>
          </p>
        </div>
        <div className="version-pickers" role="group" aria-label="Versions to compare">
          <VersionPicker id="compare-from" label="From" value={older} versions={list} onChange={(id) => navigate(`/compare/${id}/${newer}`)} />
          <span aria-hidden="true">→</span>
          <VersionPicker id="compare-to" label="To" value={newer} versions={list} onChange={(id) => navigate(`/compare/${older}/${id}`)} />
        </div>
      </div>
      {older === newer ? <p className="muted">Both sides are v{olderAt + 1}: pick two different versions.</p> : null}
      {comparison.isError ? <ErrorMessage error={comparison.error} title="The versions could not be compared." /> : null}
      {!c ? (
        comparison.isError ? null : <Loading what={`the changes from v${olderAt + 1} to v${newerAt + 1}`} />
      ) : c.diff && c.rerun ? (
        <>
          <RerunSection c={{ ...c, diff: c.diff, rerun: c.rerun }} newer={newer} />
          <UntrustedSection c={c} newer={newer} />
          <section className="compare-section" aria-labelledby="cells-h">
            <h2 id="cells-h">Cells</h2>
            <p className="muted" data-testid="cell-counts">
              {countsText(c.diff.counts)}
            </p>
            {c.diff.cells
              .filter((x) => x.status !== 'unchanged' || x.moved)
              .map((x) => (
                <CellDiff key={`${x.old?.id ?? ''}:${x.new?.id ?? ''}`} change={x} newer={newer} nodeOf={(id) => c.cellNodes[id]} />
              ))}
          </section>
          <VariablesSection variables={c.diff.variables} />
          <ArtifactsSection artifacts={c.diff.artifacts} />
        </>
      ) : null}
    </div>
  );
}
