import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { LineageNode, NodeValue, Session, SessionGraph, SourceCode } from '../../core/model';
import { dataflowAccount } from '../../core/dataflow';
import { splitLines } from '../../core/slice';
import { userMessage } from '../../core/errors';
import { useArtifacts, useNodeValues } from '../hooks/queries';
import { KIND_STYLE } from './kinds';
import { highlightPython } from './pyhighlight';
import './kinds.css';
import { literalText, type ViewNode } from '../../core/graph/view';
import { panelModel } from '../../core/graph/panel';
import { clipText, LINE_SHOWN_CHARS } from '../../core/clip';
import { isoDate } from '../format';
import { RunValues } from '../runs/RunValues';
import { useRunExecutionIds } from '../runs/queries';
import type { Selection } from './useSelection';

interface Props {
  sessionId: string;
  /** For the catalog reads of `lineapy.get` calls (and their warnings). */
  session?: Session;
  graph: SessionGraph;
  /** The selection, in the view. */
  selection: Selection & { viewNode: ViewNode };
  shortIds: ReadonlyMap<string, string>;
  nodesById: ReadonlyMap<string, LineageNode>;
  onClose: () => void;
  onName: () => void;
  onNameWrite?: () => void;
}

function SourceBlock({ code, from, to }: { code: SourceCode; from: number; to: number }) {
  const lines = splitLines(code.code);
  // Python highlighting as React elements (token classes in kinds.css), never HTML.
  const runs = useMemo(() => highlightPython(code.code), [code.code]);
  // Show the selected lines with up to 3 lines of context either side.
  const start = Math.max(1, from - 3);
  const end = Math.min(lines.length, to + 3);
  return (
    <pre className="source" data-testid="panel-source" tabIndex={0} aria-label="Source lines">
      {lines.slice(start - 1, end).map((text, i) => {
        const n = start + i;
        const hit = n >= from && n <= to;
        return (
          <span key={n} className={`source-line${hit ? ' hit' : ''}`}>
            <span className="ln" aria-hidden="true">
              {n}
            </span>
            {text.length > LINE_SHOWN_CHARS ? clipText(text) : text ? (runs.length === lines.length ? runs[n - 1].map((r, j) => (r.cls ? <span key={j} className={`tok-${r.cls}`}>{r.text}</span> : r.text)) : text) : ' '}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

function Output({ value }: { value: NodeValue }) {
  if (value.mime === 'image/png') {
    return <img className="output-image" src={`data:image/png;base64,${value.value}`} alt="Stored chart output of this cell" />;
  }
  return (
    <>
      {value.mime === 'text/html' ? <p className="muted small">HTML output, shown as text.</p> : null}
      <pre className="output" data-testid="panel-output" tabIndex={0} aria-label="Stored output">
        {value.value}
      </pre>
    </>
  );
}

function fieldRows(node: LineageNode, nodesById: ReadonlyMap<string, LineageNode>, shortIds: ReadonlyMap<string, string>): Array<[string, string]> {
  const ref = (id: string) => {
    const n = nodesById.get(id);
    const name = n?.names[0] ?? (n?.kind === 'Lookup' ? n.name : n?.kind === 'Literal' ? literalText(n) : n?.kind);
    return `${name ?? '?'} (${shortIds.get(id) ?? id.slice(0, 7)})`;
  };
  const rows: Array<[string, string]> = [['kind', node.kind]];
  if (node.names.length) rows.push(['names', node.names.join(', ')]);
  rows.push(['order', String(node.seq)]);
  switch (node.kind) {
    case 'Import':
      rows.push(['module', node.name], ['package', node.packageName]);
      break;
    case 'Call':
      rows.push(['function', ref(node.functionId)]);
      if (node.args.length) rows.push(['args', node.args.map((a) => (a.starred ? '*' : '') + ref(a.id)).join(', ')]);
      if (node.kwargs.length) rows.push(['kwargs', node.kwargs.map((k) => `${k.key}=${ref(k.id)}`).join(', ')]);
      if (Object.keys(node.globalReads).length) rows.push(['reads', Object.keys(node.globalReads).join(', ')]);
      if (node.implicitDeps.length) rows.push(['implicit', node.implicitDeps.map(ref).join(', ')]);
      break;
    case 'Literal':
      rows.push(['value', literalText(node)], ['type', node.valueType]);
      break;
    case 'Lookup':
      rows.push(['name', node.name]);
      break;
    case 'Mutate':
      rows.push(['mutates', ref(node.sourceId)], ['by', ref(node.callId)]);
      break;
    case 'Global':
      rows.push(['name', node.name], ['bound by', ref(node.callId)]);
      break;
  }
  return rows;
}

/** A `lineapy.get` call in this node: the catalog version it reads, or the warning that it is not in the catalog. */
function CatalogRead({ session, viewNode, node }: { session: Session; viewNode: ViewNode; node: LineageNode }) {
  const read = session.catalogReads?.find((c) => viewNode.memberIds.includes(c.nodeId));
  if (read) {
    return (
      <p data-testid="catalog-read">
        Reads artifact <code>{read.name}</code> v{read.version} from the catalog:{' '}
        <Link to={`/a/${encodeURIComponent(read.name)}/${read.version}`}>
          {read.name}:{read.version}
        </Link>
      </p>
    );
  }
  const loc = viewNode.location;
  const missing =
    node.kind === 'Call' && loc
      ? session.diagnostics.find((d) => d.code === 'lineapy-get-missing' && d.sourceCodeId === loc.sourceCodeId && d.line !== undefined && d.line >= loc.line && d.line <= loc.endLine)
      : undefined;
  return missing ? (
    <p className="version-warning small" role="note" data-testid="catalog-read">
      {missing.message}
    </p>
  ) : null;
}

export function SidePanel({ sessionId, session, graph, selection, shortIds, nodesById, onClose, onName, onNameWrite }: Props) {
  const { viewNode, node: selected, writeTarget } = selection;
  // One subject for the header, the fields and the derivation (not a builtin lookup that came first).
  const model = panelModel(viewNode, nodesById);
  const node = model?.subject ?? selected;
  const bindsName = model?.bindsName ?? selected.names.length > 0;
  const values = useNodeValues(viewNode.memberIds);
  // Values recorded by runs are shown under "Last run"; "Stored output" keeps the notebook's own.
  const runIds = useRunExecutionIds(sessionId);
  const stored = (values.data ?? []).filter((v) => !runIds.data?.has(v.executionId));
  const artifacts = useArtifacts({ sessionId });
  const code = viewNode.location ? graph.sourceCodes.find((c) => c.id === viewNode.location!.sourceCodeId) : undefined;
  const account = useMemo(() => {
    try {
      return dataflowAccount(graph, node.id);
    } catch (e) {
      return `(${userMessage(e)})`;
    }
  }, [graph, node.id]);
  const mine = (artifacts.data ?? []).filter((a) => viewNode.memberIds.includes(a.nodeId));
  const style = KIND_STYLE[node.kind];
  return (
    <aside className="side-panel" aria-label="Selected node" data-testid="side-panel">
      <div className="panel-head">
        <span className={`legend-swatch kind-${node.kind.toLowerCase()}`} aria-hidden="true">
          {style.icon}
        </span>
        <div className="panel-title">
          <h2 title={viewNode.title} data-testid="panel-title">
            {model?.title ?? viewNode.label}
          </h2>
          <p className="muted small">
            <span data-testid="panel-kind">{style.label}</span> · <code data-testid="short-id">{shortIds.get(node.id) ?? node.id.slice(0, 7)}</code>
            {viewNode.where ? ` · ${viewNode.where}` : ''}
          </p>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the side panel">
          ×
        </button>
      </div>
      {bindsName ? (
        <button type="button" className="button primary wide" onClick={onName} data-testid="name-artifact">
          Name as artifact
        </button>
      ) : (
        <p className="muted small" data-testid="binds-nothing">
          This statement binds no name{writeTarget ? '' : ' and writes nothing outside, so there is nothing to name as an artifact'}.
        </p>
      )}
      {writeTarget && onNameWrite ? (
        <div className="side-effect">
          <button type="button" className={`button wide${bindsName ? '' : ' primary'}`} onClick={onNameWrite} data-testid="name-write">
            Name what this writes
          </button>
          <p className="muted small" data-testid="write-target">
            This statement writes {writeTarget.label}. The artifact keeps the code that produces it.
          </p>
        </div>
      ) : null}
      {session ? <CatalogRead session={session} viewNode={viewNode} node={node} /> : null}
      {mine.length > 0 ? (
        <section>
          <h3>Artifacts</h3>
          <ul className="plain">
            {mine.map((a) => (
              <li key={a.id}>
                <Link to={`/a/${encodeURIComponent(a.name)}/${a.version}`}>
                  {a.name}:{a.version}
                </Link>{' '}
                <span className="muted small">created on {isoDate(a.createdAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h3>
          Source{' '}
          <span className="muted small">
            {code?.cellIndex !== undefined ? `cell ${code.cellIndex + 1}` : 'script'}
            {code?.executionCount ? ` · In [${code.executionCount}]` : ''}
          </span>
        </h3>
        {code && viewNode.location ? (
          <SourceBlock code={code} from={viewNode.location.line} to={viewNode.location.endLine} />
        ) : (
          <p className="muted">This node has no source location (a builtin or an implicit value).</p>
        )}
      </section>
      <RunValues sessionId={sessionId} memberIds={viewNode.memberIds} names={new Map(viewNode.memberIds.map((id) => [id, nodesById.get(id)?.names.join(', ') ?? '']))} />
      <section>
        <h3>Stored output</h3>
        {stored.length > 0 ? (
          stored.map((v) => <Output key={`${v.nodeId}-${v.executionId}`} value={v} />)
        ) : (
          <p className="muted small">{values.isLoading ? 'Loading…' : 'No stored output for this statement.'}</p>
        )}
      </section>
      <section>
        <h3>How it was derived</h3>
        <pre className="dataflow" data-testid="panel-dataflow" tabIndex={0} aria-label="Dataflow account">
          {account}
        </pre>
      </section>
      <section>
        <h3>Fields</h3>
        <dl className="fields">
          {fieldRows(node, nodesById, shortIds).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </aside>
  );
}
