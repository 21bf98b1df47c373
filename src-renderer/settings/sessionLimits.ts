/** The Sessions settings' words and typed text, kept apart from the screen so they can be tested. */
import { SESSION_MAX_HOURS_RULE, type SecuritySettings } from '../../src-shared/contract/system';
import type { InputOf } from '../../src-shared/contract';
import type { OperationError } from '../../src-shared/result';

export function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** One sentence a supervisor reads: when a session ends, by lifetime and by idleness. */
export function describeSessionLimits(settings: SecuritySettings): string {
  return (
    `A login session ends ${hoursText(settings.sessionMaxHours)} after the user logs in, however busy they are, ` +
    `or after ${hoursText(settings.sessionIdleMinutes / 60)} without use, whichever comes first.`
  );
}

/**
 * The typed lifetime as the operation's input. Only text that is not a number at all is refused
 * here; whole hours from 1 to 24 is the main process's rule (the renderer is not trusted).
 */
export function toLifetimeInput(typed: string): { input: InputOf<'security.updateSettings'> } | { error: OperationError } {
  const text = typed.trim();
  const hours = Number(text);
  if (text === '' || !Number.isFinite(hours)) return { error: { code: 'INVALID_INPUT', field: 'sessionMaxHours', message: SESSION_MAX_HOURS_RULE } };
  return { input: { sessionMaxHours: hours } };
}
