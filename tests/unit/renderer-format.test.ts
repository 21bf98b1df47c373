/** How the renderer words balances and dates, and where a refusal's message is shown. */
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../src-renderer/ui/fieldErrors';
import { formatBalance, formatDate, humanize, todayIso } from '../../src-renderer/ui/format';

describe('formatBalance', () => {
  it('shows what is owed as dollars and what the district owes as a credit', () => {
    expect(formatBalance(123456)).toBe('$1,234.56');
    expect(formatBalance(0)).toBe('$0.00');
    expect(formatBalance(-1200)).toBe('Credit $12.00');
  });
});

describe('dates and labels', () => {
  it('formats ISO dates the US way without shifting the day', () => {
    expect(formatDate('2026-01-01')).toBe('01/01/2026');
    expect(formatDate('2026-11-02T23:59:00.000Z')).toBe('11/02/2026');
  });
  it('takes today from the local calendar', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
  it('turns codes into words', () => {
    expect(humanize('private_fire')).toBe('Private fire');
  });
});

describe('fieldErrors', () => {
  const fields = ['subject', 'services', 'customer.lastName'] as const;
  it('puts a message beside the field it names, or a field it belongs to', () => {
    const errors = fieldErrors({ code: 'INVALID_INPUT', field: 'services.0.rateClass', message: 'Choose a rate class' }, fields);
    expect(errors.of('services')).toBe('Choose a rate class');
    expect(errors.of('subject')).toBeUndefined();
    expect(errors.unplaced).toBeUndefined();
  });
  it('shows above the form a message no field of the form can show', () => {
    const errors = fieldErrors({ code: 'CONFLICT', message: 'That account is closed' }, fields);
    expect(errors.unplaced).toBe('That account is closed');
    expect(fieldErrors({ code: 'INVALID_INPUT', field: 'idempotencyKey', message: 'x' }, fields).unplaced).toBe('x');
    expect(fieldErrors(null, fields).unplaced).toBeUndefined();
  });
});
