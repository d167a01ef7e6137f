/** The cells view's bar of expanded cells: one "Fold" button per expanded cell, and "Fold all". */
import type { ViewNode } from '../../core/graph/view';

interface Props {
  cells: readonly ViewNode[];
  onFold: (id: string) => void;
  onFoldAll: () => void;
}

export function ExpandedCellsBar({ cells, onFold, onFoldAll }: Props) {
  if (cells.length === 0) return null;
  return (
    <div className="expanded-cells" role="group" aria-label="Expanded cells" data-testid="expanded-cells">
      <span className="muted">Expanded:</span>
      {cells.map((c) => (
        <button key={c.id} type="button" className="button small" onClick={() => onFold(c.id)} data-testid="collapse-cell" aria-label={`Fold ${c.cell?.title ?? c.label} back`}>
          Fold {c.cell?.title ?? c.label}
        </button>
      ))}
      {cells.length > 1 ? (
        <button type="button" className="link-button" onClick={onFoldAll}>
          Fold all
        </button>
      ) : null}
    </div>
  );
}
