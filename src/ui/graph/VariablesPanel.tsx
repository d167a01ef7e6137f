/**
 * The variables explorer (issue 16 item 2): a searchable, paged list of the session's
 * variables with their type, each binding and mutation by cell and line, where each is read,
 * and the latest binding's stored or recorded value (as text, never HTML). Clicking a place
 * selects that node in the graph; "Name as artifact" names the latest binding by default.
 * The model is `src/core/graph/variables.ts`; values come through the query hooks.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Artifact, Binding, LineageNode, NodeValue, SessionGraph } from '../../core/model';
import type { createSlicer } from '../../core/slice';
import { latestCheck, type Versions } from '../../core/graph/versions';
import { literalText } from '../../core/graph/view';
import { searchVariables, variablesOf, type VariableInfo, type VariablePlace } from '../../core/graph/variables';
import { DEFAULT_SETTINGS } from '../../store';
import { useNodeValues, useSettings } from '../hooks/queries';
import { useRunExecutionIds } from '../runs/queries';
import { plural } from '../format';
import { NameArtifactDialog } from './NameArtifactDialog';
import './variables.css';

/** Variables listed per page (a notebook can bind thousands). */
export const VARIABLES_PAGE = 100;
/** Uses listed before "Show all". */
const USES_SHOWN = 12;

interface Props {
  sessionId: string;
  graph: SessionGraph;
  bindings: readonly Binding[];
  nodesById: ReadonlyMap<string, LineageNode>;
  slicer: ReturnType<typeof createSlicer>;
  versions: Versions;
  /** The selected view node. */
  selectedId: string | undefined;
  /** Select a lineage node (the URL's node). */
  onSelect: (nodeId: string) => void;
  /** The view node that holds a lineage node, if it is in the view. */
  viewIdOf: (nodeId: string) => string | undefined;
  /** Pan the canvas to centre a view node. */
  centreOn: (viewId: string) => void;
  onNamed: (artifact: Artifact) => void;
  onClose: () => void;
}

/**
 * Selects a node, then centres it once the selection has rendered: selecting opens the side
 * panel, which narrows the canvas, so centring at the click would use the old width.
 */
function useChooseAndCentre({ selectedId, onSelect, viewIdOf, centreOn }: Pick<Props, 'selectedId' | 'onSelect' | 'viewIdOf' | 'centreOn'>) {
  const [request, setRequest] = useState<{ nodeId: string }>();
  useEffect(() => {
    if (!request) return;
    const viewId = viewIdOf(request.nodeId);
    if (viewId === undefined || selectedId !== viewId) return; // not landed yet (or not in this view)
    centreOn(viewId);
    setRequest(undefined);
  }, [request, selectedId, viewIdOf, centreOn]);
  return (nodeId: string) => {
    onSelect(nodeId);
    setRequest({ nodeId });
  };
}

/** The toolbar's toggle for the panel. */
export function VariablesToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="button small" aria-pressed={open} aria-controls={open ? 'variables-panel' : undefined} onClick={onToggle} data-testid="variables-toggle">
      Variables
    </button>
  );
}

