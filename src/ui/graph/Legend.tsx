import { NODE_KINDS, type NodeKind } from '../../core/model';
import { KIND_STYLE } from './kinds';
import './kinds.css';

export function Legend({ kinds, counts }: { kinds?: readonly NodeKind[]; counts?: Partial<Record<NodeKind, number>> }) {
  return (
    <ul className="legend" aria-label="Node kinds">
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
