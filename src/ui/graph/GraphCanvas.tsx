/**
 * The canvas: React Flow with the lineage nodes, background, zoom controls and minimap in the
 * theme's palette; the loading line while the layout runs; "Nothing to show"; the legend; how
 * many nodes are on screen, with "Fit all" (in the legend box). The legend and the minimap move to the other
 * corner (the legend folds when both are covered) whenever the selected node is under them.
 */
import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type NodeChange, type PanelPosition, type Viewport } from '@xyflow/react';
import { useParams } from 'react-router-dom';
import { ArtifactNamesContext, useArtifactNamesByNode } from './artifactNames';
import '@xyflow/react/dist/style.css';
import { NODE_KINDS, type NodeKind } from '../../core/model';
import { Loading } from '../components/Loading';
import { plural } from '../format';
import { useTheme } from '../theme';
import { FlowNode, type LineageFlowNode } from './FlowNode';
import { CellNode, SectionNode, type GraphFlowNode } from './CellNode';
import { RoutedEdge, type RoutedFlowEdge } from './RoutedEdge';
import { readPalette } from './kinds';
import { LegendBox } from './Legend';
import { MAX_ZOOM, MIN_ZOOM, type OnScreen } from './useGraphViewport';

const nodeTypes = { lineage: FlowNode, cell: CellNode, section: SectionNode };
const edgeTypes = { routed: RoutedEdge };

/** The minimap: drag to pan, wheel to zoom, click to centre the canvas on that point. */
function PanningMiniMap({ nodeColor, position }: { nodeColor: (n: LineageFlowNode) => string; position: PanelPosition }) {
  const flow = useReactFlow();
  return (
    <MiniMap<LineageFlowNode>
      position={position}
      pannable
      zoomable
      onClick={(_, p) => void flow.setCenter(p.x, p.y, { zoom: flow.getZoom(), duration: 200 })}
      nodeColor={nodeColor}
      ariaLabel="Mini map"
    />
  );
}

