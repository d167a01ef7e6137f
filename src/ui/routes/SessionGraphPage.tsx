import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  MarkerType,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { NODE_KINDS, type NodeKind, type SessionGraph } from '../../core/model';
import { createSlicer } from '../../core/slice';
import { shortestUniquePrefixes } from '../../core/shortid';
import { DEFAULT_SETTINGS } from '../../store';
import { useSessionGraph, useSettings } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { FlowNode, type LineageFlowNode } from '../graph/FlowNode';
import { LegendBox } from '../graph/Legend';
import { SidePanel } from '../graph/SidePanel';
import { NameArtifactDialog } from '../graph/NameArtifactDialog';
import { filterKinds, fullView, namedValues, neighbourhood, statementView, subView, type GraphView } from '../../core/graph/view';
import { neighbour, relations, type Relation } from '../../core/graph/highlight';
import { nodeSize } from '../graph/measure';
import { searchView } from '../../core/graph/search';
import { latestCheck, versionsOf } from '../../core/graph/versions';
import { ExportMenu } from '../graph/ExportMenu';
import { layoutInWorker } from '../lib/workers';
import { KIND_STYLE, readPalette } from '../graph/kinds';
import { useTheme } from '../theme';
import { plural, visibleName } from '../format';
import { writeTargetOf } from '../../core/side-effects';

const nodeTypes = { lineage: FlowNode };

/** The run bar (Pyodide runs): its own chunk, loaded with the graph page but not before. */
const RunPanel = lazy(() => import('../runs/RunPanel'));

type Mode = 'statement' | 'full';
type Direction = 'TB' | 'LR';

/** Above this many nodes, the graph opens on a neighbourhood. */
const BIG_GRAPH = 1000;

/** Below this zoom, code labels are too small to read. */
const READABLE_ZOOM = 0.6;

interface Placed {
  positions: Map<string, { x: number; y: number }>;
  sizes: Map<string, { width: number; height: number }>;
  key: string;
}

export default function SessionGraphPage() {
  const { session: sessionId = '' } = useParams();
  const graph = useSessionGraph(sessionId);
  if (graph.isLoading) return <Loading what="the graph" />;
  if (graph.isError) {
    return (
      <div className="page">
        <ErrorMessage error={graph.error} />
        <p>
          <Link to="/">Back to the sessions</Link>
        </p>
      </div>
    );
  }
  if (!graph.data) return null;
  return (
    <ReactFlowProvider>
      <GraphScreen key={sessionId} sessionId={sessionId} data={graph.data} />
    </ReactFlowProvider>
  );
}

