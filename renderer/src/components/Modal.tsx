import { useEffect, useId, useRef, type ReactNode } from 'react';
import { restoreFocus } from './focus.js';
import { useOverlays } from '../stores/overlays.js';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** id of the element to focus when the dialog opens; else the first focusable one. */
  initialFocusId?: string;
  wide?: boolean;
  /** Accessible role: 'dialog' (default) or 'alertdialog' for confirmations. */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal on the native <dialog> (top layer, inert background, Esc closes). When it closes,
 * focus goes back to whatever had it before it opened.
 */
export function Modal({ title, onClose, children, initialFocusId, wide, role = 'dialog' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    useOverlays.getState().pushOverlay(dialog);
    const target = initialFocusId ? document.getElementById(initialFocusId) : null;
    (target ?? dialog.querySelector<HTMLElement>('input, select, textarea, button:not([data-close])') ?? dialog).focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      useOverlays.getState().removeOverlay(dialog);
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      restoreFocus(opener);
    };
    // Opening happens once per mount; initialFocusId is read at that moment only.
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} aria-labelledby={titleId} role={role === 'alertdialog' ? 'alertdialog' : undefined}>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
