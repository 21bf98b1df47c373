/** The Sessions settings screen's words and its typed lifetime (src-renderer/settings/sessionLimits.ts). */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/contract';
import { describeSessionLimits, toLifetimeInput } from '../../src-renderer/settings/sessionLimits';

describe('session settings in the renderer', () => {
  it('says when a session ends, by lifetime and by idleness', () => {
    expect(describeSessionLimits({ sessionMaxHours: 12, sessionIdleMinutes: 480 })).toBe(
      'A login session ends 12 hours after the user logs in, however busy they are, or after 8 hours without use, whichever comes first.',
    );
    expect(describeSessionLimits({ sessionMaxHours: 1, sessionIdleMinutes: 480 })).toMatch(/^A login session ends 1 hour after/);
  });

  it('turns typed hours into an input the contract accepts', () => {
    const converted = toLifetimeInput(' 8 ');
    expect(converted).toEqual({ input: { sessionMaxHours: 8 } });
    if (!('input' in converted)) throw new Error('refused');
    expect(contract['security.updateSettings'].input.safeParse(converted.input).success).toBe(true);
  });

  it('refuses text that is not a number on the field, and leaves the range to the main process', () => {
    for (const typed of ['', '  ', 'eight', '8h']) {
      expect(toLifetimeInput(typed)).toEqual({
        error: { code: 'INVALID_INPUT', field: 'sessionMaxHours', message: 'Session lifetime is a whole number of hours from 1 to 24' },
      });
    }
    // Passed on as typed: the operation refuses it (tests/integration/session-lifetime-setting.test.ts).
    const outOfRange = toLifetimeInput('30');
    expect(outOfRange).toEqual({ input: { sessionMaxHours: 30 } });
    if ('input' in outOfRange) expect(contract['security.updateSettings'].input.safeParse(outOfRange.input).success).toBe(false);
  });
});
