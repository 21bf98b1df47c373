import { useState } from 'react';
import {
  METER_SIZES, METER_UNITS, RATE_CLASSES, SERVICE_KINDS, type MeterSize, type MeterUnit, type RateClass, type ServiceKind,
} from '../../src-shared/contract/accounts';
import { parseDollars } from '../../src-shared/money';
import type { OperationError } from '../../src-shared/result';
import { navigate } from '../app/router';
import { useSubmission } from '../client';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { humanize, todayIso } from '../ui/format';
import { CUSTOMER_FIELDS, CustomerFields, EMPTY_CUSTOMER } from './CustomerFields';

const FIELDS = [
  ...CUSTOMER_FIELDS,
  'location.street', 'location.unit', 'location.city', 'location.state', 'location.zip', 'location.parcelNumber',
  'location.route', 'location.sequence', 'location.cycle',
  'meter.serial', 'meter.size', 'meter.dials', 'meter.multiplier', 'meter.unit', 'meter.installedOn', 'meter.initialReading',
  'services', 'openedOn', 'depositHeldCents',
] as const;
type FieldName = (typeof FIELDS)[number];

const EMPTY_LOCATION = { street: '', unit: '', city: '', state: 'CA', zip: '', parcelNumber: '', route: '', sequence: '', cycle: '' };
const EMPTY_METER = { serial: '', size: '5/8' as MeterSize, dials: '6', multiplier: '1', unit: 'HCF' as MeterUnit, installedOn: todayIso(), initialReading: '0' };

