import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /**
   * Where the focus goes on close, when not back to where it was: e.g. the message saying what the
   * dialog did, when the button that opened it is gone.
   */
  focusOnClose?: () => HTMLElement | null;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and
 * hides the page behind from assistive technology. Focus returns to where it was on close.
 */
export function Dialog({ open, title, onClose, children, focusOnClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => {
      onClose();
      const target = focusOnClose?.() ?? returnTo.current;
      if (target instanceof HTMLElement && target.isConnected) target.focus();
    };
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, [onClose, focusOnClose]);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-body">
      <h2 id="dialog-title" class="dialog__title">
        {title}
      </h2>
      <div id="dialog-body">{children}</div>
    </dialog>
  );
}
