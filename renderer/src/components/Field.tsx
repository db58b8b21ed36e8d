import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
  className?: string;
  /** The control's id when something needs to find it (focus after an error, a dialog's first field). */
  id?: string | undefined;
}

/**
 * A labelled form control with its hint and its error next to it. The error is linked with
 * aria-describedby and marks the control aria-invalid; the alert region announces failures,
 * so field errors themselves are not live regions.
 */
export function Field({ label, error, hint, optional, children, className, id: fixedId }: FieldProps) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field-optional">{optional}</span> : null}
      </label>
      {children({ id, 'aria-invalid': !!error, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
