/**
 * Every kind of audit record, said in words: one entry per operation that writes (the contract's
 * `writes: true`) and per event the office audits besides (logins, backups, a refused approval…).
 * The main process makes the sentences (core/audit/trail.ts) for the audit trail screen and
 * `billing-office audit`; the screen's operation filter lists the labels. The raw record stays one click
 * (or `audit show <no.>`) away. tests/integration/audit-trail.test.ts checks that every
 * writing operation has an entry here.
 */
import {
  ARRANGEMENT_KIND_LABELS, FINANCIAL_PROGRAM_LABELS, HOLD_KIND_LABELS, NOTICE_KIND_LABELS, READ_EXCEPTION_LABELS, TENDER_KIND_LABELS, WORK_ORDER_TYPE_LABELS,
} from './contract';
import { formatCents } from './money';

/** What a sentence is made from. `input` and `result` are the record's stored JSON, parsed. */
export interface AuditFacts {
  /** The user's full name ("Carla Mendoza"), or the user name when the user is unknown. */
  who: string;
  input: Record<string, unknown>;
  result: Record<string, unknown>;
  /** "account 000123-01 (Smith, Donna)" for the first account the record touched, else "an account". */
  account: string;
  /** Every account the record touched, labelled as `account` is. */
  accounts: string[];
}

export interface AuditKind {
  /** What the operation does, for the trail's filter ("Take a payment"). */
  label: string;
  sentence: (facts: AuditFacts) => string;
}

type Json = Record<string, unknown>;
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : fallback);
const money = (value: unknown): string => (typeof value === 'number' ? formatCents(value) : 'an amount');
const object = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const because = (reason: unknown): string => (text(reason) ? `: “${text(reason)}”` : '');
const label = <Key extends string>(labels: Record<Key, string>, value: unknown, fallback: string): string =>
  typeof value === 'string' && value in labels ? labels[value as Key] : fallback;
const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
const run = (facts: AuditFacts): string => `bill run ${text(facts.input.runId, text(object(facts.result.run).runId, '?'))}`;
const exception = (facts: AuditFacts): string => {
  const row = object(object(facts.result).exception);
  const type = text(row.type);
  const what = type in READ_EXCEPTION_LABELS ? READ_EXCEPTION_LABELS[type as keyof typeof READ_EXCEPTION_LABELS].toLowerCase() : 'abnormal read';
  return `the ${what} (exception ${text(facts.input.exceptionId, '?')}) on ${facts.account}`;
};
const accountsPhrase = (facts: AuditFacts): string =>
  facts.accounts.length <= 1 ? facts.account : `${facts.accounts.slice(0, 3).join(', ')}${facts.accounts.length > 3 ? ` and ${facts.accounts.length - 3} more` : ''}`;

function tendersPhrase(result: Json, input: Json): string {
  const tenders = list(result.tenders).length > 0 ? list(result.tenders) : list(input.tenders);
  const kinds = [...new Set(tenders.map((tender) => text(object(tender).kind)))].filter((kind) => kind in TENDER_KIND_LABELS);
  return kinds.map((kind) => TENDER_KIND_LABELS[kind as keyof typeof TENDER_KIND_LABELS].toLowerCase()).join(' and ');
}

function paymentSentence(facts: AuditFacts): string {
  const amount = typeof facts.result.amountCents === 'number'
    ? facts.result.amountCents
    : list(facts.input.accounts).reduce<number>((sum, line) => sum + (Number(object(line).amountCents) || 0), 0);
  const tender = tendersPhrase(facts.result, facts.input);
  const channel = text(facts.input.channel, 'counter');
  const via = channel === 'counter' ? '' : ` (${channel})`;
  return `${facts.who} took a ${formatCents(amount)}${tender ? ` ${tender}` : ''} payment${via} on ${accountsPhrase(facts)}, receipt ${text(facts.result.receiptNumber, '?')}`;
}

const receipt = (facts: AuditFacts): string => `receipt ${text(facts.result.receiptNumber, '?')}`;