export function VariablesPanel({ sessionId, graph, bindings, nodesById, slicer, versions, selectedId, onSelect, viewIdOf, centreOn, onNamed, onClose }: Props) {
  const onChoose = useChooseAndCentre({ selectedId, onSelect, viewIdOf, centreOn });
  const all = useMemo(() => variablesOf(graph, bindings), [graph, bindings]);
  const [query, setQuery] = useState('');
  const [pages, setPages] = useState(1);
  const [expanded, setExpanded] = useState<string>();
  const [naming, setNaming] = useState<{ name: string; nodeId: string; key: number }>();
  const settings = useSettings();
  const listRef = useRef<HTMLUListElement>(null);
  const searchId = useId();
  const matches = useMemo(() => searchVariables(all, query), [all, query]);
  const shown = matches.slice(0, pages * VARIABLES_PAGE);

  /** Up/Down/Home/End move between the rows' buttons. */
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    if (!(e.target instanceof HTMLButtonElement && e.target.classList.contains('var-row'))) return;
    const rows = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.var-row') ?? [])];
    const at = rows.indexOf(e.target);
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
    e.preventDefault();
    rows[to].focus();
  };

  return (
    <aside className="variables-panel" id="variables-panel" aria-label="Variables" data-testid="variables-panel">
      <div className="variables-head">
        <h2>Variables</h2>
        <span className="muted small" aria-live="polite" data-testid="variables-count">
          {query.trim() ? `${matches.length.toLocaleString('en')} of ${plural(all.length, 'variable')}` : plural(all.length, 'variable')}
        </span>
        <button type="button" className="link-button variables-close" onClick={onClose} aria-label="Close variables">
          ×
        </button>
      </div>
      <label htmlFor={searchId} className="visually-hidden">
        Search variables
      </label>
      <input
        id={searchId}
        type="search"
        className="variables-search"
        placeholder="Search variables or types"
        value={query}
        data-testid="variables-search"
        onChange={(e) => {
          setQuery(e.target.value);
          setPages(1);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          listRef.current?.querySelector<HTMLButtonElement>('button.var-row')?.focus();
        }}
      />
      {all.length === 0 ? <p className="muted small">This session binds no variables.</p> : null}
      {all.length > 0 && matches.length === 0 ? <p className="muted small">No variable matches “{query.trim()}”.</p> : null}
      <ul className="variables-list" ref={listRef} onKeyDown={onListKey} data-testid="variables-list">
        {shown.map((v) => (
          <VariableRow
            key={v.name}
            v={v}
            open={expanded === v.name}
            onToggle={() => setExpanded(expanded === v.name ? undefined : v.name)}
            sessionId={sessionId}
            nodesById={nodesById}
            onChoose={onChoose}
            onName={(nodeId) => setNaming((n) => ({ name: v.name, nodeId, key: (n?.key ?? 0) + 1 }))}
          />
        ))}
      </ul>
      {matches.length > shown.length ? (
        <button type="button" className="button small wide" onClick={() => setPages((p) => p + 1)} data-testid="variables-more">
          Show {Math.min(VARIABLES_PAGE, matches.length - shown.length).toLocaleString('en')} more ({(matches.length - shown.length).toLocaleString('en')} not shown)
        </button>
      ) : null}
      {naming ? (
        <NameArtifactDialog
          key={naming.key}
          open
          onClose={() => setNaming(undefined)}
          nodeId={naming.nodeId}
          sessionId={sessionId}
          suggestedName={naming.name}
          author={settings.data?.author ?? DEFAULT_SETTINGS.author}
          sliceCode={(id) => slicer.slice([id]).code}
          latestCheck={(id) => latestCheck(versions, id)}
          onNamed={onNamed}
        />
      ) : null}
    </aside>
  );
}

interface RowProps {
  v: VariableInfo;
  open: boolean;
  onToggle: () => void;
  sessionId: string;
  nodesById: ReadonlyMap<string, LineageNode>;
  onChoose: (nodeId: string) => void;
  onName: (nodeId: string) => void;
}

function VariableRow({ v, open, onToggle, sessionId, nodesById, onChoose, onName }: RowProps) {
  const detailId = useId();
  const mutations = v.bindings.filter((b) => b.change === 'mutated').length;
  const counts = [plural(v.bindings.length - mutations, 'binding'), mutations ? plural(mutations, 'mutation') : '', plural(v.uses.length, 'use')].filter(Boolean).join(' · ');
  return (
    <li className={open ? 'open' : undefined} data-testid="variable" data-name={v.name}>
      <button type="button" className="var-row" aria-expanded={open} aria-controls={open ? detailId : undefined} onClick={onToggle} data-testid="variable-row">
        <span className="var-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="var-line">
          <span className="var-name" title={v.name}>
            {v.name}
          </span>
          {v.type ? (
            <span className="var-type" data-testid="variable-type">
              {v.type}
            </span>
          ) : null}
        </span>
        <span className="var-counts">{counts}</span>
      </button>
      {open ? <VariableDetail id={detailId} v={v} sessionId={sessionId} nodesById={nodesById} onChoose={onChoose} onName={onName} /> : null}
    </li>
  );
}

