/**
 * The graph page's toolbar: where you are (session name and size), the search box, the view
 * and direction switches, "Fit selection", "Slice only", "Hide display-only", "Fine slice" (the
 * stored setting the artifact page shares), then the menus passed as children and the keyboard
 * shortcuts button.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { FineSliceSwitch } from '../artifacts/FineSliceSwitch';
import { plural, visibleName } from '../format';
import type { Direction } from './useGraphLayout';
import type { Mode } from './useGraphView';

interface Props {
  session: { name: string; kind?: 'notebook' | 'script'; stats: { cells: number; nodes: number } };
  /** Code cells (notebooks) or top-level blocks: what the cells view draws. */
  codeCells?: number;
  search: ReactNode;
  mode: Mode;
  onMode: (mode: Mode) => void;
  direction: Direction;
  onDirection: (direction: Direction) => void;
  /** A node is selected and visible, so there is a selection to fit. */
  canFit: boolean;
  onFitSelection: () => void;
  /** A node is selected, so the view can be cut down to its slice. */
  canSliceOnly: boolean;
  sliceOnly: boolean;
  onSliceOnly: (on: boolean) => void;
  /** Display-only nodes in the view (print, display, bare values, plots), and whether they are hidden. */
  displayCount: number;
  hideDisplay: boolean;
  onHideDisplay: (on: boolean) => void;
  onShortcuts: () => void;
  children?: ReactNode;
}

export function GraphToolbar(p: Props) {
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <div className="graph-title">
        <Link to="/" className="muted small">
          Sessions
        </Link>
        <span className="muted small" aria-hidden="true">
          {' '}
          /{' '}
        </span>
        <h1 data-testid="session-title">{visibleName(p.session.name)}</h1>
        <span className="muted small" data-testid="session-stats">
          {plural(p.session.stats.cells, 'cell')}
          {p.session.kind === 'notebook' && p.codeCells !== undefined && p.codeCells !== p.session.stats.cells ? ` (${p.codeCells.toLocaleString('en')} code)` : ''} · {plural(p.session.stats.nodes, 'node')}
        </span>
      </div>
      {p.search}
      <div className="toolbar-group">
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={p.mode === 'cells'} onClick={() => p.onMode('cells')} data-testid="view-cells">
            Cells
          </button>
          <button type="button" aria-pressed={p.mode === 'statement'} onClick={() => p.onMode('statement')} data-testid="view-statement">
            Statements
          </button>
          <button type="button" aria-pressed={p.mode === 'full'} onClick={() => p.onMode('full')} data-testid="view-full">
            All nodes
          </button>
        </div>
        <div className="segmented" role="group" aria-label="Direction">
          <button type="button" aria-pressed={p.direction === 'TB'} onClick={() => p.onDirection('TB')} title="Top to bottom" aria-label="Top to bottom">
            ↓
          </button>
          <button type="button" aria-pressed={p.direction === 'LR'} onClick={() => p.onDirection('LR')} title="Left to right" aria-label="Left to right">
            →
          </button>
        </div>
        <button type="button" className="button small" onClick={p.onFitSelection} disabled={!p.canFit} data-testid="fit-selection">
          Fit selection
        </button>
        <label className="check">
          <input type="checkbox" checked={p.sliceOnly} onChange={(e) => p.onSliceOnly(e.target.checked)} data-testid="slice-only" disabled={!p.canSliceOnly} />
          Slice only
        </label>
        <label className="check" title="Hide print, display, bare values and plots; edges pass through them">
          <input type="checkbox" checked={p.hideDisplay} onChange={(e) => p.onHideDisplay(e.target.checked)} data-testid="hide-display" disabled={!p.hideDisplay && p.displayCount === 0} />
          Hide display-only{p.displayCount > 0 && !p.hideDisplay ? <span className="muted"> ({p.displayCount})</span> : null}
        </label>
        <FineSliceSwitch testId="graph-fine-slice" />
        {p.children}
        <button type="button" className="button small" onClick={p.onShortcuts} title="Keyboard shortcuts ( ? )" aria-label="Keyboard shortcuts" data-testid="shortcuts-button">
          ?
        </button>
      </div>
    </div>
  );
}
