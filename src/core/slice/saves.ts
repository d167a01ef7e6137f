/**
 * Where a graph calls `lineapy.save`: the slicer drops those calls unless asked to keep them,
 * and then keeps each one whose saved value is in the slice.
 */
import type { CallNode, LineageNode } from '../model';

/**
 * `lineapy.save(x, "name")` calls: a Call whose function is `getattr(<lineapy>, "save")`
 * (or a `save` bound by `from lineapy import save`), where `<lineapy>` is the lineapy
 * Import node or an `l_import("lineapy")` call (whose implicit dep is the Import).
 */
export function findSaveCalls(nodes: LineageNode[], index: Map<string, number>): Array<{ call: number; saved: number }> {
  const byId = (id: string): LineageNode | undefined => {
    const i = index.get(id);
    return i === undefined ? undefined : nodes[i];
  };
  const lookupName = (id: string): string | undefined => {
    const node = byId(id);
    return node?.kind === 'Lookup' ? node.name : undefined;
  };
  const isLineapy = (node: LineageNode | undefined, depth = 0): boolean => {
    if (!node || depth > 4) return false;
    if (node.kind === 'Import') return node.packageName === 'lineapy' && node.name === 'lineapy';
    if (node.kind === 'Call' && lookupName(node.functionId) === 'l_import') {
      const first = node.args.length > 0 ? byId(node.args[0].id) : undefined;
      if (first?.kind === 'Literal') return first.value === 'lineapy';
      return [...node.args.map((a) => a.id), ...node.implicitDeps].some((id) => isLineapy(byId(id), depth + 1));
    }
    if (node.kind === 'Call' && lookupName(node.functionId) === 'alias') {
      return node.args.length === 1 && isLineapy(byId(node.args[0].id), depth + 1);
    }
    return false;
  };
  const isSaveFunction = (node: LineageNode | undefined): boolean => {
    if (!node) return false;
    if (node.kind === 'Import') return node.name === 'lineapy.save';
    if (node.kind !== 'Call' || node.args.length < 2) return false;
    const attr = byId(node.args[1].id);
    return (
      lookupName(node.functionId) === 'getattr' &&
      attr?.kind === 'Literal' &&
      attr.value === 'save' &&
      isLineapy(byId(node.args[0].id))
    );
  };
  const out: Array<{ call: number; saved: number }> = [];
  nodes.forEach((node, i) => {
    if (node.kind !== 'Call' || !isSaveFunction(byId(node.functionId))) return;
    const savedId = savedArgument(node);
    const saved = savedId === undefined ? undefined : index.get(savedId);
    if (saved !== undefined) out.push({ call: i, saved });
  });
  return out;
}

function savedArgument(call: CallNode): string | undefined {
  const first = call.args.find((a) => !a.starred);
  if (first) return first.id;
  return call.kwargs.find((k) => k.key === 'reference')?.id;
}
