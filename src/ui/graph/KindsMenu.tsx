/** The "Kinds" menu: a checkbox per node kind, with how many nodes of it the view has. */
import { NODE_KINDS, type NodeKind } from '../../core/model';
import { KIND_STYLE } from './kinds';

interface Props {
  kinds: ReadonlySet<NodeKind>;
  counts: Partial<Record<NodeKind, number>>;
  onChange: (kinds: ReadonlySet<NodeKind>) => void;
}

export function KindsMenu({ kinds, counts, onChange }: Props) {
  return (
    <details className="menu">
      <summary className="button small">Kinds</summary>
      <div className="menu-body" role="group" aria-label="Filter by kind">
        {NODE_KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={kinds.has(k)}
              data-testid={`kind-${k}`}
              onChange={(e) => {
                const next = new Set(kinds);
                if (e.target.checked) next.add(k);
                else next.delete(k);
                onChange(next);
              }}
            />
            <span className={`legend-swatch kind-${k.toLowerCase()}`} aria-hidden="true">
              {KIND_STYLE[k].icon}
            </span>
            {k} <span className="muted small">{counts[k] ?? 0}</span>
          </label>
        ))}
      </div>
    </details>
  );
}
