/** The contact log: calls, visits, emails and letters on an account, with optional follow-ups. */
import type { Contact, ContactChannel } from '../../../src-shared/contract/accounts';
import type { ParsedInputOf } from '../../../src-shared/contract';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { perConnection } from '../storage/prepared';

interface ContactRow extends Omit<Contact, 'channel'> {
  channel: ContactChannel;
}

const CONTACT_SELECT = `
  SELECT k.id AS contactId, k.account_id AS accountId, k.at, u.display_name AS byUser, k.channel,
         k.contact_name AS contactName, k.subject, k.notes, k.follow_up_due AS followUpDue, k.follow_up_done_at AS followUpDoneAt
  FROM contacts k JOIN users u ON u.id = k.user_id`;

const statements = perConnection((db: Sqlite) => ({
  accountExists: db.prepare<[number], number>('SELECT id FROM accounts WHERE id = ?').pluck(),
  list: db.prepare<[number], ContactRow>(`${CONTACT_SELECT} WHERE k.account_id = ? ORDER BY k.at DESC, k.id DESC`),
  one: db.prepare<[number], ContactRow>(`${CONTACT_SELECT} WHERE k.id = ?`),
  insert: db.prepare(
    `INSERT INTO contacts (account_id, at, user_id, channel, contact_name, subject, notes, follow_up_due)
     VALUES (@accountId, @at, @userId, @channel, @contactName, @subject, @notes, @followUpDue)`,
  ),
  complete: db.prepare<[string, number, number]>(
    'UPDATE contacts SET follow_up_done_at = ?, follow_up_done_by_user_id = ? WHERE id = ? AND follow_up_done_at IS NULL',
  ),
}));

function requireAccount(db: Sqlite, accountId: number): void {
  if (!statements(db).accountExists.get(accountId)) throw notFound(`Account ${accountId}`, 'accountId');
}

function getContact(db: Sqlite, contactId: number): Contact {
  const row = statements(db).one.get(contactId);
  if (!row) throw notFound(`Contact-log entry ${contactId}`, 'contactId');
  return row;
}

export function listContacts(db: Sqlite, accountId: number): Contact[] {
  requireAccount(db, accountId);
  return statements(db).list.all(accountId);
}

export function addContact(db: Sqlite, nowIso: string, userId: number, input: ParsedInputOf<'contacts.add'>): Contact {
  requireAccount(db, input.accountId);
  const info = statements(db).insert.run({
    accountId: input.accountId,
    at: nowIso,
    userId,
    channel: input.channel,
    contactName: input.contactName,
    subject: input.subject,
    notes: input.notes,
    followUpDue: input.followUpDue ?? null,
  });
  return getContact(db, Number(info.lastInsertRowid));
}

/** Marks a follow-up done, once; completing it twice or where none was asked for is refused. */
export function completeFollowUp(db: Sqlite, nowIso: string, userId: number, contactId: number): Contact {
  const contact = getContact(db, contactId);
  if (contact.followUpDue === null) {
    throw new OfficeError('CONFLICT', 'This contact has no follow-up to complete', 'contactId');
  }
  if (contact.followUpDoneAt !== null) {
    throw new OfficeError('CONFLICT', `This follow-up was already completed at ${contact.followUpDoneAt}`, 'contactId');
  }
  statements(db).complete.run(nowIso, userId, contactId);
  return getContact(db, contactId);
}
