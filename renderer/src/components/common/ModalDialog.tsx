import { useEffect, type ReactNode, type RefObject } from 'react';

interface ModalDialogProps {
  /** The caller's handle, to close the dialog (`dialogRef.current?.close()`). */
  dialogRef: RefObject<HTMLDialogElement | null>;
  labelledBy: string;
  onClose: () => void;
  testId: string;
  /** Extra data-* attributes for tests and styles. */
  data?: Record<`data-${string}`, string>;
  children: ReactNode;
}

/** A native modal <dialog>, open from its first render: Esc and the backdrop work, focus stays inside. */
export function ModalDialog({ dialogRef, labelledBy, onClose, testId, data, children }: ModalDialogProps) {
  useEffect(() => {
    const element = dialogRef.current;
    if (element && !element.open) element.showModal();
  }, [dialogRef]);

  return (
    <dialog
      ref={dialogRef}
      className="replay-dialog"
      aria-labelledby={labelledBy}
      onClose={onClose}
      // Keys typed here are the dialog's: the list behind must not move or close.
      onKeyDown={(event) => event.stopPropagation()}
      data-testid={testId}
      {...data}
    >
      {children}
    </dialog>
  );
}
