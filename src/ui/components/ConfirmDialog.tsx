/**
 * The app's confirmation dialog (instead of `window.confirm`), on ModalDialog: a question,
 * what it will do, and two buttons. Cancel comes first and takes the focus, so Enter or
 * Escape right after opening never confirms a destructive action by accident.
 */
import type { ReactNode } from 'react';
import { ModalDialog } from './ModalDialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  /** What confirming does, read as the dialog's description. */
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** A destructive action: the confirm button is drawn as a danger button. */
  danger?: boolean;
  /** While true, the confirm button is disabled (e.g. a write in flight or details still loading). */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog({ open, title, description, children, confirmLabel, cancelLabel = 'Cancel', danger, busy, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  return (
    <ModalDialog
      open={open}
      onClose={onCancel}
      title={title}
      description={description}
      role="alertdialog"
      testId={testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onConfirm();
      }}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel} autoFocus data-testid="confirm-cancel">
            {cancelLabel}
          </button>
          <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={busy} data-testid="confirm-ok">
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </ModalDialog>
  );
}
