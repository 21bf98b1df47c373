/**
 * Which CLI command calls which operation, for the promise that every operation a person can do
 * in the window is a command too. tests/integration/cli-operations.test.ts checks it both ways:
 * every command of the program is listed here with operations that exist, every operation the CLI
 * source calls is listed, and every operation of the contract is either called by a command or
 * named below with the reason it has none.
 *
 * No imports: main.ts stays quick to load (`--help` works without the database modules).
 */

/** Command path ("billing charge-fee") → the operations it calls. */
export const CLI_COMMAND_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  // These three make or prepare a database without a session, so they call no operation.
  init: [],
  demo: [],
  'audit-key import': [],
  info: ['system.info'],
  verify: ['system.verify'],
  backup: ['system.backup'],
  restore: ['system.restore'],
  'audit-key export': ['system.exportAuditKey'],
  'audit list': ['audit.recent'],
  'audit show': ['audit.record'],
  'users list': ['users.list'],
  'users add': ['users.create'],
  'users set': ['users.list', 'users.update'],
  'settings show': ['security.settings'],
  'settings set': ['security.updateSettings'],
  'accounts search': ['accounts.search'],
  'accounts show': ['accounts.findByNumber', 'accounts.ledger'],
  'accounts create': ['accounts.create'],
  'reads import': ['reads.profiles', 'reads.preview', 'reads.import'],
  'reads route-export': ['reads.routeExport'],
  'reads exceptions': ['reads.exceptions'],
  'reads exception': ['reads.exception'],
  'reads resolve': ['reads.resolve'],
  'reads bulk-accept': ['reads.bulkAccept'],
  'reads flag-unread': ['reads.flagUnread'],
  'reads work-order': ['reads.orderWorkOrder'],
  'reads courtesy-call': ['reads.logCourtesyCall'],
  'work-orders list': ['accounts.findByNumber', 'workOrders.list'],
  'work-orders done': ['workOrders.setStatus'],
  'work-orders cancel': ['workOrders.setStatus'],
  'reads unread': ['reads.unread'],
  'reads status': ['reads.cycleStatus'],
  'reads cycles': ['reads.cycles'],
  'rates show': ['rates.current'],
  'rates import': ['rates.import'],
  'rates export': ['rates.current'],
  'billing runs': ['billing.runs'],
  'billing create': ['billing.createRun'],
  'billing review': ['billing.review'],
  'billing recompute': ['billing.recompute'],
  'billing approve': ['billing.approve'],
  'billing post': ['billing.post'],
  'billing cancel': ['billing.cancelRun'],
  'billing bills': ['billing.bills'],
  'billing bill': ['billing.bill', 'billing.billPdf'],
  'billing export': ['billing.export'],
  'billing pdf': ['billing.runPdf'],
  'billing cancel-bill': ['billing.cancelBill'],
  'billing move-out': ['accounts.findByNumber', 'billing.moveOut'],
  'billing hold': ['accounts.findByNumber', 'billing.setHold'],
  'billing charge-fee': ['accounts.findByNumber', 'billing.chargeFee'],
  'billing account-bills': ['accounts.findByNumber', 'billing.accountBills'],
  'billing open-items': ['accounts.findByNumber', 'billing.openItems'],
  'collections aging': ['collections.aging'],
  'collections aging-buckets': ['collections.agingBuckets', 'collections.setAgingBuckets'],
  'drawer open': ['drawer.open'],
  'drawer close': ['drawer.current', 'drawer.closePreview', 'drawer.close'],
  'drawer list': ['drawer.list'],
  pay: ['accounts.findByNumber', 'payments.take'],
  receipt: ['payments.receipt', 'payments.reprint', 'payments.receiptPdf'],
  void: ['payments.receipt', 'payments.void'],
  'return-check': ['payments.receipt', 'payments.returnCheck'],
  'payments find': ['payments.search'],
  'batch open': ['batches.open'],
  'batch show': ['batches.get'],
  'batch close': ['batches.close'],
  'batch correct': ['payments.receipt', 'batches.correctEntry'],
  'lockbox import': ['lockbox.preview', 'lockbox.import'],
  'lockbox codes': ['lockbox.settings', 'lockbox.updateSettings'],
  deposit: ['deposit.create', 'deposit.slipPdf'],
  'end-of-day': ['endOfDay.report', 'endOfDay.finalise', 'endOfDay.pdf'],
};

/** Operations that are not a person's action, so no command of their own: each with why. */
export const NOT_FOR_PEOPLE: Readonly<Record<string, string>> = {
  'session.login': 'every command logs in with it before its work (office.ts login)',
  'session.logout': 'every command logs out with it when done (office.ts CliSession.close)',
  'session.me': "the window's check of who its session belongs to; a command logs in afresh each run",
  'system.backups': "lists the backups folder for the window's restore picker; `restore <file>` names the file itself",
  'changes.since': "the window's feed of what changed, so its open views refresh; a command reads afresh each run",
  'accounts.get': 'the same account view as accounts.findByNumber, by internal id; `accounts show` takes the account number people use',
};

/**
 * Operations a person can do in the window that have no command yet: the known gap, listed so the
 * test fails the day one gets a command (remove it here then) and so nobody mistakes it for done.
 */
export const NOT_YET_IN_CLI: Readonly<Record<string, string>> = {
  'users.changeOwnPassword': 'change your own password (Settings) — a supervisor can set it with `users set --new-password`',
  'accounts.reads': "an account's read history (account page)",
  'deposit.preview': "the totals the deposit's confirmation shows before `deposit create` (whose slip gives them)",
  'endOfDay.days': "the Reports page's list of days with their end-of-day reports and deposit slips",
  'accounts.updateCustomer': "change a customer's details (account page)",
  'accounts.setAutopay': 'autopay on or off (account page)',
  'contacts.list': "an account's contact log (account page)",
  'contacts.add': 'log a call or visit (account page)',
  'contacts.completeFollowUp': 'complete a follow-up (account page)',
  'ledger.chart': 'the chart of GL accounts (adjust dialog)',
  'ledger.entry': 'one journal entry (ledger)',
  'ledger.adjust': 'adjust a balance with a supervisor (account page)',
  'ledger.reverse': 'reverse an entry with a supervisor (ledger)',
  'reads.imports': 'the list of read imports (Meter reads)',
  'reads.saveProfile': 'save a CSV column-mapping profile (Meter reads)',
  'reads.deleteProfile': 'delete a CSV column-mapping profile (Meter reads)',
  'reads.estimatePreview': 'the estimate a read would get, before `reads resolve --estimate` (worklist)',
  'reads.settings': 'the read validation thresholds (Meter reads settings)',
  'reads.setSettings': 'change the read validation thresholds (Meter reads settings)',
  'rates.preview': 'the effect of a rate document on sample bills (rate editor)',
  'billing.setApplicationRule': 'how partial payments apply (Billing settings)',
  'drawer.get': 'one drawer with its totals (Cash drawer)',
  'payments.list': "a drawer's payments (Cash drawer)",
  'deposit.get': 'a deposit slip again (Supervisor)',
};
