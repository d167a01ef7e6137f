/**
 * The catalog table: sortable columns, row selection, tags that filter when clicked.
 * It shows the rows it is given (one page); the header checkbox selects or clears those rows
 * and leaves the selection on other pages alone.
 */
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { isoDate, visibleName } from '../format';
import { SortableHeader } from '../components/SortableHeader';
import { nextSort, selectionState, setRowsSelected, shownTags, tagText, type CatalogRow, type CatalogSort, type CatalogView, type SortKey } from './catalogModel';

/** Tags drawn per row; the rest are counted ("+49,990 more") so huge old tag lists never block the page. */
export const ROW_TAGS = 10;

interface Props {
  /** The rows to show: one page of the catalog. */
  rows: CatalogRow[];
  /** True when these rows are one page of several (words the header checkbox). */
  paged?: boolean;
  view: CatalogView;
  sort: CatalogSort;
  onSort: (sort: CatalogSort) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: Set<string>) => void;
  sessionName: (id: string) => string | undefined;
  shortIds: ReadonlyMap<string, string>;
  onTagClick: (tag: string) => void;
  /** Extra content after the name (e.g. badges from other features). */
  nameExtra?: (row: CatalogRow) => ReactNode;
}

function SortHeader({ label, column, sort, onSort, className }: { label: string; column: SortKey; sort: CatalogSort; onSort: (s: CatalogSort) => void; className?: string }) {
  return (
    <SortableHeader
      label={label}
      direction={sort.key === column ? sort.direction : undefined}
      onClick={() => onSort(nextSort(sort, column))}
      testId={`sort-${column}`}
      {...(className ? { className } : {})}
    />
  );
}

export function CatalogTable({ rows, paged = false, view, sort, onSort, selected, onSelect, sessionName, shortIds, onTagClick, nameExtra }: Props) {
  const state = selectionState(selected, rows);
  const allSelected = state === 'all';
  const what = paged ? `the ${rows.length} rows on this page` : 'all artifacts';
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <table className="table catalog-table" data-testid="artifact-list">
      <thead>
        <tr>
          <th scope="col" className="select-cell">
            <input
              type="checkbox"
              aria-label={allSelected ? `Deselect ${what}` : `Select ${what}`}
              title={allSelected ? `Deselect ${what}` : `Select ${what}`}
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = state === 'some';
              }}
              onChange={() => onSelect(setRowsSelected(selected, rows, !allSelected))}
              data-testid="select-page"
            />
          </th>
          <SortHeader label="Name" column="name" sort={sort} onSort={onSort} />
          <SortHeader label={view === 'latest' ? 'Latest' : 'Version'} column="version" sort={sort} onSort={onSort} className="num" />
          <SortHeader label="Versions" column="versions" sort={sort} onSort={onSort} className="num" />
          <SortHeader label="Session" column="session" sort={sort} onSort={onSort} />
          <SortHeader label="Author" column="author" sort={sort} onSort={onSort} />
          <SortHeader label="Created" column="created" sort={sort} onSort={onSort} />
          <th scope="col">Tags</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const a = row.artifact;
          const label = `${a.name}:${a.version}`;
          const session = sessionName(a.sessionId);
          const tags = shownTags(a.tags, ROW_TAGS);
          return (
            <tr
              key={a.id}
              data-testid="artifact-row"
              data-name={a.name}
              data-version={a.version}
              data-label={`${label} created on ${isoDate(a.createdAt)}`}
              className={selected.has(a.id) ? 'selected' : undefined}
            >
              <td className="select-cell">
                <input type="checkbox" aria-label={`Select ${label}`} checked={selected.has(a.id)} onChange={() => toggle(a.id)} data-testid="artifact-select" />
              </td>
              <td className="name-cell">
                <Link to={`/a/${encodeURIComponent(a.name)}/${a.version}`} className="artifact-title" data-testid="artifact-link">
                  {visibleName(a.name)}
                </Link>
                {nameExtra?.(row)}
                <div className="muted small">
                  <code title={`Artifact id ${a.id}`}>{shortIds.get(a.id) ?? a.id.slice(0, 7)}</code>
                  {a.description ? <span className="description"> · {a.description}</span> : null}
                </div>
              </td>
              <td className="num">
                <span className="version">v{a.version}</span>
                {view === 'versions' && a.version === row.latestVersion && row.versionCount > 1 ? <span className="latest-mark">latest</span> : null}
              </td>
              <td className="num">{row.versionCount}</td>
              <td className="session-cell">
                {session !== undefined ? (
                  <Link to={`/s/${a.sessionId}/n/${a.nodeId}`} title={`Open the node in ${session}`}>
                    {session}
                  </Link>
                ) : (
                  <span className="muted">(deleted)</span>
                )}
              </td>
              <td>{a.author}</td>
              <td className="date-cell">
                <time dateTime={new Date(a.createdAt).toISOString()}>{isoDate(a.createdAt)}</time>
              </td>
              <td className="tags-cell">
                {a.tags.length === 0 ? <span className="muted">—</span> : null}
                {tags.shown.map((t, i) => (
                  <button
                    key={i}
                    type="button"
                    className="tag"
                    title={`Show artifacts tagged ${tagText(t)}`}
                    onClick={() => onTagClick(tagText(t))}
                    data-testid="artifact-tag"
                  >
                    {tagText(t)}
                  </button>
                ))}
                {tags.hidden > 0 ? (
                  <Link to={`/a/${encodeURIComponent(a.name)}/${a.version}`} className="muted small" data-testid="more-tags">
                    +{tags.hidden.toLocaleString('en')} more
                  </Link>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
