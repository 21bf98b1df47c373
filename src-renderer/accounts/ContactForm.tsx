import { useState } from 'react';
import { CONTACT_CHANNELS, type ContactChannel } from '../../src-shared/contract/accounts';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';
import { humanize } from '../ui/format';

const FIELDS = ['channel', 'contactName', 'subject', 'notes', 'followUpDue'] as const;
const EMPTY = { channel: 'counter' as ContactChannel, contactName: '', subject: '', notes: '', followUpDue: '' };

/** Logging a call or visit while the customer is still at the counter or on the line. */
export function ContactForm({ accountId, onAdded }: { accountId: number; onAdded: () => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const [saved, setSaved] = useState(false);
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, FIELDS);
  const set = (changes: Partial<typeof EMPTY>) => {
    setSaved(false);
    setDraft((previous) => ({ ...previous, ...changes }));
  };

  const add = async () => {
    const { followUpDue, ...rest } = draft;
    const result = await submission.send('contacts.add', { accountId, ...rest, ...(followUpDue ? { followUpDue } : {}) });
    if (!result.ok) return;
    setDraft(EMPTY);
    setSaved(true);
    onAdded();
  };

  return (
    <Form onSubmit={() => void add()} error={submission.error} unplacedError={errors.unplaced} className="form contact-form" aria-label="Log a contact">
      <h2>Log a contact</h2>
      <div className="form-row">
        <Field name="channel" label="How" error={errors.of('channel')}>
          <select value={draft.channel} onChange={(event) => set({ channel: event.target.value as ContactChannel })}>
            {CONTACT_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {humanize(channel)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="contactName" label="Who called or came in" error={errors.of('contactName')}>
          <input value={draft.contactName} onChange={(event) => set({ contactName: event.target.value })} />
        </Field>
        <Field name="followUpDue" label="Follow up by (optional)" error={errors.of('followUpDue')}>
          <input type="date" value={draft.followUpDue} onChange={(event) => set({ followUpDue: event.target.value })} />
        </Field>
      </div>
      <Field name="subject" label="Subject" error={errors.of('subject')}>
        <input value={draft.subject} onChange={(event) => set({ subject: event.target.value })} />
      </Field>
      <Field name="notes" label="Notes" error={errors.of('notes')}>
        <textarea rows={3} value={draft.notes} onChange={(event) => set({ notes: event.target.value })} />
      </Field>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          {submission.pending ? 'Saving…' : 'Add to contact log'}
        </button>
        {saved && <Alert kind="success">Added to the contact log.</Alert>}
      </div>
    </Form>
  );
}
