/**
 * Slice diffs, as text: another version's slice against this one (`SliceDiff`), and the line
 * rows both that and the fine vs whole-block view (./FineSliceDiff.tsx) render (`DiffText`).
 */
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

/** One diff row on one side; a filler row (no line on this side) keeps two sides aligned. */
export type DiffRow = DiffLine | { kind: 'filler' };

/**
 * A line diff as two aligned columns: same lines face each other, a run of removed lines
 * faces the run of added lines that follows it, and the shorter side is padded with fillers.
 */
export function sideBySide(lines: readonly DiffLine[]): Array<{ left: DiffRow; right: DiffRow }> {
  const rows: Array<{ left: DiffRow; right: DiffRow }> = [];
  const filler: DiffRow = { kind: 'filler' };
  for (let i = 0; i < lines.length; ) {
    if (lines[i].kind === 'same') {
      rows.push({ left: lines[i], right: lines[i] });
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < lines.length && lines[i].kind === 'removed') removed.push(lines[i++]);
    while (i < lines.length && lines[i].kind === 'added') added.push(lines[i++]);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push({ left: removed[k] ?? filler, right: added[k] ?? filler });
  }
  return rows;
}

/** Diff rows as plain text lines, each marked +, − or blank (never HTML). */
export function DiffText({ rows, label, testId }: { rows: readonly DiffRow[]; label: string; testId: string }) {
  return (
    <pre className="source diff" tabIndex={0} aria-label={label} data-testid={testId}>
      {rows.map((l, i) => (
        <span key={i} className={`source-line ${l.kind}`}>
          <span className="ln" aria-hidden="true">
            {l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}
          </span>
          {l.kind === 'filler' ? ' ' : l.text || ' '}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** The diff between another version's slice and this one's, both sliced the same way (fine or whole-block). */
export function SliceDiff({ other, code, fine = false }: { other: Artifact; code: string; fine?: boolean }) {
  const graph = useSessionGraph(other.sessionId);
  const lines = useMemo(() => {
    if (!graph.data) return undefined;
    const names = graph.data.nodes.find((n) => n.id === other.nodeId)?.names ?? [];
    const before = createSlicer({ sourceCodes: graph.data.sourceCodes, nodes: graph.data.nodes }).slice([other.nodeId], fine ? { fine, names } : undefined).code;
    return sliceDiff(before, code);
  }, [graph.data, other.nodeId, code, fine]);
  if (!lines) return <Loading what={`version ${other.version}`} />;
  const changed = lines.filter((l) => l.kind !== 'same').length;
  return (
    <>
      <p className="muted small">
        {changed === 0 ? `Same code as v${other.version}.` : `${changed} changed ${changed === 1 ? 'line' : 'lines'} since v${other.version}.`}
      </p>
      <DiffText rows={lines} label={`Changes since version ${other.version}`} testId="slice-diff" />
    </>
  );
}
