/**
 * `/s/:session` and `/s/:session/n/:node`: a session's lineage graph. The route loads the graph
 * and composes the graph page from `src/ui/graph` (toolbar, search, menus, canvas, side panel,
 * dialogs) and its hooks (view, neighbourhood, layout, selection, viewport, keyboard actions).
 */
import { lazy, Suspense, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ReactFlowProvider } from '@xyflow/react';
import { useSessionGraph } from '../hooks/queries';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { SidePanel } from '../graph/SidePanel';
import { SavedNotice } from '../graph/SavedNotice';
import { NameSelectionDialog, useNaming } from '../graph/NameSelectionDialog';
import { ExportMenu } from '../graph/ExportMenu';
import { GraphToolbar } from '../graph/GraphToolbar';
import { GraphSearch } from '../graph/GraphSearch';
import { KindsMenu } from '../graph/KindsMenu';
import { BigGraphBar } from '../graph/BigGraphBar';
import { GraphCanvas } from '../graph/GraphCanvas';
import { ExpandedCellsBar } from '../graph/ExpandedCellsBar';
import { ShortcutsDialog } from '../graph/ShortcutsDialog';
import { VariablesPanel, VariablesToggle } from '../graph/VariablesPanel';
import { useGraphModel, type SessionGraphData } from '../graph/useGraphModel';
import { countKinds, useGraphView } from '../graph/useGraphView';
import { BIG_GRAPH, useNeighbourhood } from '../graph/useNeighbourhood';
import { useGraphLayout, type Direction } from '../graph/useGraphLayout';
import { useSelection } from '../graph/useSelection';
import { useFlowElements } from '../graph/useFlowElements';
import { useGraphViewport } from '../graph/useGraphViewport';
import { useGraphKeyboard } from '../graph/useGraphKeyboard';
import { useArtifactNamesByNode } from '../graph/artifactNames';
import { HistoryBar, HistoryMarksContext, useSessionHistory } from '../graph/history';
import { firstFocus, neighbourhoodCentre } from '../../core/graph/viewport';

/** The run bar (Pyodide runs): its own chunk, loaded with the graph page but not before. */
const RunPanel = lazy(() => import('../runs/RunPanel'));

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

