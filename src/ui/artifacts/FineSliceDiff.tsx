/**
 * Fine vs whole-block slice, side by side (issue 18.4): the whole-block slice on the left with
 * the lines the fine slice drops marked −, the fine slice on the right with the `pass` lines it
 * inserts marked +, rows aligned. Text only, like every slice view.
 */
import { useMemo } from 'react';
import { plural } from '../format';
import { DiffText, sideBySide, sliceDiff } from './SliceDiff';
import './fine.css';

export function FineSliceDiff({ whole, fine }: { whole: string; fine: string }) {
  const rows = useMemo(() => sideBySide(sliceDiff(whole, fine)), [whole, fine]);
  const removed = rows.filter((r) => r.left.kind === 'removed').length;
  const added = rows.filter((r) => r.right.kind === 'added').length;
  if (removed === 0 && added === 0) {
    return (
      <p className="muted small" data-testid="fine-diff-same">
        The fine slice is the whole-block slice: nothing inside a block could be cut.
      </p>
    );
  }
  return (
    <div className="fine-diff" data-testid="fine-diff">
      <p className="muted small">
        The fine slice drops {plural(removed, 'line')}
        {added > 0 ? ` and puts in ${plural(added, 'pass line')} where a body would be empty` : ''}.
      </p>
      <div className="fine-diff-sides">
        <div>
          <h3>Whole-block</h3>
          <DiffText rows={rows.map((r) => r.left)} label="Whole-block slice, lines the fine slice drops marked" testId="fine-diff-whole" />
        </div>
        <div>
          <h3>Fine</h3>
          <DiffText rows={rows.map((r) => r.right)} label="Fine slice, lines it inserts marked" testId="fine-diff-fine" />
        </div>
      </div>
    </div>
  );
}
