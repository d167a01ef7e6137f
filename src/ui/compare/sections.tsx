/**
 * The sections of the Compare page below the cells: what to re-run (the sentence and the list),
 * outputs older than their inputs, variables whose definition changed and artifacts whose slice
 * changed. Everything is text; statements show in <code>/<pre>, never as HTML.
 */
import { Link } from 'react-router-dom';
import type { VersionComparison } from '../../core/history/compare';
import type { ArtifactChange, VariableChange } from '../../core/history/notebook-diff';

type Comparison = Required<Pick<VersionComparison, 'diff' | 'rerun'>> & VersionComparison;

/** The sentence and every cell to re-run in notebook order, each with why and a link to its node. */
export function RerunSection({ c, newer }: { c: Comparison; newer: string }) {
  const names = new Map(c.diff.cells.filter((x) => x.new).map((x) => [x.new!.id, x.new!.name]));
  const status = new Map(c.diff.cells.filter((x) => x.new).map((x) => [x.new!.id, x.status]));
  const stale = new Map(c.rerun.stale.map((s) => [s.id, s]));
  return (
    <section className="compare-section" aria-labelledby="rerun-h">
      <h2 id="rerun-h">What to re-run</h2>
      <p className="rerun-sentence" data-testid="rerun-sentence">
        {c.rerun.sentence}
      </p>
      {c.rerun.rerun.length > 0 ? (
        <ol className="rerun-list" data-testid="rerun-list">
          {c.rerun.rerun.map((id) => {
            const s = stale.get(id);
            const node = c.cellNodes[id];
            const name = names.get(id) ?? 'a cell';
            return (
              <li key={id} data-testid="rerun-item" data-cell={name}>
                {node ? <Link to={`/s/${newer}/n/${node}`}>{name}</Link> : <span>{name}</span>}
                <span className={`change-tag ${s ? 'stale' : (status.get(id) ?? 'edited')}`}>{s ? 're-run' : status.get(id)}</span>
                <span className="muted">
                  {s
                    ? s.why === 'rewired'
                      ? 'its inputs now come from other cells'
                      : `reads ${s.from.map((f) => `${f.names.join(', ')} from ${names.get(f.id) ?? 'a changed cell'}`).join('; ')}`
                    : status.get(id) === 'added'
                      ? 'a new cell'
                      : 'you changed its code'}
                </span>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

/** Stored outputs of the newer version that cannot be trusted from the file alone. */
export function UntrustedSection({ c, newer }: { c: VersionComparison; newer: string }) {
  if (c.untrusted.length === 0) return null;
  return (
    <section className="compare-section" aria-labelledby="untrusted-h">
      <h2 id="untrusted-h">Outputs older than their inputs</h2>
      <ul className="untrusted-list" data-testid="untrusted-list">
        {c.untrusted.map((u) => (
          <li key={u.id}>
            <span className="hist-chip untrusted" aria-hidden="true">
              ⚠
            </span>{' '}
            {c.cellNodes[u.id] ? <Link to={`/s/${newer}/n/${c.cellNodes[u.id]}`}>{u.sentence}</Link> : u.sentence}
          </li>
        ))}
      </ul>
    </section>
  );
}

const VAR_CHANGE: Record<VariableChange['change'], string> = { added: 'added', removed: 'removed', edited: 'definition edited', 'inputs-changed': 'inputs changed' };

function Statements({ lines, empty }: { lines: readonly string[]; empty: string }) {
  if (lines.length === 0) return <span className="muted small">{empty}</span>;
  return <pre className="var-def">{lines.join('\n')}</pre>;
}

export function VariablesSection({ variables }: { variables: readonly VariableChange[] }) {
  return (
    <section className="compare-section" aria-labelledby="vars-h">
      <h2 id="vars-h">Variables whose definition changed</h2>
      {variables.length === 0 ? (
        <p className="muted">No variable changed.</p>
      ) : (
        <table className="table compare-table" data-testid="variable-changes">
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Change</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {variables.map((v) => (
              <tr key={v.name} data-testid="variable-change" data-name={v.name} data-change={v.change}>
                <th scope="row">
                  <code>{v.name}</code>
                </th>
                <td>
                  <span className={`change-tag ${v.change}`}>{VAR_CHANGE[v.change]}</span>
                </td>
                <td>
                  <Statements lines={v.before} empty="not bound" />
                </td>
                <td>
                  {v.change === 'inputs-changed' ? <span className="muted small">same statement; what it reads changed</span> : <Statements lines={v.after} empty="not bound" />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const ART_CHANGE: Record<ArtifactChange['change'], string> = { added: 'added', removed: 'removed', changed: 'slice changed', same: 'same slice' };

const artifactLink = (name: string, version: number) => <Link to={`/a/${encodeURIComponent(name)}/${version}`}>v{version}</Link>;

export function ArtifactsSection({ artifacts }: { artifacts: readonly ArtifactChange[] }) {
  if (artifacts.length === 0) return null;
  return (
    <section className="compare-section" aria-labelledby="arts-h">
      <h2 id="arts-h">Artifacts</h2>
      <table className="table compare-table" data-testid="artifact-changes">
        <thead>
          <tr>
            <th scope="col">Artifact</th>
            <th scope="col">Change</th>
            <th scope="col">Older version</th>
            <th scope="col">Newer version</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => (
            <tr key={a.name} data-testid="artifact-change" data-name={a.name} data-change={a.change}>
              <th scope="row">{a.name}</th>
              <td>
                <span className={`change-tag ${a.change}`}>{ART_CHANGE[a.change]}</span>
              </td>
              <td>{a.old ? artifactLink(a.name, a.old.version) : <span className="muted">—</span>}</td>
              <td>{a.new ? artifactLink(a.name, a.new.version) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
