import type { ReactNode } from 'react';

/**
 * A form's submit button that stays focusable while the form is busy (a disabled button
 * would drop focus) but refuses a second submission, by click or by Enter in a field.
 */
export function SubmitButton({ busy, className, children }: { busy: boolean; className?: string; children: ReactNode }) {
  return (
    <button
      type="submit"
      className={className ?? 'btn btn-primary btn-lg'}
      aria-disabled={busy}
      onClick={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      {children}
    </button>
  );
}