function GraphScreen({ sessionId, data }: { sessionId: string; data: SessionGraphData }) {
  const { node: nodeParam } = useParams();
  const { graph, nodesById, shortIds, slicer, versions } = useGraphModel(data);
  const [direction, setDirection] = useState<Direction>('TB');
  const [sliceOnly, setSliceOnly] = useState(false);
  const [notice, setNotice] = useState<ReactNode>();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [variablesOpen, setVariablesOpen] = useState(false);
  const naming = useNaming();
  const pageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const shape = useGraphView(graph, data.session.kind === 'notebook' ? 'cells' : 'statement');
  const artifactNodes = useArtifactNamesByNode(sessionId);
  const sourceCodeIds = useMemo(() => graph.sourceCodes.map((c) => c.id), [graph]);
  const bigGraph = shape.filtered.nodes.length > BIG_GRAPH;
  const hoodCentre = useMemo(
    () => (bigGraph ? neighbourhoodCentre(shape.filtered, sourceCodeIds, { artifactNodeIds: artifactNodes.keys(), skip: shape.displayOnly }) : undefined),
    [bigGraph, shape.filtered, sourceCodeIds, artifactNodes, shape.displayOnly],
  );
  const hood = useNeighbourhood(shape.filtered, nodeParam ? shape.filtered.groupOf.get(nodeParam) : undefined, hoodCentre);
  const view = hood.view;
  const sel = useSelection({ sessionId, nodeParam, graph, view, nodesById, slicer });
  const layoutKey = `${shape.mode}|${direction}|${shape.key}|${view.nodes.length}|${hood.key}`;
  const layout = useGraphLayout(view, direction, layoutKey);
  const flow = useFlowElements({ view, placed: layout.placed, direction, rel: sel.rel, selectedId: sel.selectedId, sliceOnly, expand: hood.expand, toggleCell: shape.toggleCell, displayOnly: shape.displayOnly });
  // A new layout centres on the selection, else the artifacts, else the last cell's outputs;
  // a big graph's neighbourhood on its centre.
  const focusIds = useMemo(
    () =>
      hood.big && hood.center && (sel.selectedId === undefined || sel.selectedId === hood.center)
        ? [hood.center]
        : firstFocus(view, sourceCodeIds, { selectedId: sel.selectedId, artifactNodeIds: artifactNodes.keys(), skip: shape.displayOnly }),
    [hood.big, hood.center, view, sourceCodeIds, sel.selectedId, artifactNodes, shape.displayOnly],
  );
  const viewport = useGraphViewport({ canvasRef, placed: layout.placed, ready: layout.ready, nodeCount: flow.nodes.length, layoutKey, selectedId: sel.selectedId, rel: sel.rel, focusIds });
  const choose = (id: string) => {
    sel.select(id);
    viewport.centreOn(id);
  };
  useGraphKeyboard(pageRef, {
    view,
    direction,
    selectedId: sel.selectedId,
    positions: layout.placed?.positions,
    select: sel.select,
    centreOn: viewport.centreOn,
    openPanel: () => sel.setPanelOpen(true),
    focusSearch: () => searchRef.current?.focus(),
    openShortcuts: () => setShortcutsOpen(true),
    fitSelection: viewport.fitSelection,
  });

  // Cell nodes carry no kind: in the cells view the legend lists the kinds of expanded statements only.
  const canvasKinds = useMemo(() => (shape.mode === 'cells' ? countKinds(view.nodes.filter((n) => !n.cell)) : shape.kindCounts), [shape.mode, shape.kindCounts, view]);
  const session = data.session;
  const history = useSessionHistory(session);
  const { selection } = sel;
  return (
    <HistoryMarksContext.Provider value={history.marks}>
    <div className="graph-page" ref={pageRef}>
      <GraphToolbar
        session={session}
        codeCells={graph.sourceCodes.length}
        search={<GraphSearch view={shape.filtered} shortIds={shortIds} nodesById={nodesById} versions={versions} inputRef={searchRef} onChoose={choose} />}
        mode={shape.mode}
        onMode={shape.setMode}
        direction={direction}
        onDirection={setDirection}
        canFit={sel.rel !== undefined}
        onFitSelection={viewport.fitSelection}
        canSliceOnly={sel.selectedId !== undefined}
        sliceOnly={sliceOnly}
        onSliceOnly={setSliceOnly}
        displayCount={shape.displayOnly.size}
        hideDisplay={shape.hideDisplay}
        onHideDisplay={shape.setHideDisplay}
        onShortcuts={() => setShortcutsOpen(true)}
      >
        <KindsMenu kinds={shape.kinds} counts={shape.kindCounts} onChange={shape.setKinds} />
        <ExportMenu view={view} placed={layout.placed} title={session.name} />
        <VariablesToggle open={variablesOpen} onToggle={() => setVariablesOpen((o) => !o)} />
      </GraphToolbar>
      <Suspense fallback={<div className="run-bar-placeholder" style={{ minHeight: 44, borderBottom: '1px solid var(--border)' }} />}>
        <RunPanel session={session} graph={graph} saveCalls={slicer.saveCalls} />
      </Suspense>
      {sel.deepLinkMissing ? (
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
      {hood.tooBig ? (
        <BigGraphBar
          big={hood.big}
          shown={view.nodes.length}
          total={shape.filtered.nodes.length}
          centreLabel={shape.filtered.nodes.find((n) => n.id === hood.center)?.label}
          depth={hood.depth}
          onDepth={hood.setDepth}
          onShowAll={hood.setShowAll}
        />
      ) : null}
      <HistoryBar session={session} history={history} />
      {shape.mode === 'cells' ? <ExpandedCellsBar cells={shape.expandedCells} onFold={shape.toggleCell} onFoldAll={shape.collapseAll} /> : null}
      {layout.error ? <ErrorMessage error={layout.error} title="The graph could not be laid out." /> : null}
      <div className="graph-body">
        {variablesOpen ? (
          <VariablesPanel
            sessionId={sessionId} graph={graph} bindings={session.bindings} nodesById={nodesById} slicer={slicer} versions={versions} onClose={() => setVariablesOpen(false)}
            selectedId={sel.selectedId} onSelect={sel.select} viewIdOf={(id) => view.groupOf.get(id)} centreOn={viewport.centreOn}
            onNamed={(a) => { setNotice(<SavedNotice name={a.name} version={a.version} />); sel.select(a.nodeId); }}
          />
        ) : null}
        <GraphCanvas
          canvasRef={canvasRef}
          ready={layout.ready}
          viewNodeCount={view.nodes.length}
          emptyReason={shape.baseView.nodes.length ? 'Every node kind is filtered out. Tick a kind under “Kinds”.' : 'This session has no code.'}
          nodes={flow.nodes}
          edges={flow.edges}
          onNodesChange={flow.onNodesChange}
          onSelect={sel.select}
          kindCounts={canvasKinds}
          unit={shape.mode === 'cells' && shape.expandedCells.length === 0 ? 'cell' : 'node'}
          cellsView={shape.mode === 'cells'}
          hasDisplayOnly={!shape.hideDisplay && view.nodes.some((n) => shape.displayOnly.has(n.id))}
          selectedId={sel.selectedId}
          onMoveEnd={viewport.onMoveEnd}
          onScreen={viewport.onScreen}
          onFitAll={viewport.fitAll}
        />
        {selection?.viewNode && sel.panelOpen ? (
          <SidePanel
            sessionId={sessionId}
            session={session}
            graph={graph}
            selection={{ ...selection, viewNode: selection.viewNode }}
            shortIds={shortIds}
            nodesById={nodesById}
            onClose={() => sel.setPanelOpen(false)}
            onName={() => naming.start(false)}
            onNameWrite={() => naming.start(true)}
          />
        ) : null}
      </div>
      {selection ? (
        <NameSelectionDialog
          naming={naming}
          sessionId={sessionId}
          selection={selection}
          nodesById={nodesById}
          slicer={slicer}
          versions={versions}
          onNamed={(a) => {
            setNotice(<SavedNotice name={a.name} version={a.version} />);
            // Switched to the latest version in the dialog: select what was named.
            if (a.nodeId !== selection.node.id) sel.select(a.nodeId);
          }}
        />
      ) : null}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
    </HistoryMarksContext.Provider>
  );
}