interface Props {
  canvasRef: RefObject<HTMLDivElement | null>;
  ready: boolean;
  /** Nodes in the view (rendered or not: big views render only what is on screen). */
  viewNodeCount: number;
  /** Why the view is empty, when it is. */
  emptyReason: string;
  nodes: GraphFlowNode[];
  edges: RoutedFlowEdge[];
  onNodesChange: (changes: NodeChange<GraphFlowNode>[]) => void;
  onSelect: (id: string | undefined) => void;
  kindCounts: Partial<Record<NodeKind, number>>;
  /** The selected view node, kept clear of the legend and the minimap. */
  selectedId: string | undefined;
  onMoveEnd: (viewport: Viewport) => void;
  onScreen: OnScreen | undefined;
  onFitAll: () => void;
  /** What the view's nodes are, for "N of M … on screen" (and the legend's cell key). */
  unit?: 'cell' | 'node';
  /** The cells view (its legend keys a cell node). */
  cellsView?: boolean;
  /** The view has display-only nodes (drawn dotted): the legend says what that means. */
  hasDisplayOnly?: boolean;
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

/** The same rectangle mirrored to the other side of `frame`. */
function mirrored(r: DOMRect, frame: DOMRect): DOMRect {
  return new DOMRect(frame.left + frame.right - r.right, r.top, r.width, r.height);
}

/**
 * Where the legend and the minimap sit so that they cover no part of the selected node:
 * re-checked when the selection changes and after every move of the viewport.
 */
function useClearOfSelection(canvasRef: RefObject<HTMLDivElement | null>, selectedId: string | undefined) {
  const [legendSide, setLegendSide] = useState<'left' | 'right'>('left');
  const [legendFolded, setLegendFolded] = useState(false);
  const [minimap, setMinimap] = useState<PanelPosition>('bottom-right');
  const check = useCallback(() => {
    const canvas = canvasRef.current;
    const el = selectedId ? canvas?.querySelector(`.react-flow__node[data-id="${CSS.escape(selectedId)}"]`) : null;
    if (!canvas || !el) return;
    const node = el.getBoundingClientRect();
    const frame = canvas.getBoundingClientRect();
    const legend = canvas.querySelector('.legend-box')?.getBoundingClientRect();
    if (legend && overlaps(node, legend)) {
      const other = mirrored(legend, frame);
      if (overlaps(node, other)) setLegendFolded(true);
      else setLegendSide((s) => (s === 'left' ? 'right' : 'left'));
    } else if (legend && legendFolded && !overlaps(node, new DOMRect(legend.left, legend.top, 240, 260))) setLegendFolded(false);
    const map = canvas.querySelector('.react-flow__minimap')?.getBoundingClientRect();
    if (map && overlaps(node, map) && !overlaps(node, mirrored(map, frame))) setMinimap((p) => (p === 'bottom-right' ? 'bottom-left' : 'bottom-right'));
  }, [canvasRef, selectedId, legendFolded]);
  useEffect(() => {
    const t = window.setTimeout(check, 300);
    return () => window.clearTimeout(t);
  }, [check]);
  return { legendSide, legendFolded, unfoldLegend: () => setLegendFolded(false), minimap, check };
}

export function GraphCanvas({ canvasRef, ready, viewNodeCount, emptyReason, nodes, edges, onNodesChange, onSelect, kindCounts, selectedId, onMoveEnd, onScreen, onFitAll, unit = 'node', cellsView = false, hasDisplayOnly = false }: Props) {
  const hasSelection = selectedId !== undefined;
  const clear = useClearOfSelection(canvasRef, selectedId);
  const { resolved: theme } = useTheme();
  // <html data-theme> changes before the theme's subscribers render, so this reads the new colours.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the CSS variables change with the theme
  const palette = useMemo(() => readPalette(), [theme]);
  const { session: sessionId } = useParams();
  const artifactNames = useArtifactNamesByNode(sessionId);
  return (
    <ArtifactNamesContext.Provider value={artifactNames}>
    <div ref={canvasRef} className="graph-canvas" data-testid="graph-canvas" data-layout-ready={ready ? 'true' : 'false'} data-visible-nodes={viewNodeCount}>
      {!ready ? <Loading what={`the layout of ${plural(viewNodeCount, 'node')}`} /> : null}
      {viewNodeCount === 0 ? (
        <div className="empty overlay">
          <h2>Nothing to show</h2>
          <p className="muted">{emptyReason}</p>
        </div>
      ) : null}
      <ReactFlow<GraphFlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_, n) => (n.type === 'section' ? onSelect(undefined) : onSelect(n.id))}
        onPaneClick={() => onSelect(undefined)}
        onMoveEnd={(_, v) => {
          onMoveEnd(v);
          clear.check();
        }}
        onNodeDragStop={() => clear.check()}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        onlyRenderVisibleElements={nodes.length > 300}
        colorMode={theme}
        proOptions={{ hideAttribution: true }}
        nodesConnectable={false}
        elementsSelectable
        aria-label="Lineage graph"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position={clear.minimap === 'bottom-left' ? 'bottom-right' : 'bottom-left'} />
        <PanningMiniMap nodeColor={(n) => (n.data.node ? palette.kinds[n.data.node.kind].stroke : 'transparent')} position={clear.minimap} />
      </ReactFlow>
      <LegendBox kinds={NODE_KINDS.filter((k) => kindCounts[k])} cells={cellsView} displayOnly={hasDisplayOnly} side={clear.legendSide} folded={clear.legendFolded} onUnfold={clear.unfoldLegend}>
        {viewNodeCount > 1000 ? <p className="muted small">{plural(viewNodeCount, unit)}: use search or filters to focus.</p> : null}
        {!hasSelection ? <p className="muted small hint">Click a node to see what feeds it.</p> : null}
        {ready && onScreen && onScreen.shown < onScreen.total ? (
          <p className="small on-screen" role="status" data-testid="on-screen">
            {onScreen.shown.toLocaleString('en')} of {plural(onScreen.total, unit)} on screen{' '}
            <button type="button" className="link-button" onClick={onFitAll} data-testid="fit-all" title="Zoom out to the whole graph (its text may be too small to read)">
              Fit all
            </button>
          </p>
        ) : null}
      </LegendBox>
    </div>
    </ArtifactNamesContext.Provider>
  );
}
