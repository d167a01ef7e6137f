/**
 * The app's modal dialog shell: a native `<dialog>` opened with `showModal()` (see
 * useModalDialog: inert page behind it, Escape cancels, focus goes back where it was), a
 * title that names it, an optional description that describes it, the body, and a row of
 * actions. The whole dialog is one `<form>`: pass `onSubmit` for a form dialog; without it
 * a submit button simply closes the dialog.
 */
import { useId, type FormEvent, type ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

export interface ModalDialogProps {
  open: boolean;
  /** Escape, a `method="dialog"` submit, or any other close: set `open` to false here. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  actions: ReactNode;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  /** Extra class on the dialog (e.g. `wide`). */
  className?: string;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
}

export function ModalDialog({ open, onClose, title, description, children, actions, onSubmit, className, role, testId }: ModalDialogProps) {
  const ref = useModalDialog(open);
  const titleId = useId();
  const descriptionId = useId();
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      <form method={onSubmit ? undefined : 'dialog'} onSubmit={onSubmit} noValidate>
        <h2 id={titleId}>{title}</h2>
        {description ? (
          <div id={descriptionId} className="muted dialog-description">
            {description}
          </div>
        ) : null}
        {children}
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}
