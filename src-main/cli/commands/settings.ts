/** `settings show | set`: the district's security settings (security.settings, security.updateSettings). */
import type { SecuritySettings } from '../../../src-shared/contract/system';
import { usageError } from '../errors';
import { printLine, printResult } from '../io';
import { withSession, type GlobalOptions } from '../office';

/** The settings `settings set` knows, by their command-line name. */
export const SETTING_NAMES = ['session-max-hours'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

function printSettings(settings: SecuritySettings): void {
  printLine(`session-max-hours  ${settings.sessionMaxHours}  (a session ends ${hoursText(settings.sessionMaxHours)} after its login, however busy; a change applies from each user's next login)`);
  printLine(`idle limit         ${hoursText(settings.sessionIdleMinutes / 60)} without use (fixed)`);
}

export async function runSettingsShow(options: GlobalOptions): Promise<void> {
  await withSession(options, async (session) => {
    const settings = await session.call('security.settings', {});
    printResult(options.json === true, settings, () => printSettings(settings));
  });
}

/**
 * Only "is it a number" is checked here: the range and whole hours are the operation's rule, so
 * the CLI refuses exactly what the app refuses, with the same message.
 */
function parseHours(text: string): number {
  const hours = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(hours)) throw usageError(`Expected a number of hours for session-max-hours, not "${text}".`);
  return hours;
}

export async function runSettingsSet(name: SettingName, value: string, options: GlobalOptions): Promise<void> {
  const sessionMaxHours = parseHours(value);
  await withSession(options, async (session) => {
    const settings = await session.call('security.updateSettings', { sessionMaxHours });
    printResult(options.json === true, settings, () =>
      printLine(`Set ${name} to ${settings.sessionMaxHours}: sessions opened from now on end ${hoursText(settings.sessionMaxHours)} after their login.`),
    );
  });
}
