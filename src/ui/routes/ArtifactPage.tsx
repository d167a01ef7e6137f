import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useArtifact, useArtifactVersions, useSameCodeAs, useSessionGraph } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { downloadBlob, safeFileName } from '../lib/download';
import { isoDate, visibleName } from '../format';
import { useTheme } from '../theme';
import { SliceDiff } from '../artifacts/SliceDiff';
import { SliceNotes } from '../artifacts/SliceNotes';
import { FineSliceDiff } from '../artifacts/FineSliceDiff';
import { SliceModeBar } from '../artifacts/SliceModeBar';
import { useArtifactSlices } from '../artifacts/useArtifactSlices';
import { ArtifactMetaEditor } from '../catalog/ArtifactMetaEditor';
import { DeleteArtifactButton } from '../catalog/DeleteArtifactButton';
import { ShortIdButton } from '../catalog/ShortIdButton';
import { ShareButton, ShareStatus } from '../team/ShareButton';
import '../team/team.css';
import { NotInLatest } from '../artifacts/NotInLatest';

const CodeView = lazy(() => import('../components/CodeView'));
const SliceGraph = lazy(() => import('../artifacts/SliceGraph'));
/** Verify slice runs Python (Pyodide worker): its own chunk. */
const VerifySlice = lazy(() => import('../artifacts/VerifySlice'));

