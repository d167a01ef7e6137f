/** "Keyboard shortcuts": every graph action from the registry (`actions.ts`), with its key. */
import { ModalDialog } from '../components/ModalDialog';
import { GRAPH_ACTIONS } from './actions';
import './shortcuts.css';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="On the graph page, when no text field has the focus:"
      testId="shortcuts-dialog"
      actions={
        <button type="submit" className="button primary" autoFocus>
          Close
        </button>
      }
    >
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
    </ModalDialog>
  );
}
