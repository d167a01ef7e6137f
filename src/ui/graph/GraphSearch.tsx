/** The graph's search box: hits as you type, arrows and Enter to choose one, Escape to clear. */
import { useMemo, useState, type RefObject } from 'react';
import type { LineageNode } from '../../core/model';
import { searchView } from '../../core/graph/search';
import type { Versions } from '../../core/graph/versions';
import type { GraphView } from '../../core/graph/view';
import { KIND_STYLE } from './kinds';

interface Props {
  view: GraphView;
  shortIds: ReadonlyMap<string, string>;
  nodesById: ReadonlyMap<string, LineageNode>;
  versions: Versions;
  inputRef: RefObject<HTMLInputElement | null>;
  onChoose: (id: string) => void;
}

export function GraphSearch({ view, shortIds, nodesById, versions, inputRef, onChoose }: Props) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = useMemo(() => (query.trim() ? searchView(view, query, shortIds, nodesById, versions) : []), [view, query, shortIds, nodesById, versions]);
  const choose = (id: string) => {
    onChoose(id);
    setOpen(false);
  };

  return (
    <div className="search" role="search">
      <input
        ref={inputRef}
        type="search"
        placeholder="Search names, code or ids  ( / )"
        aria-label="Search the graph"
        value={query}
        data-testid="graph-search"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter' && results[active]) {
            e.preventDefault();
            choose(results[active].id);
          } else if (e.key === 'Escape') {
            setQuery('');
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      {open && query.trim() ? (
        <ul className="search-results" role="listbox" aria-label="Search results" data-testid="search-results">
          {results.length === 0 ? <li className="muted">No node matches “{query.trim()}”.</li> : null}
          {results.map((r, i) => (
            <li
              key={r.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(r.id);
              }}
            >
              <span className={`legend-swatch kind-${r.kind.toLowerCase()}`} aria-hidden="true">
                {KIND_STYLE[r.kind].icon}
              </span>
              <span className="hit">
                <span className="hit-main">
                  <code>{r.label}</code>
                  <span className="muted small"> {r.why}</span>
                  {r.version?.latest ? <span className="version-tag latest" data-testid="hit-version">latest</span> : null}
                </span>
                {r.version && !r.version.latest ? (
                  <span className="version-tag earlier" data-testid="hit-version">
                    {r.version.text}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