function GraphScreen({ sessionId, data }: { sessionId: string; data: NonNullable<ReturnType<typeof useSessionGraph>['data']> }) {
  const { node: nodeParam } = useParams();
  const navigate = useNavigate();
  const flow = useReactFlow();
  const settings = useSettings();
  const { resolved: theme } = useTheme();
  // <html data-theme> changes before the theme's subscribers render, so this reads the new colours.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the CSS variables change with the theme
  const palette = useMemo(() => readPalette(), [theme]);
  const graph: SessionGraph = useMemo(() => ({ sourceCodes: data.sourceCodes, nodes: data.nodes }), [data]);
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const shortIds = useMemo(() => shortestUniquePrefixes(graph.nodes.map((n) => n.id)), [graph]);
  const slicer = useMemo(() => createSlicer(graph), [graph]);
  const versions = useMemo(() => versionsOf(graph, data.session.bindings), [graph, data.session.bindings]);

  const [mode, setMode] = useState<Mode>('statement');
  const [direction, setDirection] = useState<Direction>('TB');
  const [kinds, setKinds] = useState<ReadonlySet<NodeKind>>(() => new Set(NODE_KINDS));
  const [sliceOnly, setSliceOnly] = useState(false);
  const [panelOpen, setPanelOpen] = useState(true);
  const [naming, setNaming] = useState(false);
  /** The dialog names what the statement writes (its side effects), not a value. */
  const [namingWrite, setNamingWrite] = useState(false);
  // Each opening mounts a fresh dialog, so its fields start from the selection, never from a previous opening.
  const [namingKey, setNamingKey] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [query, setQuery] = useState('');
  const [searchOpen, setSearchOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const baseView = useMemo(() => (mode === 'statement' ? statementView(graph) : fullView(graph)), [graph, mode]);
  const filtered: GraphView = useMemo(() => filterKinds(baseView, kinds), [baseView, kinds]);

  // Big graphs show a neighbourhood first: the focus ± `depth` hops, expandable.
  const [showAll, setShowAll] = useState(false);
  const [depth, setDepth] = useState(2);
  const [focusId, setFocusId] = useState<string>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const big = filtered.nodes.length > BIG_GRAPH && !showAll;
  const selectedGroup = nodeParam ? filtered.groupOf.get(nodeParam) : undefined;
  const center = focusId ?? selectedGroup ?? filtered.nodes[filtered.nodes.length - 1]?.id;
  const bigCenter = big ? center : undefined;
  const shown = useMemo(
    () =>
      bigCenter
        ? subView(filtered, neighbourhood(filtered, bigCenter, depth, expanded))
        : { ...filtered, hiddenNeighbours: new Map<string, number>() },
    [bigCenter, filtered, depth, expanded],
  );
  const view: GraphView = shown;
  useEffect(() => {
    if (big && selectedGroup && !shown.nodes.some((n) => n.id === selectedGroup)) {
      setFocusId(selectedGroup);
      setExpanded(new Set());
    }
  }, [big, selectedGroup, shown]);
  const expand = useCallback((id: string) => setExpanded((e) => new Set([...e, id])), []);
  const kindCounts = useMemo(() => {
    const c: Partial<Record<NodeKind, number>> = {};
    for (const n of baseView.nodes) c[n.kind] = (c[n.kind] ?? 0) + 1;
    return c;
  }, [baseView]);

  // The selected view node: from the URL (deep link), mapped to the group that holds it.
  const selectedId = nodeParam ? (view.groupOf.get(nodeParam) ?? (nodesById.has(nodeParam) ? undefined : undefined)) : undefined;
  const selectedVisible = selectedId !== undefined && view.nodes.some((n) => n.id === selectedId);
  const selectedViewNode = selectedVisible ? view.nodes.find((n) => n.id === selectedId) : undefined;
  const writeTarget = useMemo(() => (selectedViewNode ? writeTargetOf(graph, nodesById, selectedViewNode.memberIds) : undefined), [graph, nodesById, selectedViewNode]);
  const selectedLineage = selectedId ? nodesById.get(selectedId) : undefined;
  const deepLinkMissing = nodeParam !== undefined && !nodesById.has(nodeParam);

  const select = useCallback(
    (id: string | undefined) => {
      navigate(id ? `/s/${sessionId}/n/${id}` : `/s/${sessionId}`, { replace: true });
      if (id) setPanelOpen(true);
    },
    [navigate, sessionId],
  );

  // Layout in the worker whenever the view or direction changes.
  const [placed, setPlaced] = useState<Placed>();
  const [layoutError, setLayoutError] = useState<unknown>();
  const layoutKey = `${mode}|${direction}|${[...kinds].sort().join(',')}|${view.nodes.length}|${big ? `${center}|${depth}|${expanded.size}` : 'all'}`;
  useEffect(() => {
    const controller = new AbortController();
    const sizes = new Map(view.nodes.map((n) => [n.id, nodeSize(n)]));
    layoutInWorker(
      view.nodes.map((n) => ({ id: n.id, ...sizes.get(n.id)! })),
      view.edges.map((e) => ({ source: e.source, target: e.target })),
      { direction, nodeSep: 28, rankSep: direction === 'TB' ? 56 : 80 },
      controller.signal,
    ).then(
      (result) => {
        setLayoutError(undefined);
        setPlaced({ positions: new Map(Object.entries(result.positions)), sizes, key: layoutKey });
      },
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setLayoutError(e);
      },
    );
    return () => controller.abort();
  }, [view, direction, layoutKey]);

  const upstreamIds = useMemo(() => {
    if (!selectedId) return undefined;
    try {
      return slicer.slice([selectedId]).nodeIds;
    } catch {
      return undefined;
    }
  }, [slicer, selectedId]);
  const rel: Map<string, Relation> | undefined = useMemo(
    () => (selectedId && selectedVisible ? relations(view, selectedId, upstreamIds) : undefined),
    [view, selectedId, selectedVisible, upstreamIds],
  );

  // React Flow nodes: rebuilt on layout, patched on selection.
  const [nodes, setNodes] = useState<LineageFlowNode[]>([]);
  const layoutReady = placed !== undefined && placed.key === layoutKey;
  useEffect(() => {
    if (!placed) return;
    setNodes(
      view.nodes
        .filter((n) => placed.positions.has(n.id))
        .map((n) => ({
          id: n.id,
          type: 'lineage' as const,
          position: placed.positions.get(n.id)!,
          width: placed.sizes.get(n.id)?.width,
          height: placed.sizes.get(n.id)?.height,
          data: { node: n, relation: 'none' as const, direction, focused: false, more: shown.hiddenNeighbours.get(n.id) ?? 0, onExpand: expand },
          selectable: true,
          draggable: true,
        })),
    );
    // Only when a new layout arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [placed]);
  useEffect(() => {
    setNodes((ns) => {
      let changed = false;
      const next = ns.map((n): LineageFlowNode => {
        const relation: Relation | 'none' = rel?.get(n.id) ?? 'none';
        const hidden = sliceOnly && rel !== undefined && relation !== 'selected' && relation !== 'upstream';
        const focused = n.id === selectedId;
        if (n.data.relation === relation && n.hidden === hidden && n.data.focused === focused) return n;
        changed = true;
        return { ...n, hidden, data: { ...n.data, relation, focused } };
      });
      // Unchanged: keep the same array, so React Flow does no work.
      return changed ? next : ns;
    });
  }, [rel, sliceOnly, selectedId, nodes.length, placed]);

  // The ids on the canvas, as a set that keeps its identity while they stay the same (a drag
  // changes positions only), so the edges are not rebuilt on every move.
  const shownRef = useRef<ReadonlySet<string>>(new Set());
  const shownIds = useMemo(() => {
    const next = new Set(nodes.filter((n) => !n.hidden).map((n) => n.id));
    const prev = shownRef.current;
    if (prev.size === next.size && [...next].every((id) => prev.has(id))) return prev;
    shownRef.current = next;
    return next;
  }, [nodes]);
  const edges: Edge[] = useMemo(() => {
    const shown = shownIds;
    return view.edges
      .filter((e) => shown.has(e.source) && shown.has(e.target))
      .map((e) => {
        const s = rel?.get(e.source);
        const t = rel?.get(e.target);
        let cls = '';
        if (rel) {
          if ((s === 'upstream' || s === 'selected') && (t === 'upstream' || t === 'selected')) cls = 'edge-up';
          else if ((s === 'downstream' || s === 'selected') && t === 'downstream') cls = 'edge-down';
          else cls = 'edge-dim';
        }
        return { id: e.id, source: e.source, target: e.target, className: cls, markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 } };
      });
  }, [view, shownIds, rel]);

  const onNodesChange = useCallback((changes: NodeChange<LineageFlowNode>[]) => {
    // Only drags: sizes are measured before layout and given to React Flow, so its
    // `dimensions` reports would only re-render the page for nothing.
    const moves = changes.filter((c) => c.type === 'position');
    if (moves.length) setNodes((ns) => applyNodeChanges(moves, ns));
  }, []);

  // After each new layout: centre the deep-linked node, or fit the graph when it stays
  // readable, or else show its top part at a readable zoom.
  const canvasRef = useRef<HTMLDivElement>(null);
  const fittedFor = useRef<string>(undefined);
  useEffect(() => {
    if (!layoutReady || !placed || nodes.length === 0 || fittedFor.current === layoutKey) return;
    fittedFor.current = layoutKey;
    const t = window.setTimeout(() => {
      const p = selectedId ? placed.positions.get(selectedId) : undefined;
      const s = selectedId ? placed.sizes.get(selectedId) : undefined;
      if (p && s) {
        void flow.setCenter(p.x + s.width / 2, p.y + s.height / 2, { zoom: 1, duration: 0 });
        return;
      }
      const w = canvasRef.current?.clientWidth ?? 1000;
      const h = canvasRef.current?.clientHeight ?? 700;
      const boxes = [...placed.positions].map(([id, q]) => ({ ...q, ...placed.sizes.get(id)! }));
      const minX = Math.min(...boxes.map((b) => b.x));
      const maxX = Math.max(...boxes.map((b) => b.x + b.width));
      const minY = Math.min(...boxes.map((b) => b.y));
      const maxY = Math.max(...boxes.map((b) => b.y + b.height));
      const fitZoom = Math.min((w * 0.9) / (maxX - minX), (h * 0.9) / (maxY - minY));
      if (fitZoom >= READABLE_ZOOM) {
        void flow.fitView({ padding: 0.08, maxZoom: 1, duration: 0 });
        return;
      }
      const zoom = 0.85;
      // Start the graph clear of the legend in the canvas's top-left corner, so it covers no node.
      const legend = canvasRef.current?.querySelector('.legend-box')?.getBoundingClientRect();
      if (direction === 'TB') {
        const top = boxes.filter((b) => b.y < minY + 1);
        const cx = top.reduce((acc, b) => acc + b.x + b.width / 2, 0) / top.length;
        const margin = (legend ? legend.height + 24 : 24) / zoom;
        void flow.setCenter(cx, minY - margin + h / 2 / zoom, { zoom, duration: 0 });
      } else {
        const left = boxes.filter((b) => b.x < minX + 1);
        const cy = left.reduce((acc, b) => acc + b.y + b.height / 2, 0) / left.length;
        const margin = (legend ? legend.width + 24 : 24) / zoom;
        void flow.setCenter(minX - margin + w / 2 / zoom, cy, { zoom, duration: 0 });
      }
    }, 30);
    return () => window.clearTimeout(t);
  }, [layoutReady, nodes.length, layoutKey, flow, placed, selectedId, direction]);

  /** Fit the selection and its relatives; when that would be unreadably small, centre the selection instead. */
  const fitSelection = useCallback(() => {
    if (!rel || !placed || !selectedId) return;
    const ids = [...rel].filter(([, r]) => r !== 'dim').map(([id]) => id);
    const boxes = ids.map((id) => ({ p: placed.positions.get(id), s: placed.sizes.get(id) })).filter((b) => b.p && b.s);
    const w = canvasRef.current?.clientWidth ?? 1000;
    const h = canvasRef.current?.clientHeight ?? 700;
    const minX = Math.min(...boxes.map((b) => b.p!.x));
    const maxX = Math.max(...boxes.map((b) => b.p!.x + b.s!.width));
    const minY = Math.min(...boxes.map((b) => b.p!.y));
    const maxY = Math.max(...boxes.map((b) => b.p!.y + b.s!.height));
    const zoom = Math.min((w * 0.9) / (maxX - minX), (h * 0.9) / (maxY - minY));
    if (zoom >= READABLE_ZOOM) void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.1, maxZoom: 1, duration: 250 });
    else {
      const p = placed.positions.get(selectedId);
      const s = placed.sizes.get(selectedId);
      if (p && s) void flow.setCenter(p.x + s.width / 2, p.y + s.height / 2, { zoom: 0.8, duration: 250 });
    }
  }, [flow, rel, placed, selectedId]);

  const centreOn = useCallback(
    (id: string) => {
      const p = placed?.positions.get(id);
      const s = placed?.sizes.get(id);
      if (p && s) void flow.setCenter(p.x + s.width / 2, p.y + s.height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 });
    },
    [flow, placed],
  );

  const results = useMemo(() => (query.trim() ? searchView(filtered, query, shortIds, nodesById, versions) : []), [filtered, query, shortIds, nodesById, versions]);
  const [activeResult, setActiveResult] = useState(0);
  const chooseResult = (id: string) => {
    select(id);
    centreOn(id);
    setSearchOpen(false);
  };

  // `/` focuses the search from anywhere on the page.
  useEffect(() => {
    const onSlash = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (e.key === '/' && !typing && !e.defaultPrevented) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onSlash);
    return () => window.removeEventListener('keydown', onSlash);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
    if (typing || naming || e.key === '/') return;
    if (e.key === 'Escape') {
      select(undefined);
      return;
    }
    if (e.key === 'Enter' && selectedId) {
      setPanelOpen(true);
      return;
    }
    const dir = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[e.key as 'ArrowUp'];
    if (!dir) return;
    e.preventDefault();
    if (!placed) return;
    const current = selectedId ?? view.nodes[0]?.id;
    if (!current) return;
    const logical = direction === 'TB' ? dir : ({ up: 'left', down: 'right', left: 'up', right: 'down' } as const)[dir];
    const next = selectedId ? neighbour(view, current, logical, placed.positions) : current;
    if (next) {
      select(next);
      centreOn(next);
    }
  };

  const author = settings.data?.author ?? DEFAULT_SETTINGS.author;
  const session = data.session;
  const sizeWarning = view.nodes.length > 1000;

  return (
    <div className="graph-page" onKeyDown={onKeyDown}>
      <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
        <div className="graph-title">
          <Link to="/" className="muted small">
            Sessions
          </Link>
          <span className="muted small" aria-hidden="true">
            {' '}
            /{' '}
          </span>
          <h1 data-testid="session-title">{visibleName(session.name)}</h1>
          <span className="muted small">
            {plural(session.stats.cells, 'cell')} · {plural(session.stats.nodes, 'node')}
          </span>
        </div>
        <div className="search" role="search">
          <input
            ref={searchRef}
            type="search"
            placeholder="Search names, code or ids  ( / )"
            aria-label="Search the graph"
            value={query}
            data-testid="graph-search"
            onChange={(e) => {
              setQuery(e.target.value);
              setSearchOpen(true);
              setActiveResult(0);
            }}
            onFocus={() => setSearchOpen(true)}
            onBlur={() => window.setTimeout(() => setSearchOpen(false), 150)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActiveResult((i) => Math.min(i + 1, results.length - 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActiveResult((i) => Math.max(i - 1, 0));
              } else if (e.key === 'Enter' && results[activeResult]) {
                e.preventDefault();
                chooseResult(results[activeResult].id);
              } else if (e.key === 'Escape') {
                setQuery('');
                (e.target as HTMLInputElement).blur();
              }
            }}
          />
          {searchOpen && query.trim() ? (
            <ul className="search-results" role="listbox" aria-label="Search results" data-testid="search-results">
              {results.length === 0 ? <li className="muted">No node matches “{query.trim()}”.</li> : null}
              {results.map((r, i) => (
                <li
                  key={r.id}
                  role="option"
                  aria-selected={i === activeResult}
                  className={i === activeResult ? 'active' : ''}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    chooseResult(r.id);
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
        <div className="toolbar-group">
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={mode === 'statement'} onClick={() => setMode('statement')} data-testid="view-statement">
              Statements
            </button>
            <button type="button" aria-pressed={mode === 'full'} onClick={() => setMode('full')} data-testid="view-full">
              All nodes
            </button>
          </div>
          <div className="segmented" role="group" aria-label="Direction">
            <button type="button" aria-pressed={direction === 'TB'} onClick={() => setDirection('TB')} title="Top to bottom" aria-label="Top to bottom">
              ↓
            </button>
            <button type="button" aria-pressed={direction === 'LR'} onClick={() => setDirection('LR')} title="Left to right" aria-label="Left to right">
              →
            </button>
          </div>
          <button type="button" className="button small" onClick={fitSelection} disabled={!rel} data-testid="fit-selection">
            Fit selection
          </button>
          <label className="check">
            <input type="checkbox" checked={sliceOnly} onChange={(e) => setSliceOnly(e.target.checked)} data-testid="slice-only" disabled={!selectedId} />
            Slice only
          </label>
          <details className="menu">
            <summary className="button small">Kinds</summary>
            <div className="menu-body" role="group" aria-label="Filter by kind">
              {NODE_KINDS.map((k) => (
                <label key={k} className="check">
                  <input
                    type="checkbox"
                    checked={kinds.has(k)}
                    data-testid={`kind-${k}`}
                    onChange={(e) => {
                      const next = new Set(kinds);
                      if (e.target.checked) next.add(k);
                      else next.delete(k);
                      setKinds(next);
                    }}
                  />
                  <span className={`legend-swatch kind-${k.toLowerCase()}`} aria-hidden="true">
                    {KIND_STYLE[k].icon}
                  </span>
                  {k} <span className="muted small">{kindCounts[k] ?? 0}</span>
                </label>
              ))}
            </div>
          </details>
          <ExportMenu view={view} placed={placed} title={session.name} />
        </div>
      </div>
      <Suspense fallback={<div className="run-bar-placeholder" style={{ minHeight: 44, borderBottom: '1px solid var(--border)' }} />}>
        <RunPanel session={session} graph={graph} saveCalls={slicer.saveCalls} />
      </Suspense>
      {deepLinkMissing ? (
        <div className="alert inline" role="alert">
          This session has no node with id {nodeParam}. Showing the whole graph.
        </div>
      ) : null}
      {notice ? (
        <div className="notice" role="status" data-testid="notice">
          {notice}{' '}
          <button type="button" className="link-button" onClick={() => setNotice(undefined)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
      {filtered.nodes.length > BIG_GRAPH ? (
        <div className="big-graph-bar" role="status" data-testid="big-graph-bar">
          {big ? (
            <>
              Large graph: showing {plural(view.nodes.length, 'node')} of {filtered.nodes.length.toLocaleString('en')} around{' '}
              <code>{filtered.nodes.find((n) => n.id === center)?.label ?? 'the selection'}</code>.
              <label className="check">
                Depth
                <select value={depth} onChange={(e) => setDepth(Number(e.target.value))} aria-label="Neighbourhood depth" data-testid="depth">
                  {[1, 2, 3, 4, 6, 8].map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              </label>
              <span className="muted small">Use “+” on a node to expand it, or search to jump.</span>
              <button type="button" className="button small" onClick={() => setShowAll(true)}>
                Show all (may be slow)
              </button>
            </>
          ) : (
            <>
              Showing all {filtered.nodes.length.toLocaleString('en')} nodes.
              <button type="button" className="button small" onClick={() => setShowAll(false)}>
                Show a neighbourhood
              </button>
            </>
          )}
        </div>
      ) : null}
      {layoutError ? <ErrorMessage error={layoutError} title="The graph could not be laid out." /> : null}
      <div className="graph-body">
        <div ref={canvasRef} className="graph-canvas" data-testid="graph-canvas" data-layout-ready={layoutReady ? 'true' : 'false'} data-visible-nodes={view.nodes.length}>
          {!layoutReady ? <Loading what={`the layout of ${plural(view.nodes.length, 'node')}`} /> : null}
          {view.nodes.length === 0 ? (
            <div className="empty overlay">
              <h2>Nothing to show</h2>
              <p className="muted">{baseView.nodes.length ? 'Every node kind is filtered out. Tick a kind under “Kinds”.' : 'This session has no code.'}</p>
            </div>
          ) : null}
          <ReactFlow<LineageFlowNode, Edge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onNodeClick={(_, n) => select(n.id)}
            onPaneClick={() => select(undefined)}
            minZoom={0.05}
            maxZoom={2.5}
            onlyRenderVisibleElements={nodes.length > 300}
            colorMode={theme}
            proOptions={{ hideAttribution: true }}
            nodesConnectable={false}
            elementsSelectable
            aria-label="Lineage graph"
          >
            <Background gap={24} size={1} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable nodeColor={(n) => palette.kinds[(n as LineageFlowNode).data.node.kind].stroke} ariaLabel="Mini map" />
          </ReactFlow>
          <LegendBox kinds={NODE_KINDS.filter((k) => kindCounts[k])}>
            {sizeWarning ? <p className="muted small">{plural(view.nodes.length, 'node')}: use search or filters to focus.</p> : null}
            {!selectedId ? <p className="muted small hint">Click a node to see what feeds it.</p> : null}
          </LegendBox>
        </div>
        {selectedViewNode && selectedLineage && panelOpen ? (
          <SidePanel
            sessionId={sessionId}
            session={session}
            graph={graph}
            viewNode={selectedViewNode}
            node={selectedLineage}
            shortIds={shortIds}
            nodesById={nodesById}
            onClose={() => setPanelOpen(false)}
            onName={() => {
              setNamingKey((k) => k + 1);
              setNamingWrite(false);
              setNaming(true);
            }}
            writeTarget={writeTarget}
            onNameWrite={() => {
              setNamingKey((k) => k + 1);
              setNamingWrite(true);
              setNaming(true);
            }}
          />
        ) : null}
      </div>
      {selectedLineage ? (
        <NameArtifactDialog
          key={namingKey}
          open={naming}
          onClose={() => setNaming(false)}
          nodeId={namingWrite && writeTarget ? writeTarget.nodeId : selectedLineage.id}
          sessionId={sessionId}
          suggestedName={namingWrite && writeTarget ? writeTarget.suggestedName : (selectedLineage.names[0] ?? '')}
          candidates={!namingWrite && selectedViewNode ? namedValues(selectedViewNode, nodesById) : []}
          author={author}
          sliceCode={(id) => slicer.slice([id]).code}
          latestCheck={(id) => latestCheck(versions, id)}
          onNamed={(a) => {
            setNotice(`Saved ${a.name}:${a.version}.`);
            // Switched to the latest version in the dialog: select what was named.
            if (a.nodeId !== selectedLineage.id) select(a.nodeId);
          }}
        />
      ) : null}
    </div>
  );
}
