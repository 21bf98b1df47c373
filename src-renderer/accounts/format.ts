import type { MailingAddress, ServiceLocation } from '../../src-shared/contract/accounts';

export function formatServiceAddress(location: ServiceLocation): string {
  const street = location.unit ? `${location.street} ${location.unit}` : location.street;
  return `${street}, ${location.city}, ${location.state} ${location.zip}`;
}

export function formatMailingAddress(mailing: MailingAddress): string {
  const place = [mailing.city, [mailing.state, mailing.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return mailing.country === 'US' ? `${mailing.street}, ${place}` : `${mailing.street}, ${place}, ${mailing.country}`;
}

/** What a ledger line is, said once: a reversal is "Reversal" (its memo says what it undid). */
export function ledgerLineType(line: { kind: string; reversesEntryId: string | null }, humanize: (code: string) => string): string {
  return line.reversesEntryId !== null ? 'Reversal' : humanize(line.kind);
}

/**
 * A ledger line's memo as a clerk reads it. A reversal's stored memo is "Reversal of payment: the
 * reason"; beside the type "Reversal" that says it twice, so it reads "Undoes a payment — the reason".
 */
export function ledgerLineMemo(line: { memo: string; reversesEntryId: string | null }, humanize: (code: string) => string): string {
  if (line.reversesEntryId === null) return line.memo;
  const match = /^Reversal of ([a-z_]+): ?([\s\S]*)$/.exec(line.memo);
  if (!match) return line.memo;
  const what = humanize(match[1] as string).toLowerCase();
  const article = /^[aeiou]/.test(what) ? 'an' : 'a';
  const reason = (match[2] as string).trim();
  return `Undoes ${article} ${what}${reason ? ` — ${reason}` : ''}`;
}
