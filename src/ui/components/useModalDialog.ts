import { useEffect, useRef, type RefObject } from 'react';

/**
 * A ref for a native `<dialog>` that is shown as a modal while `open` is true and closed
 * when it turns false. `showModal()` makes the rest of the page inert (the focus trap) and
 * Escape fires `cancel` (its handler should set `open` back to false). The element that had
 * the focus before the dialog opened gets it back when the dialog closes or unmounts, when
 * it is still in the page.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d || !open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    return () => {
      if (d.open) d.close();
      if (before && before.isConnected && !d.contains(before)) before.focus();
    };
  }, [open]);
  return ref;
}
