import type { LineageNode } from '../../core/model';

/** The ids a node depends on (its inputs), in a stable order. */
export function dependencies(node: LineageNode): string[] {
  switch (node.kind) {
    case 'Call':
      return [
        node.functionId,
        ...node.args.map((a) => a.id),
        ...node.kwargs.map((k) => k.id),
        ...Object.values(node.globalReads),
        ...node.implicitDeps,
      ];
    case 'Mutate':
      return [node.sourceId, node.callId];
    case 'Global':
      return [node.callId];
    default:
      return [];
  }
}
