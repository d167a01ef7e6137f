import { useEffect, useRef, type RefObject } from 'react';

/**
 * A ref for a native `<dialog>` that is shown as a modal while `open` is true and closed
 * when it turns false. (Escape closes the dialog natively; its `onClose` should set `open`
 * back to false.)
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
