/**
 * Variable versions: for a node that carries a variable name, which version of that
 * variable it is, and whether it is the value the name holds at the end of the program.
 *
 * A name's history is built from the graph alone: every node that carries the name and
 * is not a Mutate is an assignment (a new value bound to the name); each assignment is
 * followed by its chain of Mutate versions (`Mutate.sourceId` is the previous version),
 * up to the next assignment of the name. The session's `bindings` (name → node at the
 * end, the analyser's latest version) decide which version is the latest.
 *
 * Known approximation: an assignment is placed where the node that carries the name was
 * created; the analyser makes one for each plain assignment (an alias `b = a` included),
 * but a name bound by an opaque block (a `for` or `def`) counts from that block.
 */
import type { Binding, LineageNode, MutateNode, SessionGraph, SourceLocation } from './model';

export type VersionChange = 'assigned' | 'mutated';

export interface VariableVersion {
  nodeId: string;
  /** How this version came about: a new value bound to the name, or a mutation of the previous one. */
  change: VersionChange;
  location?: SourceLocation;
  seq: number;
}

export interface VersionStatus {
  name: string;
  /** Every version of the name, in program order. */
  versions: VariableVersion[];
  /** The version the name holds at the end of the program (undefined when the name is not bound then). */
  latest?: VariableVersion;
  /** True when the node is the latest version of the name. */
  isLatest: boolean;
  /**
   * `versions[laterFrom…]` come after the node, in program order: what changes the name after
   * it (none when the node is the latest). Read them with `laterVersions`.
   */
  laterFrom: number;
  laterCount: number;
}

/** The versions after the status's node (at most `max`), in program order. */
export function laterVersions(status: VersionStatus, max = Infinity): VariableVersion[] {
  return status.versions.slice(status.laterFrom, status.laterFrom + Math.min(max, status.laterCount));
}

/** The index of the first version with a seq above `seq` (versions are sorted by seq). */
function firstAfter(versions: readonly VariableVersion[], seq: number): number {
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (versions[mid].seq > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface VersionIndex {
  /** The versions of `name`, in program order (empty for an unknown name). */
  history(name: string): VariableVersion[];
  /** The node that `name` holds at the end of the program. */
  latestId(name: string): string | undefined;
  /** Which version of `name` the node is. Undefined when the node does not carry the name. */
  statusOf(nodeId: string, name: string): VersionStatus | undefined;
  /** One status per name the node carries, in the node's name order. */
  statusesOf(nodeId: string): VersionStatus[];
}

export function buildVersionIndex(graph: SessionGraph, bindings: readonly Binding[]): VersionIndex {
  const byId = new Map<string, LineageNode>();
  const byName = new Map<string, LineageNode[]>();
  const nextOf = new Map<string, MutateNode[]>();
  for (const n of graph.nodes) {
    byId.set(n.id, n);
    for (const name of n.names) {
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(n);
    }
    if (n.kind === 'Mutate') {
      let list = nextOf.get(n.sourceId);
      if (!list) nextOf.set(n.sourceId, (list = []));
      list.push(n);
    }
  }
  for (const list of nextOf.values()) list.sort((a, b) => a.seq - b.seq);
  const latestByName = new Map(bindings.map((b) => [b.name, b.nodeId]));

  const version = (n: LineageNode): VariableVersion => {
    const v: VariableVersion = { nodeId: n.id, change: n.kind === 'Mutate' ? 'mutated' : 'assigned', seq: n.seq };
    if (n.location) v.location = n.location;
    return v;
  };

  const histories = new Map<string, VariableVersion[]>();
  const history = (name: string): VariableVersion[] => {
    const cached = histories.get(name);
    if (cached) return cached;
    const carriers = byName.get(name) ?? [];
    const roots = carriers.filter((n) => n.kind !== 'Mutate').sort((a, b) => a.seq - b.seq);
    const out: VariableVersion[] = [];
    const seen = new Set<string>();
    roots.forEach((root, i) => {
      const until = roots[i + 1]?.seq ?? Infinity;
      out.push(version(root));
      seen.add(root.id);
      // The mutations of this value while the name still holds it.
      let cur: LineageNode = root;
      for (;;) {
        const next: MutateNode | undefined = nextOf.get(cur.id)?.find((m) => m.seq > cur.seq && m.seq < until && !seen.has(m.id));
        if (!next) break;
        out.push(version(next));
        seen.add(next.id);
        cur = next;
      }
    });
    // The end binding is a version even when the walk above missed it (e.g. a Mutate reached only through a view).
    const end = latestByName.get(name);
    const endNode = end !== undefined ? byId.get(end) : undefined;
    if (endNode && !seen.has(endNode.id)) {
      out.push(version(endNode));
      out.sort((a, b) => a.seq - b.seq);
    }
    histories.set(name, out);
    return out;
  };

  const latests = new Map<string, VariableVersion | undefined>();
  const latestVersion = (name: string): VariableVersion | undefined => {
    if (latests.has(name)) return latests.get(name);
    const end = latestByName.get(name);
    const v = end !== undefined ? history(name).find((x) => x.nodeId === end) : undefined;
    latests.set(name, v);
    return v;
  };

  const statusOf = (nodeId: string, name: string): VersionStatus | undefined => {
    const node = byId.get(nodeId);
    if (!node || !node.names.includes(name)) return undefined;
    const versions = history(name);
    const latest = latestVersion(name);
    const isLatest = latest !== undefined && latest.nodeId === nodeId;
    const laterFrom = isLatest ? versions.length : firstAfter(versions, node.seq);
    const status: VersionStatus = { name, versions, isLatest, laterFrom, laterCount: versions.length - laterFrom };
    if (latest) status.latest = latest;
    return status;
  };

  return {
    history,
    latestId: (name) => latestByName.get(name),
    statusOf,
    statusesOf: (nodeId) => (byId.get(nodeId)?.names ?? []).map((name) => statusOf(nodeId, name)!),
  };
}
