/**
 * What a run executes and records, from a stored session: the cells in order, and one
 * target per variable binding and per artifact (see src/core/run RunTarget).
 *
 * A binding is recorded after the cell of the node it is bound to (so a run that stops
 * later still has it) and again after the last cell that mentions the name (so an alias
 * bound later, `x = y`, or a later rebinding is caught). The later one wins when both
 * exist. Plain TS, no Pyodide: safe to import from anywhere.
 */
import type { Artifact, LineageNode, Session, SessionGraph, SourceCode } from '../../core/model';
import type { RecordedValue, RunCell, RunTarget } from '../../core/run/types';

export interface RunPlan {
  cells: RunCell[];
  targets: RunTarget[];
  /** Maps recorded values back to node ids (the late targets use stand-in ids). */
  resolve(values: readonly RecordedValue[]): RecordedValue[];
}

const LATE = 'late:';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(code: string, name: string): boolean {
  return new RegExp(`(^|[^\\w.])${escapeRegExp(name)}(?!\\w)`, 'm').test(code);
}

/** How runs and messages name a source code: `cell 3` (notebook position, 1-based) or `script`. */
export function cellLabel(code: SourceCode, index: number, total: number): string {
  if (code.cellIndex !== undefined) return `cell ${code.cellIndex + 1}`;
  return total === 1 ? 'script' : `cell ${index + 1}`;
}

/** The session's code cells in order (the graph's source codes are already in cell order). */
export function runCellsOf(graph: SessionGraph): RunCell[] {
  return graph.sourceCodes.map((c, i) => ({ sourceCodeId: c.id, code: c.code, label: cellLabel(c, i, graph.sourceCodes.length) }));
}

/**
 * The variable that holds an artifact's value, and the cell where it is final: a name of
 * the node that its own cell mentions (else its first name). Undefined for a node without
 * a name (an expression), which a run can only record at a `lineapy.save` call.
 */
export function artifactVariable(graph: SessionGraph, node: LineageNode | undefined): { name: string; sourceCodeId: string } | undefined {
  if (!node?.location || node.names.length === 0) return undefined;
  const code = graph.sourceCodes.find((c) => c.id === node.location!.sourceCodeId);
  const name = (code && node.names.find((n) => mentions(code.code, n))) ?? node.names[0];
  return { name, sourceCodeId: node.location.sourceCodeId };
}

export function planRun(
  session: Pick<Session, 'bindings'>,
  graph: SessionGraph,
  artifacts: ReadonlyArray<Pick<Artifact, 'name' | 'nodeId'>>,
  saveCalls: ReadonlyArray<{ callId: string; savedId: string }> = [],
): RunPlan {
  const cells = runCellsOf(graph);
  const order = new Map(graph.sourceCodes.map((c, i) => [c.id, i]));
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const targets: RunTarget[] = [];
  const seen = new Set<string>();
  const add = (t: RunTarget) => {
    const key = `${t.kind ?? 'variable'}|${t.nodeId}|${t.name}|${t.sourceCodeId}`;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(t);
  };

  for (const b of session.bindings) {
    const node = nodesById.get(b.nodeId);
    const at = node?.location?.sourceCodeId;
    if (at === undefined || !order.has(at)) continue;
    add({ nodeId: b.nodeId, name: b.name, sourceCodeId: at });
    let last = order.get(at)!;
    for (let i = graph.sourceCodes.length - 1; i > last; i--) {
      if (mentions(graph.sourceCodes[i].code, b.name)) {
        last = i;
        break;
      }
    }
    if (last !== order.get(at)) add({ nodeId: `${LATE}${b.nodeId}`, name: b.name, sourceCodeId: graph.sourceCodes[last].id });
  }

  for (const a of artifacts) {
    const node = nodesById.get(a.nodeId);
    const variable = artifactVariable(graph, node);
    if (variable) {
      add({ nodeId: a.nodeId, name: variable.name, sourceCodeId: variable.sourceCodeId });
      continue;
    }
    // No variable: record the value at its lineapy.save call, if it has one.
    for (const s of saveCalls) {
      if (s.savedId !== a.nodeId) continue;
      const at = nodesById.get(s.callId)?.location?.sourceCodeId;
      if (at !== undefined && order.has(at)) add({ nodeId: a.nodeId, name: a.name, sourceCodeId: at, kind: 'save' });
    }
  }

  return {
    cells,
    targets,
    resolve(values) {
      const late = new Set(values.filter((v) => v.nodeId.startsWith(LATE)).map((v) => v.nodeId.slice(LATE.length)));
      const out: RecordedValue[] = [];
      for (const v of values) {
        if (v.nodeId.startsWith(LATE)) out.push({ ...v, nodeId: v.nodeId.slice(LATE.length) });
        else if (!late.has(v.nodeId)) out.push(v);
      }
      return out;
    },
  };
}
