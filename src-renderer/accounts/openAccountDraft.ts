/**
 * The "Open a new account" form as typed (all text), and its conversion to the
 * accounts.create input. Only what must be converted is checked here (whole numbers, dollars);
 * every other rule is the main process's, and its refusal is shown beside the field.
 */
import type { MeterSize, MeterUnit, RateClass, ServiceKind } from '../../src-shared/contract/accounts';
import type { InputOf } from '../../src-shared/contract';
import { parseDollars } from '../../src-shared/money';
import type { OperationError } from '../../src-shared/result';
import { CUSTOMER_FIELDS, EMPTY_CUSTOMER, type CustomerDraft } from './customerDraft';

export const OPEN_ACCOUNT_FIELDS = [
  ...CUSTOMER_FIELDS,
  'location.street', 'location.unit', 'location.city', 'location.state', 'location.zip', 'location.parcelNumber',
  'location.route', 'location.sequence', 'location.cycle',
  'meter.serial', 'meter.size', 'meter.dials', 'meter.multiplier', 'meter.unit', 'meter.installedOn', 'meter.initialReading',
  'services', 'openedOn', 'depositHeldCents',
] as const;
export type OpenAccountField = (typeof OPEN_ACCOUNT_FIELDS)[number];

export interface LocationDraft {
  street: string;
  unit: string;
  city: string;
  state: string;
  zip: string;
  parcelNumber: string;
  route: string;
  sequence: string;
  cycle: string;
}

export interface MeterDraft {
  serial: string;
  size: MeterSize;
  dials: string;
  multiplier: string;
  unit: MeterUnit;
  installedOn: string;
  initialReading: string;
}

export interface OpenAccountDraft {
  customer: CustomerDraft;
  location: LocationDraft;
  withMeter: boolean;
  meter: MeterDraft;
  services: ServiceKind[];
  rateClass: RateClass;
  dwellingUnits: string;
  openedOn: string;
  deposit: string;
  autopay: boolean;
}

export function newOpenAccountDraft(today: string): OpenAccountDraft {
  return {
    customer: EMPTY_CUSTOMER,
    location: { street: '', unit: '', city: '', state: 'CA', zip: '', parcelNumber: '', route: '', sequence: '', cycle: '' },
    withMeter: true,
    meter: { serial: '', size: '5/8', dials: '6', multiplier: '1', unit: 'HCF', installedOn: today, initialReading: '0' },
    services: ['water'],
    rateClass: 'residential',
    dwellingUnits: '1',
    openedOn: today,
    deposit: '0.00',
    autopay: false,
  };
}

class NotANumber extends Error {
  constructor(readonly field: OpenAccountField, label: string) {
    super(`${label} is a whole number, like 12`);
  }
}

function whole(text: string, field: OpenAccountField, label: string): number {
  if (!/^\d{1,9}$/.test(text.trim())) throw new NotANumber(field, label);
  return Number(text.trim());
}

export function toCreateInput(draft: OpenAccountDraft): { input: InputOf<'accounts.create'> } | { error: OperationError } {
  const depositHeldCents = parseDollars(draft.deposit);
  try {
    const dwellingUnits = whole(draft.dwellingUnits, 'services', 'Dwelling units');
    const location = {
      ...draft.location,
      sequence: whole(draft.location.sequence, 'location.sequence', 'Sequence'),
      cycle: whole(draft.location.cycle, 'location.cycle', 'Cycle'),
    };
    const meter = draft.withMeter
      ? {
          ...draft.meter,
          dials: whole(draft.meter.dials, 'meter.dials', 'Dials'),
          initialReading: whole(draft.meter.initialReading, 'meter.initialReading', 'Starting reading'),
        }
      : undefined;
    if (depositHeldCents === null || depositHeldCents < 0) {
      return { error: { code: 'INVALID_INPUT', field: 'depositHeldCents', message: 'Deposit is a dollar amount, like 50.00' } };
    }
    return {
      input: {
        customer: draft.customer,
        location,
        ...(meter ? { meter } : {}),
        services: draft.services.map((service) => ({ service, rateClass: draft.rateClass, dwellingUnits })),
        openedOn: draft.openedOn,
        depositHeldCents,
        autopay: draft.autopay,
      },
    };
  } catch (error) {
    if (error instanceof NotANumber) return { error: { code: 'INVALID_INPUT', field: error.field, message: error.message } };
    throw error;
  }
}
