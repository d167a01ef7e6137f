/**
 * "Verify slice": runs the original session and the slice in two fresh interpreters (Pyodide,
 * in the run worker) and compares the artifact's repr. Shows "verified ✓ (same value)", the two
 * values side by side when the slice is wrong (red), or "could not run" with the reason (grey:
 * the original failed, a package cannot load, Python did not start). The import check runs
 * first, so a package that cannot load now is named at once, with the fix. The result is stored
 * with the artifact version. It verifies the slice the page shows (fine or whole-block) and says
 * which, with its line count. Lazy-loaded by the artifact page.
 */
import type { Artifact, ArtifactVerification, SessionGraph } from '../../core/model';
import { DEFAULT_SETTINGS } from '../../store';
import { useSettings } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { checkedSlice, verdictOf } from '../../core/run/verdict';
import { isoDate, plural } from '../format';
import { lineCount } from './artifactSlice';
import { artifactVariable } from '../runs/targets';
import { cancelRun, useVerifySlice } from '../runs/useRun';
import { PreflightNotice } from '../runs/PreflightNotice';
import '../runs/runs.css';

export interface VerifySliceProps {
  artifact: Artifact;
  graph: SessionGraph;
  /** The slice code shown on the page (fine or whole-block); undefined while it is being computed or when slicing failed. */
  sliceCode: string | undefined;
  /** The slice shown is the fine one (the "Fine slice" setting). */
  fine?: boolean;
}

/** Which slice a stored result ran, shown after its verdict (nothing on older records). */
function Mode({ verification }: { verification: ArtifactVerification }) {
  const text = checkedSlice(verification.mode);
  return text ? <span data-testid="verify-mode" data-mode={verification.mode}> · {text}</span> : null;
}

function Outcome({ verification }: { verification: ArtifactVerification }) {
  const verdict = verdictOf(verification);
  if (verdict.kind === 'could-not-run') {
    return (
      <div data-testid="verify-result" data-verified="false" data-verdict="could-not-run">
        <p className="verify-unknown" role="status">
          could not run: nothing was compared
          <Mode verification={verification} />
          <span className="muted small"> · {isoDate(verification.at)}</span>
        </p>
        <p className="muted" data-testid="verify-reason" style={{ margin: 0, overflowWrap: 'anywhere' }}>
          {verdict.reason}
        </p>
      </div>
    );
  }
  if (verdict.kind === 'same') {
    return (
      <div data-testid="verify-result" data-verified="true" data-verdict="same">
        <p className="verify-ok" role="status">
          verified ✓ (same value)
          <Mode verification={verification} />
          <span className="muted small"> · {isoDate(verification.at)}</span>
        </p>
        <pre className="verify-value" tabIndex={0} aria-label="The value, the same in the session and in the slice">
          {verification.original}
        </pre>
      </div>
    );
  }
  return (
    <div data-testid="verify-result" data-verified="false" data-verdict="differs">
      <p className="verify-bad" role="status">
        not verified ✗ {/^\(error\)|is not defined\)$/m.test(verification.slice) ? '(the slice did not produce the value)' : '(the values differ)'}
        <Mode verification={verification} />
        <span className="muted small"> · {isoDate(verification.at)}</span>
      </p>
      <div className="verify-sides">
        <div>
          <h3>Original session</h3>
          <pre tabIndex={0} aria-label="Value in the original session" data-testid="verify-original">
            {verification.original}
          </pre>
        </div>
        <div>
          <h3>Slice</h3>
          <pre tabIndex={0} aria-label="Value after running the slice" data-testid="verify-slice">
            {verification.slice}
          </pre>
        </div>
      </div>
    </div>
  );
}

export default function VerifySlice({ artifact, graph, sliceCode, fine = false }: VerifySliceProps) {
  const verify = useVerifySlice(artifact.id);
  const settings = useSettings();
  const node = graph.nodes.find((n) => n.id === artifact.nodeId);
  const variable = artifactVariable(graph, node);
  const shown = verify.data?.stored?.verification ?? artifact.verification;
  const outcome = verify.isPending ? undefined : verify.data;
  const start = (allowPackageDownloads?: boolean) =>
    sliceCode !== undefined &&
    verify.mutate({
      artifact,
      graph,
      sliceCode,
      mode: fine ? 'fine' : 'whole',
      allowPackageDownloads: allowPackageDownloads ?? settings.data?.allowPackageDownloads ?? DEFAULT_SETTINGS.allowPackageDownloads,
    });
  // Not stored: a cancel, or "could not run" over an earlier real comparison (kept below).
  const notStored = outcome && !outcome.stored && !outcome.preflight ? outcome.result.problem : undefined;

  return (
    <section className="card verify" aria-labelledby="verify-heading" data-testid="verify-slice">
      <div className="verify-head">
        <h2 id="verify-heading" style={{ margin: 0 }}>
          Verify
        </h2>
        {verify.isPending ? (
          <>
            <span className="spinner" aria-hidden="true" />
            <span role="status">Running the session and the slice in Python…</span>
            <button type="button" className="button small" onClick={cancelRun} data-testid="verify-cancel">
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button small primary"
            disabled={!variable || sliceCode === undefined || settings.isLoading}
            onClick={() => start()}
            data-testid="verify-button"
          >
            Verify slice
          </button>
        )}
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        {variable ? (
          <>
            Runs the original session and the slice shown
            {sliceCode !== undefined ? (
              <span data-testid="verify-what">
                {' '}
                ({fine ? 'fine' : 'whole-block'}, {plural(lineCount(sliceCode), 'line')})
              </span>
            ) : null}{' '}
            separately, each in a fresh Python interpreter in this browser (Pyodide), and compares <code>repr({variable.name})</code>.
          </>
        ) : (
          'This value is not held by a variable, so it cannot be compared.'
        )}
      </p>
      {verify.isError ? <ErrorMessage error={verify.error} title="The slice could not be verified." /> : null}
      {outcome?.preflight ? <PreflightNotice preflight={outcome.preflight} onRetry={(allow) => start(allow)} /> : null}
      {notStored ? <p className="muted">{notStored}</p> : null}
      {/* The notice already says why it could not run; a real comparison stored earlier still shows. */}
      {shown && !verify.isPending && !(outcome?.preflight && verdictOf(shown).kind === 'could-not-run') ? <Outcome verification={shown} /> : null}
    </section>
  );
}
