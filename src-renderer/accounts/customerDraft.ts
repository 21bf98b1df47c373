/** A customer as typed into a form, and the names of its fields in the operations' inputs. */
import type { Customer, LanguageCode } from '../../src-shared/contract/accounts';

export interface CustomerDraft {
  kind: 'person' | 'business';
  firstName: string;
  lastName: string;
  businessName: string;
  primaryPhone: string;
  altPhone: string;
  email: string;
  mailing: { street: string; city: string; state: string; zip: string; country: string };
  preferredLanguage: LanguageCode;
}

export const CUSTOMER_FIELDS = [
  'customer.kind',
  'customer.firstName',
  'customer.lastName',
  'customer.businessName',
  'customer.primaryPhone',
  'customer.altPhone',
  'customer.email',
  'customer.mailing.street',
  'customer.mailing.city',
  'customer.mailing.state',
  'customer.mailing.zip',
  'customer.mailing.country',
  'customer.preferredLanguage',
] as const;
export type CustomerFieldName = (typeof CUSTOMER_FIELDS)[number];

export const EMPTY_CUSTOMER: CustomerDraft = {
  kind: 'person',
  firstName: '',
  lastName: '',
  businessName: '',
  primaryPhone: '',
  altPhone: '',
  email: '',
  mailing: { street: '', city: '', state: 'CA', zip: '', country: 'US' },
  preferredLanguage: 'en',
};

export function draftFromCustomer(customer: Customer): CustomerDraft {
  const { customerId: _id, displayName: _name, ...draft } = customer;
  return { ...draft, mailing: { ...customer.mailing } };
}
