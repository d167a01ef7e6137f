/**
 * A node of the cells view: "cell N", the cell's first line and the names it defines.
 * Double-click (or its ⊕ button) expands the cell into its statements in place.
 * Highlighting reuses the flow-node relation classes. Also the section band: a labelled
 * rectangle behind a notebook section's cells (the heading is text, never markup).
 */
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { FlowNodeData, LineageFlowNode } from './FlowNode';
import { textWidth, LABEL_FONT, META_FONT, MIN_NODE_WIDTH } from './measure';
import type { ViewNode } from '../../core/graph/view';
import { marksClass, NodeMarks, useNodeMarks } from './history';
import './cells.css';

export type CellFlowData = FlowNodeData & { onToggleCell?: (id: string) => void };
export type CellFlowNode = Node<CellFlowData, 'cell'>;
/** A notebook section behind its cells: the heading's text and level (1–6). */
export type SectionFlowData = { section: true; text: string; level: number; parent?: string };
export type SectionFlowNode = Node<SectionFlowData, 'section'>;
/** Any node on the graph canvas. */
export type GraphFlowNode = LineageFlowNode | CellFlowNode | SectionFlowNode;

export function isSectionNode(n: GraphFlowNode): n is SectionFlowNode {
  return n.type === 'section';
}

/** At most this many defined names are listed, then "+N more". */
const MAX_NAMES = 4;

export function definesText(defines: readonly string[]): string {
  if (defines.length === 0) return 'defines nothing';
  const shown = defines.slice(0, MAX_NAMES).join(', ');
  return defines.length > MAX_NAMES ? `defines ${shown} +${defines.length - MAX_NAMES} more` : `defines ${shown}`;
}

export const CELL_NODE_HEIGHT = 72;

/** The size of a cell node, measured before layout like the other nodes. */
export function cellNodeSize(node: ViewNode): { width: number; height: number } {
  const cell = node.cell!;
  const label = textWidth(node.label, LABEL_FONT, 7.8);
  const meta = Math.max(textWidth(definesText(cell.defines), META_FONT, 6.4), textWidth(`${cell.title} · expand`, META_FONT, 6.4));
  return { width: Math.ceil(Math.max(MIN_NODE_WIDTH + 40, Math.max(label, meta) * 1.04 + 28 + 36)), height: CELL_NODE_HEIGHT };
}

function CellNodeImpl({ data }: NodeProps<CellFlowNode>) {
  const { node, relation, direction, focused, onToggleCell, displayOnly } = data;
  const cell = node.cell!;
  const marks = useNodeMarks(node);
  return (
    <div
      className={`flow-node cell-node rel-${relation}${focused ? ' focused' : ''}${displayOnly ? ' display-only' : ''}${marksClass(marks)}`}
      title={displayOnly ? `${node.title}\n(display only)` : node.title}
      data-display-only={displayOnly ? 'true' : undefined}
      data-testid="cell-node"
      data-node-id={node.id}
      data-cell={cell.title}
      data-relation={relation}
      data-changed={marks.changed ? 'true' : undefined}
      data-rerun={marks.stale ? 'true' : undefined}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (cell.statementIds.length > 0) onToggleCell?.(node.id);
      }}
    >
      <Handle type="target" position={direction === 'TB' ? Position.Top : Position.Left} isConnectable={false} />
      <NodeMarks marks={marks} />
      <span className="cell-node-text">
        <span className="cell-node-title">{cell.title}</span>
        <span className="flow-node-label">{node.label}</span>
        <span className="flow-node-meta">{cell.statementIds.length > 0 ? definesText(cell.defines) : 'no lineage (shows a value)'}</span>
      </span>
      {onToggleCell && cell.statementIds.length > 0 ? (
        <button
          type="button"
          className="cell-expand nodrag nopan"
          aria-label={`Expand ${cell.title} into its statements`}
          title={`Expand ${cell.title} into its statements (or double-click)`}
          data-testid="expand-cell"
          onClick={(e) => {
            e.stopPropagation();
            onToggleCell(node.id);
          }}
        >
          ⊕
        </button>
      ) : null}
      <Handle type="source" position={direction === 'TB' ? Position.Bottom : Position.Right} isConnectable={false} />
    </div>
  );
}

export const CellNode = memo(CellNodeImpl);

function SectionNodeImpl({ data }: NodeProps<SectionFlowNode>) {
  return (
    <div className={`section-band level-${Math.min(data.level, 3)}`} data-testid="section-band" data-level={data.level}>
      <span className="section-band-label" title={data.parent ? `${data.parent} › ${data.text}` : data.text}>
        {data.parent ? <span className="section-band-parent">{data.parent} › </span> : null}
        <span className="section-band-text">{data.text}</span>
      </span>
    </div>
  );
}

export const SectionNode = memo(SectionNodeImpl);
