/** Glue between catalog rows and the pipeline core: pure, so it is unit-tested. */
import type { Artifact, LineageNode, Session, SourceCode } from '../../core/model';
import type { PipelineArtifactInput } from '../../core/export/index';

export interface LoadedGraph {
  session: Session;
  sourceCodes: SourceCode[];
  nodes: LineageNode[];
}

/**
 * One pipeline input per selected artifact, in the order given. Each artifact brings its
 * session's graph and node. Two versions of one name cannot both be exported (their
 * functions would clash): the first wins and the others are reported in `skipped`.
 */
export function pipelineInputs(
  artifacts: readonly Artifact[],
  graphs: ReadonlyMap<string, LoadedGraph>,
): { inputs: PipelineArtifactInput[]; skipped: Artifact[] } {
  const inputs: PipelineArtifactInput[] = [];
  const skipped: Artifact[] = [];
  const seen = new Set<string>();
  for (const a of artifacts) {
    const g = graphs.get(a.sessionId);
    if (seen.has(a.name) || !g) {
      skipped.push(a);
      continue;
    }
    seen.add(a.name);
    inputs.push({
      name: a.name,
      nodeId: a.nodeId,
      sessionId: a.sessionId,
      sessionName: g.session.name,
      graph: { sourceCodes: g.sourceCodes, nodes: g.nodes },
    });
  }
  return { inputs, skipped };
}

/** The default pipeline name's raw text: the artifact names joined by `_` (the core slugifies it). */
export function joinedNames(artifacts: readonly Pick<Artifact, 'name'>[]): string {
  return [...new Set(artifacts.map((a) => a.name))].join('_');
}
