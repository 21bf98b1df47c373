/** The "Open a new account" form's text becomes an accounts.create input the contract accepts. */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/contract';
import { newOpenAccountDraft, toCreateInput, type OpenAccountDraft } from '../../src-renderer/accounts/openAccountDraft';

function filledDraft(): OpenAccountDraft {
  const draft = newOpenAccountDraft('2026-11-02');
  return {
    ...draft,
    customer: {
      ...draft.customer,
      firstName: 'Rosa',
      lastName: 'Quintero',
      mailing: { street: '1200 Orchard Ln', city: 'Valle Verde', state: 'CA', zip: '95396', country: 'US' },
    },
    location: { ...draft.location, street: '1200 Orchard Ln', city: 'Valle Verde', zip: '95396', route: 'R009', sequence: '450', cycle: '2' },
    meter: { ...draft.meter, serial: 'SN26009999' },
    services: ['water', 'wastewater'],
    deposit: '$1,250.50',
  };
}

describe('toCreateInput', () => {
  it('turns typed numbers and dollars into numbers and cents that the contract accepts', () => {
    const converted = toCreateInput(filledDraft());
    if (!('input' in converted)) throw new Error(converted.error.message);
    expect(converted.input.location.sequence).toBe(450);
    expect(converted.input.depositHeldCents).toBe(125050);
    expect(converted.input.meter?.dials).toBe(6);
    expect(converted.input.services).toEqual([
      { service: 'water', rateClass: 'residential', dwellingUnits: 1 },
      { service: 'wastewater', rateClass: 'residential', dwellingUnits: 1 },
    ]);
    expect(contract['accounts.create'].input.safeParse(converted.input).success).toBe(true);
  });

  it('leaves the meter out when none is set now', () => {
    const converted = toCreateInput({ ...filledDraft(), withMeter: false, meter: { ...filledDraft().meter, dials: 'six' } });
    expect('input' in converted && converted.input.meter).toBe(undefined);
  });

  it('names the field that is not a whole number or not a dollar amount', () => {
    const draft = filledDraft();
    expect(toCreateInput({ ...draft, location: { ...draft.location, cycle: '2.5' } })).toEqual({
      error: { code: 'INVALID_INPUT', field: 'location.cycle', message: 'Cycle is a whole number, like 12' },
    });
    expect(toCreateInput({ ...draft, deposit: '-5' })).toMatchObject({ error: { field: 'depositHeldCents' } });
    expect(toCreateInput({ ...draft, dwellingUnits: '' })).toMatchObject({ error: { field: 'services' } });
  });
});
