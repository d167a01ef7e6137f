/**
 * The side panel's "Last run" section: the value each member node had in the newest run
 * of the session — type, repr (as text, never HTML), truncation, and the cell's timing.
 */
import type { NodeValue } from '../../core/model';
import { useLatestRun } from './queries';
import './runs.css';

function duration(ms: number): string {
  if (ms < 1) return '< 1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

function RunValue({ value, label }: { value: NodeValue; label?: string }) {
  return (
    <>
      <div className="run-value-meta" data-testid="run-value-meta">
        {label ? <strong>{label}</strong> : null}
        {value.typeName ? <code data-testid="run-value-type">{value.typeName}</code> : null}
        {value.truncated ? <span className="badge trunc">truncated</span> : null}
        {value.startedAt !== undefined && value.endedAt !== undefined ? (
          <span className="muted">
            cell ran {duration(value.endedAt - value.startedAt)} at {clock(value.startedAt)}
          </span>
        ) : null}
      </div>
      <pre className="output run-value" data-testid="run-value" tabIndex={0} aria-label={`Value in the last run${label ? ` of ${label}` : ''}`}>
        {value.value}
      </pre>
    </>
  );
}

export function RunValues({ sessionId, memberIds, names }: { sessionId: string; memberIds: readonly string[]; names?: ReadonlyMap<string, string> }) {
  const run = useLatestRun(sessionId);
  if (!run.data) return null;
  const members = new Set(memberIds);
  const values = run.data.values.filter((v) => members.has(v.nodeId));
  const status = run.data.execution.status;
  return (
    <section data-testid="run-values">
      <h3>
        Last run{' '}
        <span className="muted small">
          {clock(run.data.execution.startedAt)}
          {status !== 'ok' ? ` · ${status === 'error' ? 'stopped with an error' : 'cancelled'}` : ''}
        </span>
      </h3>
      {values.length > 0 ? (
        values.map((v) => <RunValue key={v.nodeId} value={v} label={values.length > 1 ? names?.get(v.nodeId) : undefined} />)
      ) : (
        <p className="muted small">
          {status === 'ok' ? 'The run recorded no value here: only variables and artifacts are recorded.' : 'The run stopped before this value was recorded.'}
        </p>
      )}
    </section>
  );
}