/** Operations that write (contract `writes: true`). */
const WRITES = {
  'users.create': { label: 'Add a user', sentence: (f) => `${f.who} added the user ${text(f.input.username)} (${text(f.input.displayName)}) as a ${text(f.input.role)}` },
  'users.update': {
    label: 'Change a user',
    sentence: (f) => {
      const changes = [
        f.input.displayName !== undefined ? `the name to ${text(f.input.displayName)}` : '',
        f.input.role !== undefined ? `the role to ${text(f.input.role)}` : '',
        f.input.active === false ? 'deactivated them' : f.input.active === true ? 'reactivated them' : '',
        f.input.password !== undefined ? 'set a new password' : '',
      ].filter(Boolean);
      return `${f.who} changed the user ${text(f.result.username, `#${text(f.input.userId)}`)}: ${changes.join(', ') || 'nothing'}`;
    },
  },
  'security.updateSettings': { label: 'Change the session length', sentence: (f) => `${f.who} set sessions to end ${text(f.input.sessionMaxHours)} hours after login` },
  'accounts.create': { label: 'Open an account', sentence: (f) => `${f.who} opened ${f.account}` },
  'accounts.updateCustomer': { label: 'Change customer details', sentence: (f) => `${f.who} changed the customer details on ${f.account}` },
  'accounts.setAutopay': { label: 'Turn autopay on or off', sentence: (f) => `${f.who} turned autopay ${f.input.autopay ? 'on' : 'off'} for ${f.account}` },
  'contacts.add': { label: 'Log a contact', sentence: (f) => `${f.who} logged a ${text(f.input.channel, 'contact')} on ${f.account}: “${text(f.input.subject)}”${text(f.input.followUpDue) ? `, follow up by ${text(f.input.followUpDue)}` : ''}` },
  'contacts.completeFollowUp': { label: 'Complete a follow-up', sentence: (f) => `${f.who} completed the follow-up of contact ${text(f.input.contactId)}${f.accounts.length ? ` on ${f.account}` : ''}` },
  'ledger.adjust': {
    label: 'Adjust a balance',
    sentence: (f) => {
      const cents = Number(f.input.amountCents) || 0;
      return `${f.who} ${cents < 0 ? 'credited' : 'debited'} ${f.account} ${formatCents(Math.abs(cents))}${because(f.input.reason)}`;
    },
  },
  'ledger.reverse': { label: 'Reverse an entry', sentence: (f) => `${f.who} reversed journal entry ${text(f.input.originalEntryId)}${f.accounts.length ? ` on ${f.account}` : ''}${because(f.input.reason)}` },
  'reads.import': { label: 'Import a read file', sentence: (f) => `${f.who} imported ${plural(Number(f.result.readCount) || 0, 'read')} from ${text(f.input.fileName, 'a read file')} for cycle ${text(f.input.cycle)}, ${text(f.input.period)} (${plural(Number(f.result.exceptionCount) || 0, 'exception')})` },
  'reads.saveProfile': { label: 'Save a CSV read profile', sentence: (f) => `${f.who} saved the CSV read profile “${text(f.input.name)}”` },
  'reads.deleteProfile': { label: 'Delete a CSV read profile', sentence: (f) => `${f.who} deleted CSV read profile ${text(f.input.profileId)}` },
  'reads.resolve': {
    label: 'Resolve an abnormal read',
    sentence: (f) => {
      const action = object(f.input.action);
      const what = exception(f);
      const done: Record<string, string> = {
        accept: `accepted ${what}`,
        correct: `corrected ${what} to the reading ${text(action.reading)}`,
        estimate: `estimated ${what} from ${text(action.method) === 'last_year' ? 'last year' : 'the average'}`,
        re_read: `recorded a re-read of ${text(action.reading)} on ${text(action.readDate)} for ${what}`,
        hold: `held ${what}`,
        reopen: `reopened ${what}`,
      };
      return `${f.who} ${done[text(action.kind)] ?? `resolved ${what}`}${because(action.reason)}`;
    },
  },
  'reads.bulkAccept': { label: 'Accept many abnormal reads', sentence: (f) => `${f.who} accepted ${plural(Number(f.result.accepted) || 0, 'abnormal read')} at once (${plural(Number(f.result.skipped) || 0, 'skipped', 'skipped')})${because(f.input.reason)}` },
  'reads.orderWorkOrder': {
    label: 'Order a field work order',
    sentence: (f) => {
      const type = text(f.input.type);
      const what = type in WORK_ORDER_TYPE_LABELS ? WORK_ORDER_TYPE_LABELS[type as keyof typeof WORK_ORDER_TYPE_LABELS].toLowerCase() : 'work order';
      return `${f.who} ordered a ${what} (work order ${text(f.result.workOrderId, '?')}) on ${f.account}`;
    },
  },
  'reads.logCourtesyCall': { label: 'Log a courtesy call', sentence: (f) => `${f.who} logged a courtesy call about high use on ${f.account}: ${text(f.input.outcome).replace(/_/g, ' ')}` },
  'reads.flagUnread': { label: 'Flag unread meters', sentence: (f) => `${f.who} put ${plural(Number(f.result.flagged) || 0, 'unread meter')} of cycle ${text(f.input.cycle)}, ${text(f.input.period)} on the worklist` },
  'reads.setSettings': { label: 'Change read checks', sentence: (f) => `${f.who} changed the read validation thresholds (${Object.keys(f.input).join(', ') || 'none'})` },
  'workOrders.create': {
    label: 'Order a shut-off or turn-on',
    sentence: (f) => {
      const type = text(f.input.type);
      const what = type in WORK_ORDER_TYPE_LABELS ? WORK_ORDER_TYPE_LABELS[type as keyof typeof WORK_ORDER_TYPE_LABELS].toLowerCase() : 'work order';
      return `${f.who} ordered a ${what} for ${text(f.result.scheduledFor, 'today')} (work order ${text(f.result.workOrderId, '?')}) on ${f.account}`;
    },
  },
  'holidays.add': { label: 'Add a holiday', sentence: (f) => `${f.who} added ${text(f.input.date)} (${text(f.input.name)}) to the holiday calendar` },
  'holidays.remove': { label: 'Remove a holiday', sentence: (f) => `${f.who} removed ${text(f.result.date, 'a day')} (${text(f.result.name)}) from the holiday calendar: the office is open` },
  'collections.addHold': {
    label: 'Record a collections hold',
    sentence: (f) => {
      const kind = label(HOLD_KIND_LABELS, f.input.kind, 'hold');
      const program = f.input.program ? ` (${label(FINANCIAL_PROGRAM_LABELS, f.input.program, '')})` : '';
      return `${f.who} recorded ${kind.toLowerCase()}${program} from ${text(f.input.startedOn)}${f.input.endedOn ? ` to ${text(f.input.endedOn)}` : ''} on ${f.account}`;
    },
  },
  'collections.endHold': { label: 'End a collections hold', sentence: (f) => `${f.who} ended the ${label(HOLD_KIND_LABELS, f.result.kind, 'hold').toLowerCase()} (hold ${text(f.input.holdId)}) on ${text(f.input.endedOn)} on ${f.account}${because(f.input.notes)}` },
  'collections.recordArrangement': { label: 'Record a payment arrangement', sentence: (f) => `${f.who} recorded a ${label(ARRANGEMENT_KIND_LABELS, f.input.kind, 'payment').toLowerCase()} arrangement of ${money(f.input.totalCents)} accepted ${text(f.input.acceptedOn)} on ${f.account}` },
  'collections.endArrangement': { label: 'End a payment arrangement', sentence: (f) => `${f.who} marked arrangement ${text(f.input.arrangementId)} ${text(f.input.status)} on ${text(f.input.on)} on ${f.account}${because(f.input.notes)}` },
  'collections.recordNotice': { label: 'Record a collections notice', sentence: (f) => `${f.who} recorded a ${label(NOTICE_KIND_LABELS, f.input.kind, 'notice').toLowerCase()} of ${text(f.input.noticeDate)} (${money(f.result.amountDelinquentCents)} delinquent) on ${f.account}` },
  'workOrders.setStatus': { label: 'Complete or cancel a work order', sentence: (f) => `${f.who} marked work order ${text(f.input.workOrderId)} ${text(f.input.status)}${f.accounts.length ? ` on ${f.account}` : ''}` },
  'rates.import': { label: 'Save new rates', sentence: (f) => `${f.who} saved new rates (version ${text(f.result.rateBookId, '?')})${because(f.input.note)}` },
  'billing.createRun': { label: 'Draft a bill run', sentence: (f) => `${f.who} drafted ${run(f)} for cycle ${text(f.input.cycle)}, ${text(f.input.period)}: ${plural(Number(object(f.result.run).billCount) || 0, 'bill')}, ${money(object(f.result.run).totalCents)}` },
  'billing.recompute': { label: 'Recompute a bill run', sentence: (f) => `${f.who} recomputed ${run(f)}: ${plural(Number(object(f.result.run).billCount) || 0, 'bill')}, ${money(object(f.result.run).totalCents)}` },
  'billing.approve': { label: 'Approve a bill run', sentence: (f) => `${f.who} approved ${run(f)}${because(f.input.note)}` },
  'billing.post': { label: 'Post a bill run', sentence: (f) => `${f.who} posted ${run(f)}: ${plural(Number(object(f.result.run).billCount) || 0, 'bill')}, ${money(object(f.result.run).totalCents)}` },
  'billing.cancelRun': { label: 'Cancel a bill run', sentence: (f) => `${f.who} cancelled ${run(f)}${because(f.input.reason)}` },
  'billing.cancelBill': { label: 'Cancel a bill', sentence: (f) => `${f.who} cancelled bill ${text(f.input.billId)} on ${f.account}${f.input.rebill === false ? '' : ` and rebilled it as bill ${text(f.result.billId, '?')}`}${because(f.input.reason)}` },
  'billing.setHold': { label: 'Hold or release an account', sentence: (f) => (f.input.reason ? `${f.who} held ${f.account} out of bill runs${because(f.input.reason)}` : `${f.who} released ${f.account} for billing`) },
  'billing.moveOut': { label: 'Close an account at move-out', sentence: (f) => `${f.who} closed ${f.account} at move-out on ${text(f.input.moveOutDate)} (final reading ${text(f.input.finalReading)}), balance ${money(f.result.balanceCents)}` },
  'billing.chargeFee': { label: 'Charge a fee', sentence: (f) => `${f.who} charged the ${text(f.result.description, text(f.input.code)).toLowerCase()} fee (${money(f.result.amountCents)}) to ${f.account}${because(f.input.note)}` },
  'collections.setAgingBuckets': { label: 'Change the aging buckets', sentence: (f) => `${f.who} set the aging buckets to start at ${list(f.input.starts).map((day) => text(day)).join(', ')} days past due` },
  'billing.setApplicationRule': { label: 'Change how payments apply', sentence: (f) => `${f.who} set partial payments to apply ${text(f.input.rule).replace(/_/g, ' ')}` },
  'drawer.open': { label: 'Open a cash drawer', sentence: (f) => `${f.who} opened cash drawer ${text(f.result.drawerId, '?')} at ${text(f.input.workstation)}` },
  'drawer.close': { label: 'Close a cash drawer', sentence: (f) => `${f.who} closed cash drawer ${text(f.input.drawerId)}${because(f.input.overShortReason)}` },
  'payments.take': { label: 'Take a payment', sentence: paymentSentence },
  'payments.reprint': { label: 'Reprint a receipt', sentence: (f) => `${f.who} reprinted ${receipt(f)} (${money(f.result.amountCents)}, ${accountsPhrase(f)})` },
  'payments.void': { label: 'Void a payment', sentence: (f) => `${f.who} voided ${receipt(f)} (${money(f.result.amountCents)}) on ${accountsPhrase(f)}${because(f.input.reason)}` },
  'payments.returnCheck': { label: 'Record a returned check', sentence: (f) => `${f.who} recorded the check on ${receipt(f)} (${money(f.result.amountCents)}) as returned, on ${accountsPhrase(f)}${because(f.input.reason)}` },
  'batches.open': { label: 'Open a payment batch', sentence: (f) => `${f.who} opened ${text(f.input.channel)} batch ${text(f.result.batchId, '?')}: ${plural(Number(f.input.controlCount) || 0, 'payment')}, ${money(f.input.controlTotalCents)}` },
  'batches.correctEntry': { label: 'Correct a batch entry', sentence: (f) => `${f.who} corrected an entry of batch ${text(f.result.batchId, '?')}: ${receipt(f)} (${money(f.result.amountCents)}) on ${accountsPhrase(f)} replaces the entry keyed before` },
  'batches.close': { label: 'Close a payment batch', sentence: (f) => `${f.who} closed batch ${text(f.input.batchId)}` },
  'lockbox.import': { label: 'Import a lockbox file', sentence: (f) => `${f.who} imported ${plural(Number(f.result.itemCount) || 0, 'lockbox payment')} (${money(f.result.totalCents)}) from ${text(f.input.fileName, 'a lockbox file')}, receipts ${text(f.result.firstReceiptNumber, '?')}–${text(f.result.lastReceiptNumber, '?')}` },
  'lockbox.updateSettings': { label: 'Change lockbox type codes', sentence: (f) => `${f.who} set the lockbox payment type codes to ${list(f.input.itemCodes).join(', ')}` },
  'deposit.create': { label: 'Make the bank deposit', sentence: (f) => `${f.who} made deposit ${text(f.result.depositId, '?')} of ${money(f.result.totalCents)} from drawers ${list(f.input.drawerIds).join(', ')}` },
  'endOfDay.finalise': { label: 'Finalise the day', sentence: (f) => `${f.who} finalised the day ${text(f.input.businessDate)}` },
} satisfies Record<string, AuditKind>;

