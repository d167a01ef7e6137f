/**
 * The graph page's view of the notebook's history: which nodes are new or changed since the
 * previous version, which cells to re-run, and which stored outputs are older than their inputs.
 * The comparison runs in a worker (useComparison); its marks reach the flow nodes and the legend
 * through one context, and the bar above the canvas says it in words with a link to Compare.
 */
import { createContext, useContext, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useComparison, useNotebookVersions } from '../hooks/queries';
import type { Session } from '../../core/model';
import type { ViewNode } from '../../core/graph/view';
import type { VersionComparison } from '../../core/history/compare';
import './history.css';

export interface HistoryMarks {
  /** Lineage node ids new or changed since the previous version. */
  changed: ReadonlySet<string>;
  /** Source code ids of cells to re-run that were not edited themselves (they read what changed). */
  stale: ReadonlyMap<string, string>;
  /** Source code id → why its stored output cannot be trusted. */
  untrusted: ReadonlyMap<string, string>;
}

const NO_MARKS: HistoryMarks = { changed: new Set(), stale: new Map(), untrusted: new Map() };
export const HistoryMarksContext = createContext<HistoryMarks>(NO_MARKS);

/** The marks of one comparison (none while it loads). */
export function marksOf(c: VersionComparison | undefined): HistoryMarks {
  if (!c) return NO_MARKS;
  const stale = new Map((c.rerun?.stale ?? []).map((s) => [s.id, `Re-run: reads ${s.from.flatMap((f) => f.names).join(', ') || 'what changed'}, which changed`]));
  return { changed: new Set(c.changedNodeIds), stale, untrusted: new Map(c.untrusted.map((u) => [u.id, u.sentence])) };
}

/** The source code a view node belongs to (a cell node without lineage carries it in its id). */
function codeOf(node: ViewNode): string | undefined {
  return node.location?.sourceCodeId ?? (node.id.startsWith('cell:') ? node.id.slice(5) : undefined);
}

export type NodeMarkSet = { changed: boolean; stale?: string; untrusted?: string };

/** What to mark on one view node: changed when any member is; the untrusted badge on cell nodes only (it is about the cell). */
export function nodeMarks(marks: HistoryMarks, node: ViewNode): NodeMarkSet {
  const code = codeOf(node);
  return {
    changed: marks.changed.size > 0 && node.memberIds.some((id) => marks.changed.has(id)),
    ...(code && marks.stale.has(code) ? { stale: marks.stale.get(code)! } : {}),
    ...(code && node.cell && marks.untrusted.has(code) ? { untrusted: marks.untrusted.get(code)! } : {}),
  };
}

/** The marks of a view node from the page's history context. */
export function useNodeMarks(node: ViewNode): NodeMarkSet {
  const marks = useContext(HistoryMarksContext);
  return useMemo(() => nodeMarks(marks, node), [marks, node]);
}

/** The class names a node's marks add. */
export function marksClass(m: NodeMarkSet): string {
  return `${m.changed ? ' hist-changed' : ''}${m.stale ? ' hist-stale' : ''}${m.untrusted ? ' hist-untrusted' : ''}`;
}

/** The small labels above a marked node (text, for every view and for screen readers). */
export function NodeMarks({ marks }: { marks: NodeMarkSet }) {
  if (!marks.changed && !marks.stale && !marks.untrusted) return null;
  return (
    <span className="hist-chips">
      {marks.changed ? (
        <span className="hist-chip changed" data-testid="changed-mark">
          changed
        </span>
      ) : null}
      {marks.stale ? (
        <span className="hist-chip stale" data-testid="rerun-mark" title={marks.stale}>
          re-run
        </span>
      ) : null}
      {marks.untrusted ? (
        <span className="hist-chip untrusted" data-testid="untrusted-badge" title={marks.untrusted}>
          <span aria-hidden="true">⚠ </span>output older than its inputs
        </span>
      ) : null}
    </span>
  );
}

/** Legend entries for the marks the graph shows (nothing when it shows none). */
export function HistoryLegend() {
  const marks = useContext(HistoryMarksContext);
  if (marks.changed.size === 0 && marks.stale.size === 0 && marks.untrusted.size === 0) return null;
  return (
    <ul className="legend hist-legend" aria-label="Changes">
      {marks.changed.size > 0 ? (
        <li>
          <span className="hist-chip changed">changed</span> since the previous version
        </li>
      ) : null}
      {marks.stale.size > 0 ? (
        <li>
          <span className="hist-chip stale">re-run</span> reads what changed
        </li>
      ) : null}
      {marks.untrusted.size > 0 ? (
        <li>
          <span className="hist-chip untrusted">⚠</span> output older than its inputs
        </li>
      ) : null}
    </ul>
  );
}

/** The version before `session` among its notebook's versions, and the comparison with it. */
export function useSessionHistory(session: Session) {
  const versions = useNotebookVersions(session.notebookKey);
  const list = versions.data ?? [];
  const at = list.findIndex((s) => s.id === session.id);
  const previous = at > 0 ? list[at - 1] : undefined;
  // A first version whose ingest counted no untrusted outputs has nothing to show: no comparison.
  // Older sessions without the count, and sessions with untrusted outputs (which cells), still run it.
  const needed = previous !== undefined || session.stats.untrustedOutputs !== 0;
  const comparison = useComparison(previous?.id, session.id, versions.isSuccess && needed);
  const marks = useMemo(() => marksOf(comparison.data), [comparison.data]);
  return { previous, version: at + 1, count: list.length, comparison: comparison.data, marks };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "Changed since the previous version: 3 cells · Compare", the re-run sentence and untrusted outputs. */
export function HistoryBar({ session, history }: { session: Session; history: ReturnType<typeof useSessionHistory> }) {
  const { previous, comparison } = history;
  const untrusted = comparison?.untrusted ?? [];
  if (!comparison || (!previous && untrusted.length === 0)) return null;
  const counts = comparison.diff?.counts;
  const changedCells = counts ? counts.edited + counts.added + counts.removed : 0;
  return (
    <div className="history-bar" data-testid="history-bar">
      {previous && counts ? (
        <p>
          <strong>
            Changed since the previous version (v{history.version - 1}): {plural(changedCells, 'cell')}
          </strong>
          {counts.moved ? ` (${counts.moved} moved)` : ''} ·{' '}
          <Link to={`/compare/${previous.id}/${session.id}`} data-testid="compare-link">
            Compare
          </Link>
          {comparison.rerun && comparison.rerun.changed.length + comparison.rerun.removed.length > 0 ? (
            <span className="history-sentence" data-testid="rerun-sentence">
              {' '}
              {comparison.rerun.sentence}
            </span>
          ) : null}
        </p>
      ) : null}
      {untrusted.length > 0 ? (
        <p className="history-untrusted" data-testid="untrusted-summary">
          <span aria-hidden="true">⚠ </span>
          {untrusted.length === 1 ? untrusted[0].sentence : `${untrusted.length} cells have outputs older than their inputs: ${untrusted.map((u) => u.name).join(', ')}.`}
        </p>
      ) : null}
    </div>
  );
}
