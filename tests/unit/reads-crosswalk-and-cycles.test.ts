/**
 * Pure helpers of the cycle cards, the estimate and CSV flag drafts, and the Sensus crosswalk
 * parser shared by the import page and the CLI.
 */
import { describe, expect, it } from 'vitest';
import { parseCrosswalk } from '../../src-shared/reads-crosswalk';
import { EMPTY, flagDraftOf, flagValues, profileDefinition } from '../../src-renderer/reads/profileDraft';
import { cycleCountsText, ordinalDay, readDayText } from '../../src-renderer/reads/readsFormat';

describe('cycle cards', () => {
  it('says the read day as people do', () => {
    expect([1, 2, 3, 4, 9, 11, 12, 13, 21, 22, 23, 31].map(ordinalDay)).toEqual(['1st', '2nd', '3rd', '4th', '9th', '11th', '12th', '13th', '21st', '22nd', '23rd', '31st']);
    expect(readDayText({ readDay: 9, readDayPeriod: '2026-11', period: '2026-11' })).toBe('read the 9th');
    expect(readDayText({ readDay: 23, readDayPeriod: '2026-10', period: '2026-11' })).toBe('read the 23rd last month');
    expect(readDayText({ readDay: 2, readDayPeriod: '2025-12', period: '2026-01' })).toBe('read the 2nd last month');
    expect(readDayText({ readDay: 16, readDayPeriod: '2026-08', period: '2026-11' })).toBe('read the 16th in 2026-08');
    expect(readDayText({ readDay: null, readDayPeriod: null, period: '2026-11' })).toBe('never read');
  });
  it('lists what is left, worst first, without zeros', () => {
    expect(cycleCountsText({ unreadCount: 1204, openExceptions: 3, heldExceptions: 0 })).toBe('1,204 unread, 3 open');
    expect(cycleCountsText({ unreadCount: 0, openExceptions: 0, heldExceptions: 2 })).toBe('2 held');
    expect(cycleCountsText({ unreadCount: 0, openExceptions: 0, heldExceptions: 0 })).toBe('nothing left to review');
  });
});

describe('CSV profile flag columns', () => {
  it('turns typed values into lists, "(empty)" into the empty cell', () => {
    expect(flagValues(' Y, e ,, (Empty) ')).toEqual(['Y', 'e', '']);
  });
  it('adds a flag only when its column is named, with no-values only when typed, and reads it back', () => {
    const draft = { ...EMPTY, name: 'X', columns: { ...EMPTY.columns, meterSerial: '1', reading: '2', readDate: '3' }, hasHeader: false };
    expect(profileDefinition(draft)).not.toHaveProperty('estimated');
    const withFlags = profileDefinition({ ...draft, flags: { estimated: { column: '5', yes: 'E', no: 'A, (empty)' }, leak: { column: '6', yes: 'L', no: ' ' } } });
    expect(withFlags.estimated).toEqual({ column: 5, trueValues: ['E'], falseValues: ['A', ''] });
    expect(withFlags.leak).toEqual({ column: 6, trueValues: ['L'] });
    expect(flagDraftOf(withFlags.estimated)).toEqual({ column: '5', yes: 'E', no: 'A, (empty)' });
    expect(flagDraftOf(undefined)).toEqual({ column: '', yes: '', no: '' });
  });
});

describe('Sensus crosswalk', () => {
  it('reads "id,serial" lines with a header, blank lines, quotes, tabs and semicolons', () => {
    const text = 'Meter ID,Serial\r\n177-2231,SNS-1005\r\n\r\n"177-2232";"SNS-1006"\r\n177-2233\tSNS-1007\r\n';
    expect(parseCrosswalk(text)).toEqual({
      ok: true,
      entries: { '177-2231': 'SNS-1005', '177-2232': 'SNS-1006', '177-2233': 'SNS-1007' },
      count: 3,
      sample: ['177-2231', 'SNS-1005'],
    });
  });
  it('takes a first line of two values as a mapping unless it names the columns', () => {
    expect(parseCrosswalk('A-1,M-1\nA-2,M-2')).toMatchObject({ ok: true, count: 2 });
    expect(parseCrosswalk('cmep_meter_id,office serial\nA-2,M-2')).toMatchObject({ ok: true, count: 1 });
  });
  it('names the line of the first problem', () => {
    expect(parseCrosswalk('A-1,M-1\nA-2\n')).toEqual({ ok: false, problem: { line: 2, message: 'expected "meter id,meter serial" (two fields)' } });
    expect(parseCrosswalk('A-1,M-1\nA-2,M-2,extra')).toMatchObject({ ok: false, problem: { line: 2 } });
    expect(parseCrosswalk(`A-1,${'9'.repeat(31)}`)).toEqual({ ok: false, problem: { line: 1, message: 'the meter serial is longer than 30 characters' } });
    expect(parseCrosswalk('A-1,M-1\n\nA-1,M-9')).toEqual({ ok: false, problem: { line: 3, message: 'meter id A-1 is already mapped to M-1 on line 1' } });
    // The same pair twice is no conflict.
    expect(parseCrosswalk('A-1,M-1\nA-1,M-1')).toMatchObject({ ok: true, count: 1 });
  });
  it('keeps ids that are names of object properties as plain ids', () => {
    const parsed = parseCrosswalk('constructor,M-1\n__proto__,M-2');
    expect(parsed.ok && Object.entries(parsed.entries)).toEqual([['constructor', 'M-1'], ['__proto__', 'M-2']]);
  });
});
