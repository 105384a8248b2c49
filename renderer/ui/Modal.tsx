import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: focus stays inside, Escape closes (unless busy), the page behind
 * is inert. `onClose` runs for Escape and the close button.
 */
export function Modal({
  title,
  onClose,
  children,
  className,
  testId,
  closeLabel,
  busy = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  testId?: string;
  closeLabel: string;
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      data-testid={testId}
      aria-labelledby="modal-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <header className="modal__head">
        <h2 className="modal__title" id="modal-title">
          {title}
        </h2>
        <button type="button" className="modal__close" aria-label={closeLabel} disabled={busy} onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="modal__body">{children}</div>
    </dialog>
  );
}
