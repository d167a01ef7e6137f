/**
 * One cell's change between two versions: what happened to it (edited, added, removed, moved),
 * a link to its node in the newer graph, and its line diff as text (never HTML). Long runs of
 * unchanged lines fold to "… N unchanged lines" with CONTEXT lines kept around each change.
 */
import { Link } from 'react-router-dom';
import type { CellChange } from '../../core/history/notebook-diff';
import type { LineChange } from '../../core/history/text-diff';

/** Unchanged lines kept on each side of a change. */
export const CONTEXT = 3;

export type DiffRow = { line: LineChange } | { fold: number };

/** The rows to show: changed lines, CONTEXT lines of context each side, folds for the rest. */
export function foldUnchanged(lines: readonly LineChange[], context = CONTEXT): DiffRow[] {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) near[k] = true;
  });
  const out: DiffRow[] = [];
  let folded = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (folded) out.push({ fold: folded });
      folded = 0;
      out.push({ line });
    } else folded++;
  });
  if (folded) out.push({ fold: folded });
  return out;
}

const STATUS: Record<CellChange['status'], string> = { edited: 'edited', added: 'added', removed: 'removed', unchanged: 'unchanged' };

/** "cell 5", with "(was cell 4)" when its number changed; a removed cell is named as the older version had it. */
export function cellTitle(c: CellChange): string {
  if (!c.new) return `${c.old!.name} of the older version`;
  const now = c.new.name;
  return c.old && c.new && c.old.name !== c.new.name ? `${now} (was ${c.old.name})` : now;
}

export function CellDiff({ change, newer, nodeOf }: { change: CellChange; newer: string; nodeOf: (sourceCodeId: string) => string | undefined }) {
  const title = cellTitle(change);
  const node = change.new ? nodeOf(change.new.id) : undefined;
  const rows = foldUnchanged(change.lines);
  const added = change.lines.filter((l) => l.op === 'add').length;
  const removed = change.lines.filter((l) => l.op === 'del').length;
  return (
    <article className={`cell-change ${change.status}`} data-testid="cell-change" data-cell={change.new?.name ?? change.old?.name} data-status={change.status} aria-label={`${title}: ${STATUS[change.status]}`}>
      <header className="cell-change-head">
        <h3>{title}</h3>
        <span className={`change-tag ${change.status}`}>{STATUS[change.status]}</span>
        {change.moved ? <span className="change-tag moved">moved</span> : null}
        {change.status === 'edited' ? (
          <span className="muted small">
            +{added} −{removed} {added + removed === 1 ? 'line' : 'lines'}
          </span>
        ) : null}
        {node ? (
          <Link className="cell-change-link small" to={`/s/${newer}/n/${node}`}>
            Open <span className="visually-hidden">{change.new!.name} </span>in graph
          </Link>
        ) : null}
      </header>
      {rows.length > 0 ? (
        <pre className="source diff cell-diff" tabIndex={0} aria-label={`Line changes of ${title}`} data-testid="cell-diff">
          {rows.map((r, i) =>
            'fold' in r ? (
              <span key={i} className="source-line fold">
                <span className="ln" aria-hidden="true" />
                {`… ${r.fold} unchanged ${r.fold === 1 ? 'line' : 'lines'}\n`}
              </span>
            ) : (
              <span key={i} className={`source-line ${r.line.op === 'add' ? 'added' : r.line.op === 'del' ? 'removed' : 'same'}`}>
                <span className="ln" aria-hidden="true">
                  {r.line.op === 'del' ? r.line.oldLine : r.line.newLine}
                </span>
                <span className="sign" aria-hidden="true">
                  {r.line.op === 'add' ? '+' : r.line.op === 'del' ? '−' : ' '}
                </span>
                <span className="visually-hidden">{r.line.op === 'add' ? 'added: ' : r.line.op === 'del' ? 'removed: ' : ''}</span>
                <span className="code">{r.line.text || ' '}</span>
                {'\n'}
              </span>
            ),
          )}
        </pre>
      ) : null}
    </article>
  );
}
