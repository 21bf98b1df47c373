import { useEffect, type FormEvent, type ReactNode } from 'react';
import type { OperationError } from '../../src-shared/result';
import { Alert } from './Alert';
import { fieldId } from './fieldErrors';

interface FormProps {
  onSubmit: () => void;
  /** The last refusal; the focus moves to the field it names. */
  error: OperationError | null;
  /** The refusal's message when no field of this form shows it. */
  unplacedError: string | undefined;
  className?: string;
  children: ReactNode;
  'aria-label'?: string;
}

/** Moves the focus to the refused field ("services.0.rateClass" falls back to "services"). */
function focusField(field: string): void {
  const parts = field.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const element = document.getElementById(fieldId(parts.slice(0, length).join('.')));
    if (element) {
      element.focus();
      return;
    }
  }
}

/** A form that never navigates (the page's CSP forbids form actions): Enter submits. */
export function Form({ onSubmit, error, unplacedError, className, children, ...rest }: FormProps) {
  useEffect(() => {
    if (error?.field) focusField(error.field);
  }, [error]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className={className ?? 'form'} onSubmit={submit} noValidate aria-label={rest['aria-label']}>
      {unplacedError && <Alert kind="error">{unplacedError}</Alert>}
      {children}
    </form>
  );
}

interface FormActionsProps {
  /** The submit button's label. */
  children: ReactNode;
  onCancel: () => void;
  /** While the submission is on its way the submit button is disabled (no double posting). */
  pending?: boolean;
}

/** The submit and Cancel buttons that end every form and dialog, in the same order everywhere. */
export function FormActions({ children, onCancel, pending = false }: FormActionsProps) {
  return (
    <div className="actions">
      <button type="submit" className="button-primary" disabled={pending}>
        {children}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
