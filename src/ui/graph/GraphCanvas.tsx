/**
 * The canvas: React Flow with the lineage nodes, background, zoom controls and minimap in the
 * theme's palette; the loading line while the layout runs; "Nothing to show"; the legend.
 */
import { useMemo, type RefObject } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Edge, type NodeChange } from '@xyflow/react';
import { useParams } from 'react-router-dom';
import { ArtifactNamesContext, useArtifactNamesByNode } from './artifactNames';
import '@xyflow/react/dist/style.css';
import { NODE_KINDS, type NodeKind } from '../../core/model';
import { Loading } from '../components/Loading';
import { plural } from '../format';
import { useTheme } from '../theme';
import { FlowNode, type LineageFlowNode } from './FlowNode';
import { CellNode, type GraphFlowNode } from './CellNode';
import { readPalette } from './kinds';
import { LegendBox } from './Legend';
import { MAX_ZOOM, MIN_ZOOM } from './useGraphViewport';

const nodeTypes = { lineage: FlowNode, cell: CellNode };

/** The minimap: drag to pan, wheel to zoom, click to centre the canvas on that point. */
function PanningMiniMap({ nodeColor }: { nodeColor: (n: LineageFlowNode) => string }) {
  const flow = useReactFlow();
  return (
    <MiniMap<LineageFlowNode>
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
  edges: Edge[];
  onNodesChange: (changes: NodeChange<GraphFlowNode>[]) => void;
  onSelect: (id: string | undefined) => void;
  kindCounts: Partial<Record<NodeKind, number>>;
  hasSelection: boolean;
}

export function GraphCanvas({ canvasRef, ready, viewNodeCount, emptyReason, nodes, edges, onNodesChange, onSelect, kindCounts, hasSelection }: Props) {
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
      <ReactFlow<GraphFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_, n) => onSelect(n.id)}
        onPaneClick={() => onSelect(undefined)}
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
        <Controls showInteractive={false} />
        <PanningMiniMap nodeColor={(n) => palette.kinds[n.data.node.kind].stroke} />
      </ReactFlow>
      <LegendBox kinds={NODE_KINDS.filter((k) => kindCounts[k])}>
        {viewNodeCount > 1000 ? <p className="muted small">{plural(viewNodeCount, 'node')}: use search or filters to focus.</p> : null}
        {!hasSelection ? <p className="muted small hint">Click a node to see what feeds it.</p> : null}
      </LegendBox>
    </div>
    </ArtifactNamesContext.Provider>
  );
}
