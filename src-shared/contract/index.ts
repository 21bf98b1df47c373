/**
 * The whole operation table, keyed by name. Front ends are typed from it; the main process
 * serves exactly these names.
 */
import type { z } from 'zod';
import * as accounts from './accounts';
import * as billing from './billing';
import * as changes from './changes';
import * as jobs from './jobs';
import * as collections from './collections';
import * as collectionsAging from './collections-aging';
import type { OperationSpec } from './define';
import * as ledger from './ledger';
import * as payments from './payments';
import * as reads from './reads';
import * as system from './system';

export const contract = {
  'session.login': system.sessionLogin,
  'session.logout': system.sessionLogout,
  'session.me': system.sessionMe,
  'users.list': system.usersList,
  'users.create': system.usersCreate,
  'users.update': system.usersUpdate,
  'users.changeOwnPassword': system.usersChangeOwnPassword,
  'security.settings': system.securitySettings,
  'security.updateSettings': system.securityUpdateSettings,
  'system.info': system.systemInfo,
  'system.verify': system.systemVerify,
  'system.backup': system.systemBackup,
  'system.backups': system.systemBackups,
  'system.restore': system.systemRestore,
  'system.exportAuditKey': system.systemExportAuditKey,
  'audit.recent': system.auditRecent,
  'audit.record': system.auditRecord,
  'changes.since': changes.changesSince,
  'accounts.search': accounts.accountsSearch,
  'accounts.get': accounts.accountsGet,
  'accounts.findByNumber': accounts.accountsFindByNumber,
  'accounts.ledger': accounts.accountsLedger,
  'accounts.reads': accounts.accountsReads,
  'accounts.create': accounts.accountsCreate,
  'accounts.updateCustomer': accounts.accountsUpdateCustomer,
  'accounts.setAutopay': accounts.accountsSetAutopay,
  'contacts.list': accounts.contactsList,
  'contacts.add': accounts.contactsAdd,
  'contacts.completeFollowUp': accounts.contactsCompleteFollowUp,
  'ledger.chart': ledger.ledgerChart,
  'ledger.entry': ledger.ledgerEntry,
  'ledger.adjust': ledger.ledgerAdjust,
  'ledger.reverse': ledger.ledgerReverse,
  'reads.preview': reads.readsPreview,
  'reads.import': reads.readsImport,
  'reads.imports': reads.readsImports,
  'reads.profiles': reads.readsProfiles,
  'reads.saveProfile': reads.readsSaveProfile,
  'reads.deleteProfile': reads.readsDeleteProfile,
  'reads.exceptions': reads.readsExceptions,
  'reads.exception': reads.readsException,
  'reads.estimatePreview': reads.readsEstimatePreview,
  'reads.resolve': reads.readsResolve,
  'reads.bulkAccept': reads.readsBulkAccept,
  'reads.orderWorkOrder': reads.readsOrderWorkOrder,
  'reads.logCourtesyCall': reads.readsLogCourtesyCall,
  'reads.flagUnread': reads.readsFlagUnread,
  'reads.unread': reads.readsUnread,
  'reads.cycleStatus': reads.readsCycleStatus,
  'reads.cycles': reads.readsCycles,
  'reads.routeExport': reads.readsRouteExport,
  'reads.settings': reads.readsSettings,
  'reads.setSettings': reads.readsSetSettings,
  'workOrders.list': reads.workOrdersList,
  'workOrders.setStatus': reads.workOrdersSetStatus,
  'rates.current': billing.ratesCurrent,
  'rates.import': billing.ratesImport,
  'rates.preview': billing.ratesPreview,
  'billing.runs': billing.billingRuns,
  'billing.createRun': billing.billingCreateRun,
  'billing.recompute': billing.billingRecompute,
  'billing.review': billing.billingReview,
  'billing.bills': billing.billingBills,
  'billing.approve': billing.billingApprove,
  'billing.post': billing.billingPost,
  'billing.cancelRun': billing.billingCancelRun,
  'billing.bill': billing.billingBill,
  'billing.accountBills': billing.billingAccountBills,
  'billing.cancelBill': billing.billingCancelBill,
  'billing.setHold': billing.billingSetHold,
  'billing.moveOut': billing.billingMoveOut,
  'billing.chargeFee': billing.billingChargeFee,
  'billing.openItems': billing.billingOpenItems,
  'billing.setApplicationRule': billing.billingSetApplicationRule,
  'billing.export': billing.billingExport,
  'billing.billPdf': billing.billingBillPdf,
  'billing.runPdf': billing.billingRunPdf,
  'drawer.open': payments.drawerOpen,
  'drawer.current': payments.drawerCurrent,
  'drawer.get': payments.drawerGet,
  'drawer.list': payments.drawerList,
  'drawer.closePreview': payments.drawerClosePreview,
  'drawer.close': payments.drawerClose,
  'payments.take': payments.paymentsTake,
  'payments.receipt': payments.paymentsReceipt,
  'payments.reprint': payments.paymentsReprint,
  'payments.list': payments.paymentsList,
  'payments.search': payments.paymentsSearch,
  'payments.void': payments.paymentsVoid,
  'payments.returnCheck': payments.paymentsReturnCheck,
  'batches.open': payments.batchesOpen,
  'batches.get': payments.batchesGet,
  'batches.close': payments.batchesClose,
  'batches.correctEntry': payments.batchesCorrectEntry,
  'lockbox.preview': payments.lockboxPreview,
  'lockbox.import': payments.lockboxImport,
  'lockbox.settings': payments.lockboxSettings,
  'lockbox.updateSettings': payments.lockboxUpdateSettings,
  'deposit.create': payments.depositCreate,
  'deposit.preview': payments.depositPreview,
  'deposit.get': payments.depositGet,
  'endOfDay.report': payments.endOfDayReport,
  'endOfDay.days': payments.endOfDayDays,
  'endOfDay.finalise': payments.endOfDayFinalise,
  'payments.receiptPdf': payments.paymentsReceiptPdf,
  'deposit.slipPdf': payments.depositSlipPdf,
  'endOfDay.pdf': payments.endOfDayPdf,
  'jobs.progress': jobs.jobsProgress,
  'jobs.cancel': jobs.jobsCancel,
  'holidays.list': collections.holidaysList,
  'holidays.add': collections.holidaysAdd,
  'holidays.remove': collections.holidaysRemove,
  'collections.shutoffEligibility': collections.collectionsShutoffEligibility,
  'collections.account': collections.collectionsAccount,
  'collections.addHold': collections.collectionsAddHold,
  'collections.endHold': collections.collectionsEndHold,
  'collections.recordArrangement': collections.collectionsRecordArrangement,
  'collections.endArrangement': collections.collectionsEndArrangement,
  'collections.recordNotice': collections.collectionsRecordNotice,
  'collections.shutoffCounts': collections.collectionsShutoffCounts,
  'workOrders.create': collections.workOrdersCreate,
  'collections.aging': collectionsAging.collectionsAging,
  'collections.agingBuckets': collectionsAging.collectionsAgingBuckets,
  'collections.setAgingBuckets': collectionsAging.collectionsSetAgingBuckets,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

type SpecOf<Name extends OperationName> = Contract[Name];
/** What a caller passes (defaults may be omitted). */
export type InputOf<Name extends OperationName> = z.input<SpecOf<Name>['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInputOf<Name extends OperationName> = z.output<SpecOf<Name>['input']>;
export type ResultOf<Name extends OperationName> =
  SpecOf<Name> extends OperationSpec<z.ZodType, infer ResultValue> ? ResultValue : never;

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './define';
export * from './fields';
export * from './accounts';
export * from './billing';
export * from './collections';
export * from './rates';
export * from './ledger';
export * from './payments';
export * from './reads';
export * from './system';
export * from './jobs';
export * from './collections-aging';
