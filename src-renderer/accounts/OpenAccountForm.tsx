import { useState } from 'react';
import { RATE_CLASSES, SERVICE_KINDS, type RateClass, type ServiceKind } from '../../src-shared/contract/accounts';
import type { OperationError } from '../../src-shared/result';
import { navigate } from '../app/router';
import { useSubmission } from '../client';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { humanize, todayIso } from '../ui/format';
import { CustomerFields } from './CustomerFields';
import { LocationFields } from './LocationFields';
import { MeterFields } from './MeterFields';
import { newOpenAccountDraft, OPEN_ACCOUNT_FIELDS, toCreateInput, type OpenAccountDraft } from './openAccountDraft';

/** Opening an account: service location, customer, meter, services, deposit. */
export function OpenAccountForm() {
  const [draft, setDraft] = useState(() => newOpenAccountDraft(todayIso()));
  const [conversionError, setConversionError] = useState<OperationError | null>(null);
  const submission = useSubmission();
  const error = conversionError ?? submission.error;
  const errors = fieldErrors(error, OPEN_ACCOUNT_FIELDS);
  const set = (changes: Partial<OpenAccountDraft>) => setDraft((previous) => ({ ...previous, ...changes }));

  const open = async () => {
    const converted = toCreateInput(draft);
    if ('error' in converted) {
      setConversionError(converted.error);
      return;
    }
    setConversionError(null);
    const result = await submission.send('accounts.create', converted.input);
    if (result.ok) navigate(`/accounts/${result.value.accountId}`);
  };
  const toggleService = (service: ServiceKind) =>
    set({ services: draft.services.includes(service) ? draft.services.filter((kind) => kind !== service) : [...draft.services, service] });
  const { location } = draft;
  const mailToServiceAddress = () =>
    set({
      customer: {
        ...draft.customer,
        mailing: { street: location.unit ? `${location.street} ${location.unit}` : location.street, city: location.city, state: location.state, zip: location.zip, country: 'US' },
      },
    });

  return (
    <Form onSubmit={() => void open()} error={error} unplacedError={errors.unplaced} className="form open-account" aria-label="Open a new account">
      <h1>Open a new account</h1>
      <section className="form-section">
        <h2>Service location</h2>
        <LocationFields value={draft.location} onChange={(next) => set({ location: next })} errorOf={errors.of} />
      </section>

      <section className="form-section">
        <h2>Customer</h2>
        <CustomerFields
          value={draft.customer}
          onChange={(next) => set({ customer: next })}
          errorOf={errors.of}
          mailingAction={
            <button type="button" className="button-small" onClick={mailToServiceAddress}>
              Mail to the service address
            </button>
          }
        />
      </section>

      <section className="form-section">
        <h2>Meter</h2>
        <label className="choice">
          <input type="checkbox" checked={draft.withMeter} onChange={(event) => set({ withMeter: event.target.checked })} />
          Set a meter now
        </label>
        {draft.withMeter && <MeterFields value={draft.meter} onChange={(next) => set({ meter: next })} errorOf={errors.of} />}
      </section>

      <section className="form-section">
        <h2>Services</h2>
        <fieldset className="field" id="field-services" tabIndex={-1}>
          <legend>Bill this account for</legend>
          {SERVICE_KINDS.map((service) => (
            <label className="choice" key={service}>
              <input type="checkbox" checked={draft.services.includes(service)} onChange={() => toggleService(service)} />
              {humanize(service)}
            </label>
          ))}
          {errors.of('services') && <p className="field-error">{errors.of('services')}</p>}
        </fieldset>
        <div className="form-row">
          <Field name="rateClass" label="Rate class">
            <select value={draft.rateClass} onChange={(event) => set({ rateClass: event.target.value as RateClass })}>
              {RATE_CLASSES.map((rate) => (
                <option key={rate} value={rate}>
                  {humanize(rate)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="dwellingUnits" label="Dwelling units">
            <input className="input-short" inputMode="numeric" value={draft.dwellingUnits} onChange={(event) => set({ dwellingUnits: event.target.value })} />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h2>Account</h2>
        <div className="form-row">
          <Field name="openedOn" label="Opened on" error={errors.of('openedOn')}>
            <input type="date" value={draft.openedOn} onChange={(event) => set({ openedOn: event.target.value })} />
          </Field>
          <Field name="depositHeldCents" label="Deposit held ($)" error={errors.of('depositHeldCents')}>
            <input className="input-amount" inputMode="decimal" value={draft.deposit} onChange={(event) => set({ deposit: event.target.value })} />
          </Field>
        </div>
        <label className="choice">
          <input type="checkbox" checked={draft.autopay} onChange={(event) => set({ autopay: event.target.checked })} />
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
