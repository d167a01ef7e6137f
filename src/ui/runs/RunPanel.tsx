/**
 * The run bar of a session: "Run" executes the session with Pyodide in a worker, shows
 * "cell 12 / 40" with a progress bar and a Cancel button, then the outcome of the newest
 * run (kept in the store): status, values recorded, or the error with its traceback as text.
 * The red error box opens for a run that ended while this page was open; an error stored by an
 * earlier visit stays in the summary ("Show the error"), so it does not greet every later visit.
 * When an import cannot load now, the run does not start: the import check says so at once
 * (PreflightNotice). Lazy-loaded by the graph page, so the run client stays out of the main chunk.
 */
import { useState } from 'react';
import type { Session, SessionGraph } from '../../core/model';
import { DEFAULT_SETTINGS } from '../../store';
import { useArtifacts, useSettings } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { plural } from '../format';
import { useLatestRun } from './queries';
import { useRunProgress } from './progress';
import { cancelRun, useRunPending, useRunSession } from './useRun';
import { PreflightNotice } from './PreflightNotice';
import './runs.css';

export interface RunPanelProps {
  session: Session;
  graph: SessionGraph;
  /** `lineapy.save` calls (from the slicer), to record artifacts that have no variable. */
  saveCalls?: ReadonlyArray<{ callId: string; savedId: string }>;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

const STATUS_WORDS: Record<string, string> = {
  ok: 'Ran',
  error: 'Stopped with an error',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** Splits a stored run error into its sentence and the traceback. */
function splitError(error: string): { message: string; traceback: string } {
  const at = error.indexOf('\n\n');
  return at < 0 ? { message: error, traceback: '' } : { message: error.slice(0, at), traceback: error.slice(at + 2) };
}

export default function RunPanel({ session, graph, saveCalls }: RunPanelProps) {
  const run = useRunSession(session.id);
  const pending = useRunPending(session.id);
  const progress = useRunProgress(session.id);
  const latest = useLatestRun(session.id);
  const artifacts = useArtifacts({ sessionId: session.id });
  const settings = useSettings();
  const [cancelling, setCancelling] = useState(false);
  const [errorOpen, setErrorOpen] = useState(true);
  /** The stored run whose error the user opened (an error from an earlier visit starts closed). */
  const [openedOld, setOpenedOld] = useState<string | undefined>();

  const start = (options: { allowPackageDownloads?: boolean } = {}) => {
    setCancelling(false);
    setErrorOpen(true);
    run.mutate({
      session,
      graph,
      artifacts: artifacts.data ?? [],
      saveCalls,
      allowPackageDownloads: options.allowPackageDownloads ?? settings.data?.allowPackageDownloads ?? DEFAULT_SETTINGS.allowPackageDownloads,
    });
  };

  const last = latest.data;
  const total = progress?.total ?? graph.sourceCodes.length;
  const done = progress?.done ?? 0;
  const lastError = last?.execution.status === 'error' && last.execution.error ? splitError(last.execution.error) : undefined;
  const blocked = !pending && run.data?.kind === 'blocked' ? run.data.preflight : undefined;
  // Only a run that ended on this page opens its error by itself.
  const endedHere = run.data?.kind === 'ran' && last != null && run.data.execution.id === last.execution.id;
  const showError = lastError !== undefined && last != null && (endedHere ? errorOpen : openedOld === last.execution.id);

  return (
    <>
      <div className="run-bar" role="region" aria-label="Run" data-testid="run-bar">
        {pending ? (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setCancelling(true);
              cancelRun();
            }}
            disabled={cancelling}
            data-testid="run-cancel"
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button
            type="button"
            className="button small primary"
            onClick={() => start()}
            disabled={graph.sourceCodes.length === 0 || artifacts.isLoading || settings.isLoading}
            data-testid="run-button"
            title="Run this session's code in the browser with Pyodide and record the values"
          >
            ▶ Run
          </button>
        )}
        {pending ? (
          <span className="run-status" role="status" data-testid="run-progress">
            <span className="run-progress-text">
              cell {done} / {total}
            </span>
            <progress max={Math.max(1, total)} value={done} aria-label={`Run progress: cell ${done} of ${total}`} />
            {done === 0 ? <span className="muted small">Starting Python (a few seconds the first time)…</span> : null}
          </span>
        ) : last ? (
          <span className="run-status" role="status" data-testid="run-summary" data-status={last.execution.status}>
            <span className={`run-dot ${last.execution.status}`} aria-hidden="true" />
            <span>
              {STATUS_WORDS[last.execution.status] ?? last.execution.status} at {clock(last.execution.startedAt)}
              {last.execution.status === 'interrupted'
                ? ': the page was closed or reloaded while it ran'
                : last.execution.endedAt !== undefined
                  ? ` in ${seconds(last.execution.endedAt - last.execution.startedAt)}`
                  : ''}
            </span>
            {last.execution.status === 'cancelled' && last.execution.error ? <span className="muted">· {last.execution.error}</span> : null}
            {lastError && !showError ? (
              <button type="button" className="link-button" onClick={() => (endedHere ? setErrorOpen(true) : setOpenedOld(last.execution.id))} data-testid="run-error-show">
                Show the error
              </button>
            ) : null}
            <span className="muted">
              · {plural(last.values.length, 'value')} recorded{last.values.length > 0 ? ': select a node to see its value' : ''}
            </span>
          </span>
        ) : (
          <span className="muted small">Run the notebook in this browser (Python via Pyodide, no server) to record the real value of every variable.</span>
        )}
      </div>
      {run.isError ? (
        <div className="run-error-store">
          <ErrorMessage error={run.error} title="The run could not be saved." />
        </div>
      ) : null}
      {blocked ? <PreflightNotice preflight={blocked} onRetry={(allow) => start({ allowPackageDownloads: allow })} /> : null}
      {!pending && lastError && showError ? (
        <div className="run-error" role="alert" data-testid="run-error">
          <div className="run-error-head">
            <p className="run-error-message">{lastError.message}</p>
            <button type="button" className="link-button" onClick={() => (endedHere ? setErrorOpen(false) : setOpenedOld(undefined))} aria-label="Hide the error">
              ×
            </button>
          </div>
          {lastError.traceback ? <pre data-testid="run-traceback">{lastError.traceback}</pre> : null}
          {last && last.values.length > 0 ? <p className="muted small">Values recorded before the error are kept.</p> : null}
        </div>
      ) : null}
    </>
  );
}
