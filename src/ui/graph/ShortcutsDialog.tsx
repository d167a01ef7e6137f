/** "Keyboard shortcuts": every graph action from the registry (`actions.ts`), with its key. */
import { useId } from 'react';
import { useModalDialog } from '../components/useModalDialog';
import { GRAPH_ACTIONS } from './actions';
import './shortcuts.css';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="shortcuts-dialog"
    >
      <form method="dialog">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <p className="muted">On the graph page, when no text field has the focus:</p>
        <table className="shortcuts-list" data-testid="shortcuts-list">
          <tbody>
            {GRAPH_ACTIONS.map((a) => (
              <tr key={a.name} data-action={a.name}>
                <th scope="row">
                  <kbd>{a.keyLabel}</kbd>
                </th>
                <td>{a.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">With nothing selected, an arrow key selects the first node. The arrows follow the layout: along the edges, or across a rank.</p>
        <div className="dialog-actions">
          <button type="submit" className="button primary" autoFocus>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
