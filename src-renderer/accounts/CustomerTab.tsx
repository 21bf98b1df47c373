import { useState } from 'react';
import type { AccountDetail } from '../../src-shared/contract/accounts';
import { LANGUAGES } from '../../src-shared/contract/accounts';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';
import { CustomerFields } from './CustomerFields';
import { CUSTOMER_FIELDS, draftFromCustomer } from './customerDraft';
import { formatMailingAddress } from './format';

/** The customer's details, and an edit form for them. */
export function CustomerTab({ account, onSaved }: { account: AccountDetail; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const { customer } = account;
  if (editing) {
    return (
      <CustomerEditForm
        account={account}
        onDone={(didSave) => {
          setEditing(false);
          setSaved(didSave);
          if (didSave) onSaved();
        }}
      />
    );
  }
  return (
    <section aria-label="Customer details">
      {saved && <Alert kind="success">Customer details saved.</Alert>}
      <dl className="facts facts-wide">
        <div>
          <dt>Name</dt>
          <dd>{customer.displayName}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{customer.kind === 'person' ? 'Person' : 'Business'}</dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>{customer.primaryPhone || '—'}</dd>
        </div>
        <div>
          <dt>Other phone</dt>
          <dd>{customer.altPhone || '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{customer.email || '—'}</dd>
        </div>
        <div>
          <dt>Mailing address</dt>
          <dd>{formatMailingAddress(customer.mailing)}</dd>
        </div>
        <div>
          <dt>Notices in</dt>
          <dd>{LANGUAGES[customer.preferredLanguage]}</dd>
        </div>
      </dl>
      <button type="button" onClick={() => setEditing(true)}>
        Edit customer details
      </button>
    </section>
  );
}

function CustomerEditForm({ account, onDone }: { account: AccountDetail; onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState(() => draftFromCustomer(account.customer));
  const submission = useSubmission();
  const errors = fieldErrors(submission.error, CUSTOMER_FIELDS);
  const save = async () => {
    const result = await submission.send('accounts.updateCustomer', { accountId: account.accountId, customer: draft });
    if (result.ok) onDone(true);
  };
  return (
    <Form onSubmit={() => void save()} error={submission.error} unplacedError={errors.unplaced} aria-label="Edit customer details">
      <h2>Edit customer details</h2>
      <CustomerFields value={draft} onChange={setDraft} errorOf={errors.of} />
      <FormActions onCancel={() => onDone(false)} pending={submission.pending}>
        {submission.pending ? 'Saving…' : 'Save customer details'}
      </FormActions>
    </Form>
  );
}