/** Whole numbers typed into text boxes; null when the text is not one. */
function parseWhole(text: string): number | null {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Opening an account: service location, customer, meter, services, deposit. */
export function OpenAccountForm() {
  const [customer, setCustomer] = useState(EMPTY_CUSTOMER);
  const [location, setLocation] = useState(EMPTY_LOCATION);
  const [withMeter, setWithMeter] = useState(true);
  const [meter, setMeter] = useState(EMPTY_METER);
  const [services, setServices] = useState<ServiceKind[]>(['water']);
  const [rateClass, setRateClass] = useState<RateClass>('residential');
  const [dwellingUnits, setDwellingUnits] = useState('1');
  const [openedOn, setOpenedOn] = useState(todayIso());
  const [deposit, setDeposit] = useState('0.00');
  const [autopay, setAutopay] = useState(false);
  const [localError, setLocalError] = useState<OperationError | null>(null);
  const submission = useSubmission();
  const error = localError ?? submission.error;
  const errors = fieldErrors(error, FIELDS);
  const errorOf = (name: FieldName) => errors.of(name);

  type Checked = { error: OperationError } | { parsed: Map<FieldName, number>; depositCents: number };
  /** The typed-in numbers as numbers, or the first one that is not. */
  const numbers = (): Checked => {
    const wanted: [FieldName, string, string][] = [
      ['location.sequence', location.sequence, 'Sequence'],
      ['location.cycle', location.cycle, 'Cycle'],
      ['meter.dials', meter.dials, 'Dials'],
      ['meter.initialReading', meter.initialReading, 'Starting reading'],
      ['services', dwellingUnits, 'Dwelling units'],
    ];
    const parsed = new Map<FieldName, number>();
    for (const [field, text, label] of wanted) {
      const value = parseWhole(text);
      if (value === null && (withMeter || !field.startsWith('meter.'))) {
        return { error: { code: 'INVALID_INPUT', field, message: `${label} is a whole number, like 12` } };
      }
      parsed.set(field, value ?? 0);
    }
    const depositCents = parseDollars(deposit);
    if (depositCents === null || depositCents < 0) {
      return { error: { code: 'INVALID_INPUT', field: 'depositHeldCents', message: 'Deposit is a dollar amount, like 50.00' } };
    }
    return { parsed, depositCents };
  };

  const open = async () => {
    const checked = numbers();
    if ('error' in checked) {
      setLocalError(checked.error);
      return;
    }
    setLocalError(null);
    const whole = (field: FieldName) => checked.parsed.get(field) ?? 0;
    const result = await submission.send('accounts.create', {
      customer,
      location: { ...location, sequence: whole('location.sequence'), cycle: whole('location.cycle') },
      ...(withMeter
        ? { meter: { ...meter, dials: whole('meter.dials'), initialReading: whole('meter.initialReading') } }
        : {}),
      services: services.map((service) => ({ service, rateClass, dwellingUnits: whole('services') })),
      openedOn,
      depositHeldCents: checked.depositCents,
      autopay,
    });
    if (result.ok) navigate(`/accounts/${result.value.accountId}`);
  };

  const setLoc = (changes: Partial<typeof EMPTY_LOCATION>) => setLocation((previous) => ({ ...previous, ...changes }));
  const setMet = (changes: Partial<typeof EMPTY_METER>) => setMeter((previous) => ({ ...previous, ...changes }));
  const toggleService = (service: ServiceKind) =>
    setServices((previous) => (previous.includes(service) ? previous.filter((kind) => kind !== service) : [...previous, service]));
  const copyServiceAddress = () =>
    setCustomer((previous) => ({
      ...previous,
      mailing: {
        street: location.unit ? `${location.street} ${location.unit}` : location.street,
        city: location.city,
        state: location.state,
        zip: location.zip,
      },
    }));

  return (
    <Form onSubmit={() => void open()} error={error} unplacedError={errors.unplaced} className="form open-account" aria-label="Open a new account">
      <h1>Open a new account</h1>

      <section className="form-section">
        <h2>Service location</h2>
        <div className="form-row">
          <Field name="location.street" label="Service address" error={errorOf('location.street')}>
            <input value={location.street} onChange={(event) => setLoc({ street: event.target.value })} />
          </Field>
          <Field name="location.unit" label="Unit" error={errorOf('location.unit')}>
            <input className="input-short" value={location.unit} onChange={(event) => setLoc({ unit: event.target.value })} />
          </Field>
        </div>
        <div className="form-row">
          <Field name="location.city" label="City" error={errorOf('location.city')}>
            <input value={location.city} onChange={(event) => setLoc({ city: event.target.value })} />
          </Field>
          <Field name="location.state" label="State" error={errorOf('location.state')}>
            <input className="input-short" maxLength={2} value={location.state} onChange={(event) => setLoc({ state: event.target.value })} />
          </Field>
          <Field name="location.zip" label="ZIP" error={errorOf('location.zip')}>
            <input className="input-short" value={location.zip} onChange={(event) => setLoc({ zip: event.target.value })} />
          </Field>
          <Field name="location.parcelNumber" label="Parcel (APN)" error={errorOf('location.parcelNumber')}>
            <input value={location.parcelNumber} onChange={(event) => setLoc({ parcelNumber: event.target.value })} />
          </Field>
        </div>
        <div className="form-row">
          <Field name="location.route" label="Route" error={errorOf('location.route')}>
            <input className="input-short" value={location.route} onChange={(event) => setLoc({ route: event.target.value })} />
          </Field>
          <Field name="location.sequence" label="Sequence" error={errorOf('location.sequence')}>
            <input className="input-short" inputMode="numeric" value={location.sequence} onChange={(event) => setLoc({ sequence: event.target.value })} />
          </Field>
          <Field name="location.cycle" label="Cycle" error={errorOf('location.cycle')}>
            <input className="input-short" inputMode="numeric" value={location.cycle} onChange={(event) => setLoc({ cycle: event.target.value })} />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h2>Customer</h2>
        <CustomerFields
          value={customer}
          onChange={setCustomer}
          errorOf={errorOf}
          mailingAction={
            <button type="button" className="button-small" onClick={copyServiceAddress}>
              Mail to the service address
            </button>
          }
        />
      </section>

      <section className="form-section">
        <h2>Meter</h2>
        <label className="choice">
          <input type="checkbox" checked={withMeter} onChange={(event) => setWithMeter(event.target.checked)} />
          Set a meter now
        </label>
        {withMeter && (
          <>
            <div className="form-row">
              <Field name="meter.serial" label="Meter serial" error={errorOf('meter.serial')}>
                <input value={meter.serial} onChange={(event) => setMet({ serial: event.target.value })} />
              </Field>
              <Field name="meter.size" label="Size (inches)" error={errorOf('meter.size')}>
                <select value={meter.size} onChange={(event) => setMet({ size: event.target.value as MeterSize })}>
                  {METER_SIZES.map((size) => (
                    <option key={size} value={size}>
                      {size}"
                    </option>
                  ))}
                </select>
              </Field>
              <Field name="meter.unit" label="Register unit" error={errorOf('meter.unit')}>
                <select value={meter.unit} onChange={(event) => setMet({ unit: event.target.value as MeterUnit })}>
                  {METER_UNITS.map((unit) => (
                    <option key={unit} value={unit}>
                      {unit}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="form-row">
              <Field name="meter.dials" label="Dials" error={errorOf('meter.dials')}>
                <input className="input-short" inputMode="numeric" value={meter.dials} onChange={(event) => setMet({ dials: event.target.value })} />
              </Field>
              <Field name="meter.multiplier" label="Multiplier" error={errorOf('meter.multiplier')}>
                <input className="input-short" value={meter.multiplier} onChange={(event) => setMet({ multiplier: event.target.value })} />
              </Field>
              <Field name="meter.installedOn" label="Installed on" error={errorOf('meter.installedOn')}>
                <input type="date" value={meter.installedOn} onChange={(event) => setMet({ installedOn: event.target.value })} />
              </Field>
              <Field name="meter.initialReading" label="Starting reading" error={errorOf('meter.initialReading')}>
                <input className="input-short" inputMode="numeric" value={meter.initialReading} onChange={(event) => setMet({ initialReading: event.target.value })} />
              </Field>
            </div>
          </>
        )}
      </section>

      <section className="form-section">
        <h2>Services</h2>
        <fieldset className="field" id="field-services" tabIndex={-1}>
          <legend>Bill this account for</legend>
          {SERVICE_KINDS.map((service) => (
            <label className="choice" key={service}>
              <input type="checkbox" checked={services.includes(service)} onChange={() => toggleService(service)} />
              {humanize(service)}
            </label>
          ))}
          {errorOf('services') && <p className="field-error">{errorOf('services')}</p>}
        </fieldset>
        <div className="form-row">
          <Field name="rateClass" label="Rate class">
            <select value={rateClass} onChange={(event) => setRateClass(event.target.value as RateClass)}>
              {RATE_CLASSES.map((rate) => (
                <option key={rate} value={rate}>
                  {humanize(rate)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="dwellingUnits" label="Dwelling units">
            <input className="input-short" inputMode="numeric" value={dwellingUnits} onChange={(event) => setDwellingUnits(event.target.value)} />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h2>Account</h2>
        <div className="form-row">
          <Field name="openedOn" label="Opened on" error={errorOf('openedOn')}>
            <input type="date" value={openedOn} onChange={(event) => setOpenedOn(event.target.value)} />
          </Field>
          <Field name="depositHeldCents" label="Deposit held ($)" error={errorOf('depositHeldCents')}>
            <input className="input-amount" inputMode="decimal" value={deposit} onChange={(event) => setDeposit(event.target.value)} />
          </Field>
        </div>
        <label className="choice">
          <input type="checkbox" checked={autopay} onChange={(event) => setAutopay(event.target.checked)} />
          Autopay
        </label>
      </section>

      <div className="actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          {submission.pending ? 'Opening…' : 'Open the account'}
        </button>
        <a className="button" href="#/accounts">
          Cancel
        </a>
      </div>
    </Form>
  );
}
