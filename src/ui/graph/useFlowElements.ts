/**
 * The React Flow nodes and edges of a laid-out view: nodes are rebuilt when a new layout
 * arrives and patched in place when the selection changes (unchanged nodes keep their
 * identity, so React Flow does no work); edges take their class from the selection, and in the
 * cells view a label naming the variables that flow. Notebook sections (the layout's bands) are
 * section nodes behind the cells, first in the list so they draw underneath.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyNodeChanges, MarkerType, type NodeChange } from '@xyflow/react';
import type { Relation } from '../../core/graph/highlight';
import type { GraphView } from '../../core/graph/view';
import { edgeLabel } from '../../core/graph/cells';
import { isSectionNode, type GraphFlowNode, type SectionFlowNode } from './CellNode';
import type { Direction, Placed } from './useGraphLayout';
import { labelWidth, LABEL_HEIGHT, type RoutedFlowEdge } from './RoutedEdge';
import { headingBoxes, placeLabels } from '../../core/graph/labels';
import { textWidth } from './measure';

interface Inputs {
  view: GraphView & { hiddenNeighbours: ReadonlyMap<string, number> };
  placed: Placed | undefined;
  direction: Direction;
  rel: ReadonlyMap<string, Relation> | undefined;
  selectedId: string | undefined;
  /** Hide what is neither the selection nor upstream of it. */
  sliceOnly: boolean;
  expand: (id: string) => void;
  /** Cells view: expand or fold a cell. */
  toggleCell?: (id: string) => void;
  /** Display-only nodes, drawn de-emphasised. */
  displayOnly: ReadonlySet<string>;
}

/** The notebook section of each layout band (band = outline index + 1), from the nodes that carry one. */
function sectionsByBand(view: GraphView): Map<number, { text: string; level: number; parent?: string }> {
  const sections = new Map<number, { text: string; level: number; parent?: string }>();
  for (const n of view.nodes) if (n.section && !sections.has(n.section.index + 1)) sections.set(n.section.index + 1, n.section);
  return sections;
}

/** One node per laid-out band with a heading, labelled with the text of the section its nodes carry. */
function sectionNodes(view: GraphView, placed: Placed): SectionFlowNode[] {
  if (!placed.bands) return [];
  const sections = sectionsByBand(view);
  return placed.bands.flatMap((b): SectionFlowNode[] => {
    const s = sections.get(b.band);
    if (!s) return [];
    return [
      {
        id: `section:${b.band}`,
        type: 'section',
        position: { x: b.x, y: b.y },
        width: b.width,
        height: b.height,
        data: { section: true, text: s.text, level: s.level, ...(s.parent !== undefined ? { parent: s.parent } : {}) },
        selectable: false,
        draggable: false,
        focusable: false,
        connectable: false,
        zIndex: -1,
        ariaLabel: `Section: ${s.text}`,
      },
    ];
  });
}

/** The widest section heading font (cells.css: level 1). */
const HEADING_FONT = '700 18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Views with more edges than this keep the layout's label points. */
const MAX_PLACED_LABELS = 600;

function edgeClass(rel: ReadonlyMap<string, Relation> | undefined, source: string, target: string): string {
  if (!rel) return '';
  const s = rel.get(source);
  const t = rel.get(target);
  if ((s === 'upstream' || s === 'selected') && (t === 'upstream' || t === 'selected')) return 'edge-up';
  if ((s === 'downstream' || s === 'selected') && t === 'downstream') return 'edge-down';
  return 'edge-dim';
}

/** The nodes with the selection's relation, focus and slice-only hiding applied; the same array when nothing changes. */
function withRelations(ns: GraphFlowNode[], rel: ReadonlyMap<string, Relation> | undefined, sliceOnly: boolean, selectedId: string | undefined): GraphFlowNode[] {
  let changed = false;
  const next = ns.map((n): GraphFlowNode => {
    if (isSectionNode(n)) return n;
    const relation: Relation | 'none' = rel?.get(n.id) ?? 'none';
    const hidden = sliceOnly && rel !== undefined && relation !== 'selected' && relation !== 'upstream';
    const focused = n.id === selectedId;
    if (n.data.relation === relation && n.hidden === hidden && n.data.focused === focused) return n;
    changed = true;
    return { ...n, hidden, data: { ...n.data, relation, focused } } as GraphFlowNode;
  });
  // Unchanged: keep the same array, so React Flow does no work.
  return changed ? next : ns;
}

