/**
 * The district's chart of accounts. The rows are inserted by a migration
 * (db/migrations/*_chart_of_accounts.sql); a test proves this list and the table agree.
 */
import type { GlType } from '../../../src-shared/contract/ledger';

export const GL = {
  cashOnHand: '1000',
  checksOnHand: '1010',
  cardClearing: '1020',
  depositsInTransit: '1030',
  bankOperating: '1040',
  accountsReceivable: '1100',
  pettyCash: '1150',
  customerDeposits: '2100',
  openingBalances: '3900',
  waterRevenue: '4000',
  wastewaterRevenue: '4100',
  fireServiceRevenue: '4200',
  feeRevenue: '4300',
  billingAdjustments: '4900',
  leakAdjustments: '4910',
  cashOverShort: '6900',
  badDebt: '6950',
} as const;
export type GlCode = (typeof GL)[keyof typeof GL];

export const CHART_OF_ACCOUNTS: readonly { code: GlCode; name: string; type: GlType }[] = [
  { code: GL.cashOnHand, name: 'Cash on hand (drawers)', type: 'asset' },
  { code: GL.checksOnHand, name: 'Checks on hand', type: 'asset' },
  { code: GL.cardClearing, name: 'Card clearing', type: 'asset' },
  { code: GL.depositsInTransit, name: 'Deposits in transit', type: 'asset' },
  { code: GL.bankOperating, name: 'Bank: operating account', type: 'asset' },
  { code: GL.accountsReceivable, name: 'Accounts receivable: customers (control)', type: 'asset' },
  { code: GL.pettyCash, name: 'Petty cash', type: 'asset' },
  { code: GL.customerDeposits, name: 'Customer deposits held', type: 'liability' },
  { code: GL.openingBalances, name: 'Opening balances (conversion)', type: 'equity' },
  { code: GL.waterRevenue, name: 'Water sales', type: 'revenue' },
  { code: GL.wastewaterRevenue, name: 'Wastewater charges', type: 'revenue' },
  { code: GL.fireServiceRevenue, name: 'Private fire service', type: 'revenue' },
  { code: GL.feeRevenue, name: 'Fees and penalties', type: 'revenue' },
  { code: GL.billingAdjustments, name: 'Billing adjustments', type: 'revenue' },
  { code: GL.leakAdjustments, name: 'Leak adjustments', type: 'revenue' },
  { code: GL.cashOverShort, name: 'Cash over/short', type: 'expense' },
  { code: GL.badDebt, name: 'Bad debt written off', type: 'expense' },
];

/** GL accounts whose lines name a customer account (the receivable subledger). */
export const SUBLEDGER_GL_CODES: ReadonlySet<string> = new Set([GL.accountsReceivable]);
