import { useMemo } from 'react';
import { diffLines } from 'diff';
import { createSlicer } from '../../core/slice';
import type { Artifact } from '../../core/model';
import { useSessionGraph } from '../hooks/queries';
import { Loading } from '../components/Loading';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Line diff of two slice texts (pure, tested). */
export function sliceDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}

/** The diff between another version's slice and this one's. */
export function SliceDiff({ other, code }: { other: Artifact; code: string }) {
  const graph = useSessionGraph(other.sessionId);
  const lines = useMemo(() => {
    if (!graph.data) return undefined;
    const before = createSlicer({ sourceCodes: graph.data.sourceCodes, nodes: graph.data.nodes }).slice([other.nodeId]).code;
    return sliceDiff(before, code);
  }, [graph.data, other.nodeId, code]);
  if (!lines) return <Loading what={`version ${other.version}`} />;
  const changed = lines.filter((l) => l.kind !== 'same').length;
  return (
    <>
      <p className="muted small">
        {changed === 0 ? `Same code as v${other.version}.` : `${changed} changed ${changed === 1 ? 'line' : 'lines'} since v${other.version}.`}
      </p>
      <pre className="source diff" tabIndex={0} aria-label={`Changes since version ${other.version}`} data-testid="slice-diff">
        {lines.map((l, i) => (
          <span key={i} className={`source-line ${l.kind}`}>
            <span className="ln" aria-hidden="true">
              {l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}
            </span>
            {l.text || ' '}
            {'\n'}
          </span>
        ))}
      </pre>
    </>
  );
}
