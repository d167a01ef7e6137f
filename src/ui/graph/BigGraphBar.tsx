/** The bar over a graph too big to show at once: the neighbourhood shown, its depth, "show all" and back. */
import { plural } from '../format';

interface Props {
  /** Showing a neighbourhood (else: everything). */
  big: boolean;
  shown: number;
  total: number;
  /** Label of the node the neighbourhood is centred on. */
  centreLabel: string | undefined;
  depth: number;
  onDepth: (depth: number) => void;
  onShowAll: (all: boolean) => void;
}

const DEPTHS = [1, 2, 3, 4, 6, 8];

export function BigGraphBar({ big, shown, total, centreLabel, depth, onDepth, onShowAll }: Props) {
  return (
    <div className="big-graph-bar" role="status" data-testid="big-graph-bar">
      {big ? (
        <>
          Large graph: showing {plural(shown, 'node')} of {total.toLocaleString('en')} around <code>{centreLabel ?? 'the selection'}</code>.
          <label className="check">
            Depth
            <select value={depth} onChange={(e) => onDepth(Number(e.target.value))} aria-label="Neighbourhood depth" data-testid="depth">
              {DEPTHS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small">Use “+” on a node to expand it, or search to jump.</span>
          <button type="button" className="button small" onClick={() => onShowAll(true)}>
            Show all (may be slow)
          </button>
        </>
      ) : (
        <>
          Showing all {total.toLocaleString('en')} nodes.
          <button type="button" className="button small" onClick={() => onShowAll(false)}>
            Show a neighbourhood
          </button>
        </>
      )}
    </div>
  );
}
