/** Placing a refusal from the main process beside the field it names. */
import type { OperationError } from '../../src-shared/result';

export interface FieldErrors<Name extends string> {
  /** The message for this field (or any part of it, e.g. "services.0.rateClass" for "services"). */
  of(name: Name): string | undefined;
  /** The message when no field of this form can show it: shown above the form instead. */
  unplaced: string | undefined;
}

const belongsTo = (errorField: string, name: string) => errorField === name || errorField.startsWith(`${name}.`);

export function fieldErrors<Name extends string>(error: OperationError | null, fields: readonly Name[]): FieldErrors<Name> {
  const errorField = error?.field;
  const owner = errorField === undefined ? undefined : fields.find((name) => belongsTo(errorField, name));
  return {
    of: (name) => (error && owner === name ? error.message : undefined),
    unplaced: error && owner === undefined ? error.message : undefined,
  };
}

/** The element id of a form field, so a refusal can move the focus to it. */
export const fieldId = (name: string) => `field-${name.replaceAll('.', '-')}`;