export function useFlowElements({ view, placed, direction, rel, selectedId, sliceOnly, expand, toggleCell, displayOnly }: Inputs) {
  const [nodes, setNodes] = useState<GraphFlowNode[]>([]);
  // Nodes dragged since the layout: their edges lose their routes (drawn between the handles).
  const [moved, setMoved] = useState<ReadonlySet<string>>(() => new Set());
  // A new layout rebuilds the nodes in the same render (state derived from a prop), so React
  // Flow gets them in the commit that brings the layout, not one commit later.
  const [nodesFor, setNodesFor] = useState<Placed>();
  if (placed && placed !== nodesFor) {
    setNodesFor(placed);
    setMoved(new Set());
    const built = [
      ...sectionNodes(view, placed),
      ...view.nodes
        .filter((n) => placed.positions.has(n.id))
        .map((n): GraphFlowNode => {
          const common = {
            id: n.id,
            position: placed.positions.get(n.id)!,
            width: placed.sizes.get(n.id)?.width,
            height: placed.sizes.get(n.id)?.height,
            selectable: true,
            draggable: true,
          };
          const data = { node: n, relation: 'none' as const, direction, focused: false, more: view.hiddenNeighbours.get(n.id) ?? 0, onExpand: expand, displayOnly: displayOnly.has(n.id) };
          return n.cell ? { ...common, type: 'cell', data: { ...data, onToggleCell: toggleCell } } : { ...common, type: 'lineage', data };
        }),
    ];
    setNodes(withRelations(built, rel, sliceOnly, selectedId));
  }
  useEffect(() => {
    setNodes((ns) => withRelations(ns, rel, sliceOnly, selectedId));
  }, [rel, sliceOnly, selectedId]);

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
  // Labels of routed edges, moved along their edges off each other and off the nodes: once per
  // layout, for views small enough to do it in a few milliseconds (quadratic in the labels).
  const labelsAt = useMemo(() => {
    if (!placed || view.edges.length > MAX_PLACED_LABELS) return new Map<string, { x: number; y: number }>();
    const labels = view.edges.flatMap((e) => {
      const route = placed.routes.get(e.id);
      return route && e.names && e.names.length > 0 ? [{ id: e.id, route, width: labelWidth(edgeLabel(e.names)), height: LABEL_HEIGHT }] : [];
    });
    const boxes = [...placed.positions].map(([id, p]) => ({ ...p, width: placed.sizes.get(id)?.width ?? 0, height: placed.sizes.get(id)?.height ?? 0 }));
    // Off the section headings too (the text along each band's top, as cells.css draws it).
    const sections = sectionsByBand(view);
    const headingWidth = (band: number) => {
      const s = sections.get(band);
      return s ? textWidth(s.parent ? `${s.parent} › ${s.text}` : s.text, HEADING_FONT, 10) : undefined;
    };
    return placeLabels(labels, [...boxes, ...headingBoxes(placed.bands ?? [], headingWidth)]);
  }, [view, placed]);
  const edges: RoutedFlowEdge[] = useMemo(
    () =>
      view.edges
        .filter((e) => shownIds.has(e.source) && shownIds.has(e.target))
        .map((e): RoutedFlowEdge => {
          const route = moved.has(e.source) || moved.has(e.target) ? undefined : placed?.routes.get(e.id);
          const label = e.names && e.names.length > 0 ? edgeLabel(e.names) : undefined;
          return {
            id: e.id,
            type: 'routed',
            source: e.source,
            target: e.target,
            className: edgeClass(rel, e.source, e.target),
            data: { ...(route ? { route } : {}), ...(label ? { label } : {}), ...(route && labelsAt.has(e.id) ? { labelAt: labelsAt.get(e.id)! } : {}) },
            ...(label ? { ariaLabel: e.names!.join(', ') } : {}),
            markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
          };
        }),
    [view, shownIds, rel, placed, moved, labelsAt],
  );

  const onNodesChange = useCallback((changes: NodeChange<GraphFlowNode>[]) => {
    // Only drags: sizes are measured before layout and given to React Flow, so its
    // `dimensions` reports would only re-render the page for nothing.
    const moves = changes.filter((c) => c.type === 'position');
    if (!moves.length) return;
    setNodes((ns) => applyNodeChanges(moves, ns));
    setMoved((m) => (moves.every((c) => m.has(c.id)) ? m : new Set([...m, ...moves.map((c) => c.id)])));
  }, []);

  return { nodes, edges, onNodesChange };
}
