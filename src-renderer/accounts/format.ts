import type { MailingAddress, ServiceLocation } from '../../src-shared/contract/accounts';

export function formatServiceAddress(location: ServiceLocation): string {
  const street = location.unit ? `${location.street} ${location.unit}` : location.street;
  return `${street}, ${location.city}, ${location.state} ${location.zip}`;
}

export function formatMailingAddress(mailing: MailingAddress): string {
  const place = [mailing.city, [mailing.state, mailing.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return mailing.country === 'US' ? `${mailing.street}, ${place}` : `${mailing.street}, ${place}, ${mailing.country}`;
}
