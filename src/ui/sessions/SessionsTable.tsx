/**
 * The sessions table, one row per notebook (its newest version) with a version count that
 * expands the older versions below it. Long names are cut with an ellipsis inside their
 * cell (the full name stays the link's text and its tooltip); the date and the actions
 * never wrap or leave the table.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Session } from '../../core/model';
import { formatBytes, formatDate, plural, visibleName } from '../format';
import type { NotebookGroup, SessionVersion } from './sessionGroups';

interface Props {
  groups: readonly NotebookGroup[];
  onDelete: (version: SessionVersion, group: NotebookGroup) => void;
}

export function SessionsTable({ groups, onDelete }: Props) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <table className="table sessions-table" data-testid="sessions-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Added</th>
          <th scope="col" className="num">
            Cells
          </th>
          <th scope="col" className="num">
            Nodes
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const open = expanded.has(g.key);
          const olderId = `older-${g.latest.session.id}`;
          const many = g.versions.length > 1;
          return (
            <Fragment key={g.key}>
              <SessionRow
                version={g.latest}
                group={g}
                head
                onDelete={onDelete}
                versions={
                  many ? (
                    <button
                      type="button"
                      className="version-toggle"
                      aria-expanded={open}
                      aria-controls={open ? olderId : undefined}
                      onClick={() => toggle(g.key)}
                      data-testid="session-versions"
                    >
                      <span aria-hidden="true">{open ? '▾' : '▸'}</span> {g.versions.length} versions
                      <span className="visually-hidden"> of {visibleName(g.latest.session.name)}</span>
                    </button>
                  ) : null
                }
              />
              {open
                ? g.versions.slice(1).map((v, i) => (
                    <SessionRow key={v.session.id} version={v} group={g} onDelete={onDelete} rowId={i === 0 ? olderId : undefined} />
                  ))
                : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function versionNote(v: SessionVersion, g: NotebookGroup): string {
  const latest = v === g.latest ? ' · latest' : '';
  const same = v.sameAs !== undefined ? ` · same content as v${v.sameAs}` : '';
  return `v${v.version}${latest}${same}`;
}

interface RowProps {
  version: SessionVersion;
  group: NotebookGroup;
  onDelete: Props['onDelete'];
  head?: boolean;
  versions?: ReactNode;
  rowId?: string;
}

function SessionRow({ version, group, onDelete, head, versions, rowId }: RowProps) {
  const navigate = useNavigate();
  const s: Session = version.session;
  const name = visibleName(s.name);
  const many = group.versions.length > 1;
  // The newest row keeps the plain names ("Open x", "Delete x"); older rows name their version.
  const which = head ? name : `${name} version ${version.version}`;
  return (
    <tr
      id={rowId}
      className={head ? undefined : 'older-version'}
      data-testid={head ? 'session-row' : 'session-version-row'}
      data-session-id={s.id}
      data-notebook-key={group.key}
      data-version={version.version}
    >
      <td className="name-cell" data-testid="session-name-cell">
        <div className="name-line">
          <Link to={`/s/${s.id}`} className="session-name" title={name}>
            <span className={`file-kind ${s.kind}`} aria-hidden="true">
              {s.kind === 'notebook' ? 'ipynb' : 'py'}
            </span>
            <span className="session-name-text">{name}</span>
          </Link>
          {s.stats.diagnostics > 0 ? (
            <span className="badge warn" title={s.diagnostics.map((d) => d.message).join('\n')}>
              {plural(s.stats.diagnostics, 'note')}
            </span>
          ) : null}
          {s.stats.untrustedOutputs ? (
            <Link
              to={`/s/${s.id}`}
              className="badge warn untrusted"
              data-testid="session-untrusted"
              title="Stored outputs that cannot be trusted from the file alone: a cell ran before a cell it depends on, or has no execution count while a later cell has one. Open the graph to see which."
            >
              {s.stats.untrustedOutputs === 1 ? '1 output older than its inputs' : `${s.stats.untrustedOutputs} outputs older than their inputs`}
            </Link>
          ) : null}
        </div>
        {many || versions ? (
          <div className="version-line muted small">
            {versions}
            {many ? <span data-testid="session-version-note">{versionNote(version, group)}</span> : null}
          </div>
        ) : null}
      </td>
      <td className="date-cell" data-testid="session-date">
        {formatDate(s.createdAt)}
      </td>
      <td className="num" data-testid="session-cells">
        {s.stats.cells}
      </td>
      <td className="num" data-testid="session-nodes">
        {s.stats.nodes}
      </td>
      <td className="num">{formatBytes(s.fileSize)}</td>
      <td className="actions">
        <button type="button" className="button small" onClick={() => navigate(`/s/${s.id}`)} aria-label={`Open ${which}`}>
          Open
        </button>
        <button type="button" className="button small ghost" aria-label={`Delete ${which}`} onClick={() => onDelete(version, group)} data-testid="session-delete">
          Delete
        </button>
      </td>
    </tr>
  );
}