function Place({ p, onChoose, testId, badges = [] }: { p: VariablePlace; onChoose: (id: string) => void; testId: string; badges?: string[] }) {
  return (
    <li>
      <button type="button" className="var-place" onClick={() => onChoose(p.nodeId)} data-testid={testId} data-node-id={p.nodeId} title={`Select in the graph: ${p.where || 'no location'}`}>
        <span className="var-where">{p.where || 'no location'}</span>
        {badges.length ? (
          <span className="var-badges">
            {badges.map((b) => (
              <span key={b} className={`var-badge ${b}`}>
                {b}
              </span>
            ))}
          </span>
        ) : null}
        <code className="var-code">{p.code}</code>
      </button>
    </li>
  );
}

function VariableDetail({ id, v, sessionId, nodesById, onChoose, onName }: { id: string; v: VariableInfo; sessionId: string; nodesById: ReadonlyMap<string, LineageNode>; onChoose: (id: string) => void; onName: (nodeId: string) => void }) {
  const [allUses, setAllUses] = useState(false);
  const target = v.latestId ?? v.bindings[v.bindings.length - 1]?.nodeId;
  const uses = allUses ? v.uses : v.uses.slice(0, USES_SHOWN);
  return (
    <div className="var-detail" id={id} data-testid="variable-detail">
      <h3>Bindings and mutations</h3>
      <ol className="var-places">
        {v.bindings.map((b) => (
          <Place key={b.nodeId} p={b} onChoose={onChoose} testId="variable-binding" badges={[...(b.change === 'mutated' ? ['mutated'] : []), ...(b.nodeId === v.latestId ? ['latest'] : [])]} />
        ))}
      </ol>
      <h3>Used in</h3>
      {v.uses.length === 0 ? <p className="muted small">Not read after it is bound.</p> : null}
      <ol className="var-places">
        {uses.map((u) => (
          <Place key={u.nodeId} p={u} onChoose={onChoose} testId="variable-use" />
        ))}
      </ol>
      {v.uses.length > uses.length ? (
        <button type="button" className="link-button var-more" onClick={() => setAllUses(true)}>
          Show all {v.uses.length.toLocaleString('en')} uses
        </button>
      ) : null}
      {target ? <VariableValue sessionId={sessionId} node={nodesById.get(target)} latest={target === v.latestId} /> : null}
      {target ? (
        <button type="button" className="button small" onClick={() => onName(target)} data-testid="variable-name-artifact">
          Name as artifact
        </button>
      ) : null}
    </div>
  );
}

/** The value of the binding: a literal's own text, else the last run's recorded value, else the notebook's stored output. */
function VariableValue({ sessionId, node, latest }: { sessionId: string; node: LineageNode | undefined; latest: boolean }) {
  const values = useNodeValues(node ? [node.id] : []);
  const runIds = useRunExecutionIds(sessionId);
  const which = latest ? 'latest binding' : 'last binding';
  let value: NodeValue | undefined;
  let source = '';
  const list = values.data ?? [];
  const run = list.filter((x) => runIds.data?.has(x.executionId)).at(-1);
  const stored = list.find((x) => !runIds.data?.has(x.executionId));
  if (run) [value, source] = [run, 'last run'];
  else if (stored) [value, source] = [stored, 'stored output'];
  if (!value && node?.kind !== 'Literal') return null;
  return (
    <section className="var-value" aria-label={`Value of the ${which}`}>
      <h3>
        Value <span className="muted small">({value ? source : 'literal'}{value?.typeName ? ` · ${value.typeName}` : ''})</span>
      </h3>
      {value?.mime === 'image/png' ? (
        <img className="output-image" src={`data:image/png;base64,${value.value}`} alt={`Chart recorded for the ${which}`} />
      ) : (
        <>
          {value?.mime === 'text/html' ? <p className="muted small">HTML output, shown as text.</p> : null}
          <pre className="output" tabIndex={0} data-testid="variable-value">
            {value ? value.value : node?.kind === 'Literal' ? literalText(node) : ''}
          </pre>
        </>
      )}
    </section>
  );
}
