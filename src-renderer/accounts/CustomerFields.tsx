import type { ReactNode } from 'react';
import { LANGUAGES, type LanguageCode } from '../../src-shared/contract/accounts';
import type { CustomerDraft, CustomerFieldName } from './customerDraft';
import { Field } from '../ui/Field';

interface CustomerFieldsProps {
  value: CustomerDraft;
  onChange: (next: CustomerDraft) => void;
  errorOf: (name: CustomerFieldName) => string | undefined;
  /** Shown just above the mailing address (e.g. "Same as the service address"). */
  mailingAction?: ReactNode;
}

/** Name, phones, email, mailing address and notice language of a customer. */
export function CustomerFields({ value, onChange, errorOf, mailingAction }: CustomerFieldsProps) {
  const set = (changes: Partial<CustomerDraft>) => onChange({ ...value, ...changes });
  const setMailing = (changes: Partial<CustomerDraft['mailing']>) => set({ mailing: { ...value.mailing, ...changes } });
  // A foreign address keeps its province and postal code as written (not a US state and ZIP).
  const abroad = value.mailing.country.trim().toUpperCase() !== 'US' && value.mailing.country.trim() !== '';
  return (
    <>
      <fieldset className="field">
        <legend>Customer is</legend>
        <label className="choice">
          <input type="radio" name="customer-kind" checked={value.kind === 'person'} onChange={() => set({ kind: 'person' })} />
          A person
        </label>
        <label className="choice">
          <input type="radio" name="customer-kind" checked={value.kind === 'business'} onChange={() => set({ kind: 'business' })} />
          A business
        </label>
      </fieldset>
      {value.kind === 'person' ? (
        <div className="form-row">
          <Field name="customer.firstName" label="First name" error={errorOf('customer.firstName')}>
            <input value={value.firstName} onChange={(event) => set({ firstName: event.target.value })} />
          </Field>
          <Field name="customer.lastName" label="Last name" error={errorOf('customer.lastName')}>
            <input value={value.lastName} onChange={(event) => set({ lastName: event.target.value })} />
          </Field>
        </div>
      ) : (
        <Field name="customer.businessName" label="Business name" error={errorOf('customer.businessName')}>
          <input value={value.businessName} onChange={(event) => set({ businessName: event.target.value })} />
        </Field>
      )}
      <div className="form-row">
        <Field name="customer.primaryPhone" label="Phone" error={errorOf('customer.primaryPhone')}>
          <input type="tel" value={value.primaryPhone} onChange={(event) => set({ primaryPhone: event.target.value })} />
        </Field>
        <Field name="customer.altPhone" label="Other phone" error={errorOf('customer.altPhone')}>
          <input type="tel" value={value.altPhone} onChange={(event) => set({ altPhone: event.target.value })} />
        </Field>
        <Field name="customer.email" label="Email" error={errorOf('customer.email')}>
          <input type="email" value={value.email} onChange={(event) => set({ email: event.target.value })} />
        </Field>
      </div>
      {mailingAction}
      <Field name="customer.mailing.street" label="Mailing street" error={errorOf('customer.mailing.street')}>
        <input value={value.mailing.street} onChange={(event) => setMailing({ street: event.target.value })} />
      </Field>
      <div className="form-row">
        <Field name="customer.mailing.city" label="City" error={errorOf('customer.mailing.city')}>
          <input value={value.mailing.city} onChange={(event) => setMailing({ city: event.target.value })} />
        </Field>
        <Field name="customer.mailing.state" label={abroad ? 'State/province' : 'State'} error={errorOf('customer.mailing.state')}>
          <input className="input-short" value={value.mailing.state} maxLength={abroad ? 40 : 2} onChange={(event) => setMailing({ state: event.target.value })} />
        </Field>
        <Field name="customer.mailing.zip" label={abroad ? 'Postal code' : 'ZIP'} error={errorOf('customer.mailing.zip')}>
          <input className="input-short" value={value.mailing.zip} onChange={(event) => setMailing({ zip: event.target.value })} />
        </Field>
        <Field name="customer.mailing.country" label="Country" error={errorOf('customer.mailing.country')}>
          <input className="input-short" value={value.mailing.country} maxLength={2} onChange={(event) => setMailing({ country: event.target.value.toUpperCase() })} />
        </Field>
        <Field name="customer.preferredLanguage" label="Notices in" error={errorOf('customer.preferredLanguage')}>
          <select value={value.preferredLanguage} onChange={(event) => set({ preferredLanguage: event.target.value as LanguageCode })}>
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </>
  );
}