export default function ArtifactPage() {
  const params = useParams();
  const name = params.name ?? '';
  const version = Number(params.version);
  const validVersion = Number.isInteger(version) && version >= 0;
  const artifact = useArtifact(name, validVersion ? version : undefined);
  const versions = useArtifactVersions(name);
  const same = useSameCodeAs(artifact.data);
  const graph = useSessionGraph(artifact.data?.sessionId ?? '');
  const { resolved } = useTheme();
  const [copied, setCopied] = useState(false);
  const [compareWith, setCompareWith] = useState<number>();

  // Both slices (fine and whole-block); the "Fine slice" setting picks the one shown, copied, downloaded and verified.
  const { fine, both, shown: slice, error: sliceError } = useArtifactSlices(graph.data, artifact.data?.nodeId);

  if (!validVersion) return <div className="page"><ErrorMessage error={new Error(`"${params.version}" is not a version number.`)} /></div>;
  if (artifact.isLoading) return <Loading what="the artifact" />;
  if (artifact.isError || !artifact.data) {
    return (
      <div className="page">
        <ErrorMessage error={artifact.error} />
        <p>
          <Link to="/artifacts">All artifacts</Link>
        </p>
      </div>
    );
  }
  const a = artifact.data;
  const code = slice?.code;
  return (
    <div className="page artifact-page">
      <p className="muted small">
        <Link to="/artifacts">Artifacts</Link> / {visibleName(a.name)}
      </p>
      <div className="page-head">
        <div>
          <h1 data-testid="artifact-heading">
            {visibleName(a.name)}:{a.version}
          </h1>
          <p className="muted">
            created on {isoDate(a.createdAt)} by {a.author}
            {graph.data ? (
              <>
                {' · from '}
                <Link to={`/s/${a.sessionId}/n/${a.nodeId}`} data-testid="artifact-node-link">
                  {visibleName(graph.data.session.name)}
                </Link>
              </>
            ) : null}
            {same.data != null ? <span className="badge"> same code as v{same.data}</span> : null}
          </p>
          {a.fromTeam ? (
            <p className="muted small" data-testid="artifact-from-team">
              Imported from the team catalog on {isoDate(a.fromTeam.importedAt)}: {visibleName(a.fromTeam.name)}:{a.fromTeam.version}, shared by {a.fromTeam.sharedBy} on{' '}
              {isoDate(a.fromTeam.sharedAt)}
              {a.fromTeam.name !== a.name || a.fromTeam.version !== a.version ? ` (here ${visibleName(a.name)}:${a.version})` : ''}.
            </p>
          ) : null}
          <ArtifactMetaEditor key={a.id} artifact={a} />
          {graph.data ? <NotInLatest artifact={a} notebookKey={graph.data.session.notebookKey} /> : null}
          <ShareStatus artifactId={a.id} />
        </div>
        <div className="actions">
          <ShortIdButton artifact={a} />
          <button
            type="button"
            className="button"
            disabled={code === undefined}
            onClick={async () => {
              if (code === undefined) return;
              await navigator.clipboard.writeText(code);
              setCopied(true);
              window.setTimeout(() => setCopied(false), 1500);
            }}
          >
            {copied ? 'Copied' : 'Copy code'}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={code === undefined}
            onClick={() => code !== undefined && downloadBlob(new Blob([code], { type: 'text/x-python' }), `${safeFileName(a.name)}_v${a.version}.py`)}
          >
            Download .py
          </button>
          <ShareButton artifactIds={[a.id]} />
          <DeleteArtifactButton artifact={a} versions={versions.data ?? []} />
        </div>
      </div>
      <div className="artifact-layout">
        <section className="card">
          <h2>Slice</h2>
          <p className="muted small">The minimal code, taken verbatim from the notebook, that rebuilds this value.</p>
          <SliceModeBar both={both} />
          {graph.isLoading ? <Loading what="the slice" /> : null}
          {graph.isError ? <ErrorMessage error={graph.error} /> : null}
          {sliceError ? <div className="alert" role="alert">{sliceError}</div> : null}
          {slice?.notes ? <SliceNotes notes={slice.notes} /> : null}
          {code !== undefined ? (
            <Suspense fallback={<pre className="source">{code}</pre>}>
              <CodeView code={code.replace(/\n$/, '')} dark={resolved === 'dark'} label={`${fine ? 'Fine slice' : 'Slice'} of ${a.name} version ${a.version}`} />
            </Suspense>
          ) : null}
          {fine && both ? <FineSliceDiff whole={both.whole.code} fine={both.fine.code} /> : null}
          {code !== undefined && graph.data ? (
            <Suspense fallback={<Loading what="the slice graph" />}>
              <SliceGraph graph={graph.data} nodeId={a.nodeId} sessionId={a.sessionId} dark={resolved === 'dark'} fine={fine} />
            </Suspense>
          ) : null}
          {code !== undefined && (versions.data?.length ?? 0) > 1 ? (
            <div className="compare">
              <label className="check">
                Compare with
                <select
                  value={compareWith ?? ''}
                  onChange={(e) => setCompareWith(e.target.value === '' ? undefined : Number(e.target.value))}
                  data-testid="compare-with"
                >
                  <option value="">(choose a version)</option>
                  {(versions.data ?? [])
                    .filter((v) => v.version !== a.version)
                    .map((v) => (
                      <option key={v.id} value={v.version}>
                        v{v.version}
                      </option>
                    ))}
                </select>
              </label>
              {compareWith !== undefined && versions.data?.find((v) => v.version === compareWith) ? (
                <SliceDiff other={versions.data.find((v) => v.version === compareWith)!} code={code} fine={fine} />
              ) : null}
            </div>
          ) : null}
        </section>
        <aside className="card versions">
          <h2>Versions</h2>
          <ul className="plain">
            {(versions.data ?? []).map((v) => (
              <li key={v.id} className={v.version === a.version ? 'current' : ''}>
                <Link to={`/a/${encodeURIComponent(v.name)}/${v.version}`} aria-current={v.version === a.version ? 'page' : undefined}>
                  v{v.version}
                </Link>{' '}
                <span className="muted small">{isoDate(v.createdAt)}</span>
                {v.sliceDigest === a.sliceDigest && v.version !== a.version ? <span className="muted small"> · same code</span> : null}
              </li>
            ))}
          </ul>
          <dl className="fields">
            <div>
              <dt>digest</dt>
              <dd>
                <code>{a.sliceDigest.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
        </aside>
        {graph.data ? (
          <Suspense fallback={<Loading what="Verify slice" />}>
            <VerifySlice artifact={a} graph={graph.data} sliceCode={code} fine={fine} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
