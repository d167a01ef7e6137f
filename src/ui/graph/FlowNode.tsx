import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { KIND_STYLE } from './kinds';
import './kinds.css';
import type { Relation } from '../../core/graph/highlight';
import type { ViewNode } from '../../core/graph/view';
import { useViewNodeArtifactNames } from './artifactNames';
import { marksClass, NodeMarks, useNodeMarks } from './history';

export type FlowNodeData = {
  node: ViewNode;
  relation: Relation | 'none';
  direction: 'TB' | 'LR';
  focused: boolean;
  /** Neighbours hidden in a big graph's neighbourhood view. */
  more?: number;
  onExpand?: (id: string) => void;
  /** Only shows something (print, display, a bare value, a plot): drawn de-emphasised. */
  displayOnly?: boolean;
};
export type LineageFlowNode = Node<FlowNodeData, 'lineage'>;

function FlowNodeImpl({ data }: NodeProps<LineageFlowNode>) {
  const { node, relation, direction, focused, more, onExpand, displayOnly } = data;
  const style = KIND_STYLE[node.kind];
  const names = node.names.length > 0 ? node.names.join(', ') : '';
  const artifacts = useViewNodeArtifactNames(node);
  const marks = useNodeMarks(node);
  const artifactText = artifacts.length ? `Artifact${artifacts.length > 1 ? 's' : ''}: ${artifacts.join(', ')}` : '';
  return (
    <div
      className={`flow-node kind-${node.kind.toLowerCase()} rel-${relation}${node.isBlock ? ' block' : ''}${focused ? ' focused' : ''}${displayOnly ? ' display-only' : ''}${marksClass(marks)}`}
      title={displayOnly ? `${node.title}\n(display only)` : node.title}
      data-testid="graph-node"
      data-changed={marks.changed ? 'true' : undefined}
      data-display-only={displayOnly ? 'true' : undefined}
      data-node-id={node.id}
      data-kind={node.kind}
      data-relation={relation}
      data-artifacts={artifacts.length ? artifacts.join(',') : undefined}
    >
      <Handle type="target" position={direction === 'TB' ? Position.Top : Position.Left} isConnectable={false} />
      <NodeMarks marks={marks} />
      <span className="flow-node-icon" aria-hidden="true">
        {style.icon}
      </span>
      <span className="flow-node-text">
        <span className="flow-node-label">{node.label}</span>
        <span className="flow-node-meta">
          {style.label}
          {node.where ? ` · ${node.where}` : ''}
          {names && !node.label.includes(names) ? ` · ${names}` : ''}
        </span>
      </span>
      {artifactText ? (
        <span className="flow-node-artifacts" data-testid="artifact-marker" title={artifactText} aria-label={artifactText}>
          <span aria-hidden="true">◆ </span>
          {artifacts.length > 2 ? `${artifacts.slice(0, 2).join(', ')} +${artifacts.length - 2}` : artifacts.join(', ')}
        </span>
      ) : null}
      {more && onExpand ? (
        <button
          type="button"
          className="expand nodrag nopan"
          aria-label={`Show ${more} more connected nodes`}
          title={`Show ${more} more connected nodes`}
          onClick={(e) => {
            e.stopPropagation();
            onExpand(node.id);
          }}
        >
          +{more}
        </button>
      ) : null}
      <Handle type="source" position={direction === 'TB' ? Position.Bottom : Position.Right} isConnectable={false} />
    </div>
  );
}

export const FlowNode = memo(FlowNodeImpl);
