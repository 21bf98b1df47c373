/** The general ledger: chart of accounts, journal entries, adjustments and reversals. */
import { z } from 'zod';
import { defineOperation } from './define';
import { amountCents, positiveId, requiredText, uuid } from './fields';

export const GL_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type GlType = (typeof GL_TYPES)[number];

export interface GlAccountBalance {
  code: string;
  name: string;
  type: GlType;
  /** Debits positive, credits negative. */
  balanceCents: number;
}
export interface JournalLineView {
  lineNo: number;
  glCode: string;
  glName: string;
  accountId: number | null;
  accountNumber: string | null;
  amountCents: number;
}
export interface JournalEntryView {
  entryId: string;
  postedAt: string;
  effectiveDate: string;
  kind: string;
  memo: string;
  createdBy: string;
  approvedBy: string | null;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  lines: JournalLineView[];
}

export const ledgerChart = defineOperation<GlAccountBalance[]>()({
  name: 'ledger.chart',
  summary: 'The general-ledger accounts with their balances',
  role: 'clerk',
  writes: false,
  input: z.object({}),
});

export const ledgerEntry = defineOperation<JournalEntryView>()({
  name: 'ledger.entry',
  summary: 'One journal entry with its lines',
  role: 'clerk',
  writes: false,
  input: z.object({ entryId: uuid }),
});

/** GL accounts an account adjustment may be booked against. */
export const ADJUSTMENT_GL_CODES = ['4900', '4910'] as const;

export const ledgerAdjust = defineOperation<JournalEntryView>()({
  name: 'ledger.adjust',
  summary: "Adjust a customer's balance (debit or credit) with a reason; needs a supervisor",
  role: 'technician',
  approval: 'supervisor',
  writes: true,
  input: z.object({
    entryId: uuid,
    accountId: positiveId,
    amountCents: amountCents.refine((value) => value !== 0, 'Amount cannot be zero'),
    glCode: z.enum(ADJUSTMENT_GL_CODES).default('4900'),
    reason: requiredText('Reason', 500),
  }),
});

export const ledgerReverse = defineOperation<JournalEntryView>()({
  name: 'ledger.reverse',
  summary: 'Reverse a posted journal entry with a reason; needs a supervisor',
  role: 'technician',
  approval: 'supervisor',
  writes: true,
  input: z.object({
    entryId: uuid,
    originalEntryId: uuid,
    reason: requiredText('Reason', 500),
  }),
});
