import type { Contact } from '../../src-shared/contract/accounts';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Loaded } from '../ui/Loading';
import { formatDate, formatDateTime, humanize, todayIso } from '../ui/format';
import { ContactForm } from './ContactForm';

/** Calls, visits and letters on the account, newest first, with follow-ups to close. */
export function ContactLogTab({ accountId, onChanged }: { accountId: number; onChanged: () => void }) {
  const contacts = useQuery('contacts.list', { accountId });
  // The log reloads itself from the change feed (a contact is in the accounts area).
  const changed = onChanged;
  return (
    <section aria-label="Contact log" className="contact-log">
      <ContactForm accountId={accountId} onAdded={changed} />
      <Loaded query={contacts}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No contacts logged on this account yet.</p>
          ) : (
            <ol className="contacts" aria-label="Logged contacts">
              {rows.map((contact) => (
                <ContactEntry key={contact.contactId} contact={contact} onChanged={changed} />
              ))}
            </ol>
          )
        }
      </Loaded>
    </section>
  );
}

function ContactEntry({ contact, onChanged }: { contact: Contact; onChanged: () => void }) {
  const submission = useSubmission();
  const complete = async () => {
    const result = await submission.send('contacts.completeFollowUp', { contactId: contact.contactId });
    if (result.ok) onChanged();
  };
  const followUpOpen = contact.followUpDue !== null && contact.followUpDoneAt === null;
  const overdue = followUpOpen && contact.followUpDue !== null && contact.followUpDue < todayIso();
  return (
    <li className="contact">
      <div className="contact-head">
        <strong><bdi>{contact.subject}</bdi></strong>
        <span className="muted">
          {formatDateTime(contact.at)} · {humanize(contact.channel)}
          {contact.contactName && <> · <bdi>{contact.contactName}</bdi></>} · logged by <bdi>{contact.byUser}</bdi>
        </span>
      </div>
      {contact.notes && <p className="contact-notes">{contact.notes}</p>}
      {contact.followUpDue && (
        <div className={overdue ? 'follow-up follow-up-overdue' : 'follow-up'}>
          {followUpOpen ? (
            <>
              Follow up by {formatDate(contact.followUpDue)}
              {overdue && ' (overdue)'}{' '}
              <button type="button" className="button-small" onClick={() => void complete()} disabled={submission.pending}>
                Mark follow-up done
              </button>
            </>
          ) : (
            <>Follow-up done {contact.followUpDoneAt && formatDateTime(contact.followUpDoneAt)}</>
          )}
        </div>
      )}
      {submission.error && <Alert kind="error">{submission.error.message}</Alert>}
    </li>
  );
}
