/** The legend of node kinds, relation lines and history marks, and its foldable box on the canvas. */
import { useId, useState, type ReactNode } from 'react';
import { NODE_KINDS, type NodeKind } from '../../core/model';
import { KIND_STYLE } from './kinds';
import './kinds.css';
import { HistoryLegend } from './history';

export function Legend({ kinds, counts, cells, displayOnly }: { kinds?: readonly NodeKind[]; counts?: Partial<Record<NodeKind, number>>; cells?: boolean; displayOnly?: boolean }) {
  return (
    <ul className="legend" aria-label="Node kinds">
      {cells ? (
        <li title="One node per code cell: double-click it (or its ⊕) to see its statements" data-testid="legend-cell">
          <span className="legend-swatch legend-cell" aria-hidden="true" />
          cell
        </li>
      ) : null}
      {displayOnly ? (
        <li title="Only shows something (print, display, a bare value, a plot); “Hide display-only” takes these out" data-testid="legend-display-only">
          <span className="legend-swatch legend-display-only" aria-hidden="true" />
          display only
        </li>
      ) : null}
      {(kinds ?? NODE_KINDS).map((k) => (
        <li key={k} title={KIND_STYLE[k].description}>
          <span className={`legend-swatch kind-${k.toLowerCase()}`} aria-hidden="true">
            {KIND_STYLE[k].icon}
          </span>
          {KIND_STYLE[k].label}
          {counts?.[k] !== undefined ? <span className="muted"> {counts[k]}</span> : null}
        </li>
      ))}
      <li className="legend-rel">
        <span className="legend-line up" aria-hidden="true" /> upstream
      </li>
      <li className="legend-rel">
        <span className="legend-line down" aria-hidden="true" /> downstream
      </li>
    </ul>
  );
}

const LEGEND_KEY = 'threadline.legend';

function storedOpen(): boolean {
  try {
    return localStorage.getItem(LEGEND_KEY) !== 'closed';
  } catch {
    return true;
  }
}

/**
 * The legend in a top corner of the canvas (left, or right when the selection is under it).
 * It only informs, so clicks pass through it to the nodes it may cover; its header folds it
 * away (remembered across visits); `folded` folds it for now, without remembering.
 */
export function LegendBox({ children, side = 'left', folded = false, onUnfold, ...legend }: Parameters<typeof Legend>[0] & { children?: ReactNode; side?: 'left' | 'right'; folded?: boolean; onUnfold?: () => void }) {
  const [stored, setOpen] = useState(storedOpen);
  const open = stored && !folded;
  const bodyId = useId();
  const toggle = () => {
    // Folded for now (off the selection): the header opens it again, nothing to remember.
    if (folded && stored) {
      onUnfold?.();
      return;
    }
    const next = !open;
    setOpen(next);
    try {
      if (next) localStorage.removeItem(LEGEND_KEY);
      else localStorage.setItem(LEGEND_KEY, 'closed');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };
  return (
    <div className={`legend-box${open ? '' : ' folded'}${side === 'right' ? ' right' : ''}`} data-testid="legend">
      <button type="button" className="legend-toggle" aria-expanded={open} aria-controls={bodyId} onClick={toggle}>
        Legend <span aria-hidden="true">{open ? '▴' : '▾'}</span>
      </button>
      {open ? (
        <div id={bodyId}>
          <Legend {...legend} />
          <HistoryLegend />
          {children}
        </div>
      ) : null}
    </div>
  );
}
