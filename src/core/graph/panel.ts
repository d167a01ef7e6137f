/**
 * What the side panel says about a selected statement: one subject node that the header,
 * the fields and the derivation all describe, and whether the statement binds a value
 * that can be named. Pure; unit-tested in panel.test.ts.
 */
import type { LineageNode, NodeKind } from '../model';
import type { ViewNode } from './view';

export interface PanelModel {
  /** The lineage node the fields, the derivation and the header's id describe. */
  subject: LineageNode;
  /** The header's kind: the subject's kind. */
  kind: NodeKind;
  /** The header's title: the names the statement binds, else its code. */
  title: string;
  /** The statement binds (or mutates) a named value, so "Name as artifact" names something real. */
  bindsName: boolean;
}

/**
 * The subject of a view node. In the full view a node is itself. In the statement view the
 * representative is the bound value when there is one; a statement that binds nothing
 * (`print(…)`) is described by its outermost call, an import by its Import node, never by a
 * builtin lookup or a helper `getattr` that happened to come first.
 */
export function panelSubject(viewNode: ViewNode, nodesById: ReadonlyMap<string, LineageNode>): LineageNode | undefined {
  const rep = nodesById.get(viewNode.id);
  const members = viewNode.memberIds.map((id) => nodesById.get(id)).filter((n): n is LineageNode => n !== undefined);
  if (viewNode.memberIds.length <= 1) return rep;
  const ofKind = (kind: NodeKind) => members.filter((m) => m.kind === kind);
  if (viewNode.kind === 'Import') {
    // `import a` binds the Import node itself; `from a import b` binds a getattr on it:
    // the statement is the import either way.
    const imports = ofKind('Import');
    return imports.find((m) => m.names.length > 0) ?? imports[imports.length - 1] ?? rep;
  }
  if (rep && rep.names.length > 0) return rep;
  if (rep && rep.kind === viewNode.kind) return rep;
  const candidates = ofKind(viewNode.kind);
  if (candidates.length === 0) return rep;
  return outermost(candidates);
}

/** The node whose source span is widest (earliest start, latest end); the latest on a tie. */
function outermost(nodes: LineageNode[]): LineageNode {
  let best = nodes[0];
  const start = (n: LineageNode) => (n.location ? n.location.line * 1e6 + n.location.col : Infinity);
  const end = (n: LineageNode) => (n.location ? n.location.endLine * 1e6 + n.location.endCol : -Infinity);
  for (const n of nodes.slice(1)) {
    const wider = start(n) < start(best) || (start(n) === start(best) && end(n) > end(best));
    const tie = start(n) === start(best) && end(n) === end(best);
    if (wider || (tie && n.seq > best.seq)) best = n;
  }
  return best;
}

export function panelModel(viewNode: ViewNode, nodesById: ReadonlyMap<string, LineageNode>): PanelModel | undefined {
  const subject = panelSubject(viewNode, nodesById);
  if (!subject) return undefined;
  return {
    subject,
    kind: subject.kind,
    title: viewNode.names.length ? viewNode.names.join(', ') : viewNode.label,
    bindsName: viewNode.names.length > 0,
  };
}