/** Events audited outside the write path (no `writes: true` in the contract, or not operations at all). */
const EVENTS = {
  'session.login': { label: 'Log in', sentence: (f) => (f.result.ok === false ? `A login as ${text(f.input.username)} was refused${f.result.locked ? ' (too many tries: locked for a while)' : ' (wrong user name or password)'}` : `${f.who} logged in`) },
  'users.changeOwnPassword': { label: 'Change own password', sentence: (f) => (f.result.changed ? `${f.who} changed their own password` : `${f.who} tried to change their own password; the current password was not right`) },
  'system.backup': { label: 'Back up the database', sentence: (f) => `${f.who} backed up the database to ${text(f.result.path, 'a file')}` },
  'system.restore': { label: 'Restore the database', sentence: (f) => `${f.who} restored the database from ${text(f.input.path, text(f.input.fileName, 'a backup'))}` },
  'system.exportAuditKey': { label: "Export the office's audit key", sentence: (f) => `${f.who} exported the office's audit key to ${text(f.input.path, 'a file')}` },
  'system.initialize': { label: 'Set up the office', sentence: (f) => `${f.who} set up the office database for ${text(f.input.districtName, 'the district')}` },
  'approval.denied': {
    label: 'Supervisor approval refused',
    sentence: (f) => {
      const operation = text(f.input.operation);
      const what = operation in WRITES ? WRITES[operation as keyof typeof WRITES].label.toLowerCase() : operation;
      return `${f.who} asked ${text(f.input.approver, 'a supervisor')} to approve “${what}”; refused (${text(f.result.reason, 'not approved')})`;
    },
  },
} satisfies Record<string, AuditKind>;

export const AUDIT_KINDS: Readonly<Record<string, AuditKind>> = { ...WRITES, ...EVENTS };

/** The sentence for one record; a kind this version does not know (a newer app's) is named plainly. */
export function auditSentence(operation: string, facts: AuditFacts): string {
  const kind = AUDIT_KINDS[operation];
  if (!kind) return `${facts.who} did ${operation}${facts.accounts.length ? ` on ${facts.account}` : ''}`;
  try {
    return kind.sentence(facts);
  } catch {
    // An old record whose stored shape the sentence does not expect still gets a line.
    return `${facts.who}: ${kind.label.toLowerCase()}${facts.accounts.length ? ` on ${facts.account}` : ''}`;
  }
}

/** Every audited kind, by label, for a filter's list. */
export function auditKindOptions(): { operation: string; label: string }[] {
  return Object.entries(AUDIT_KINDS)
    .map(([operation, kind]) => ({ operation, label: kind.label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
