/**
 * Collections: the business-day calendar, the facts that hold a shut-off (appeals, bill reviews,
 * medical certificates, financial inability, payment arrangements), the notices given, and the
 * SB 998 guard that answers when an account's water may lawfully be shut off for non-payment
 * (Health & Safety Code 116900–116926; REFERENCE.md "Collections and California shut-off law").
 */
import { z } from 'zod';
import { defineOperation } from './define';
import { isoDate, nonNegativeCents, optionalText, positiveId, requiredText } from './fields';
import { WORK_ORDER_TYPES, type WorkOrder } from './reads';

// ---------------------------------------------------------------------------------------------
// Holidays

export interface Holiday {
  holidayId: number;
  date: string;
  name: string;
  /** seeded: from date-holidays (California + federal); district: added by a supervisor. */
  source: 'seeded' | 'district';
  /** The weekday a weekend holiday is observed on. */
  observed: boolean;
  removedAt: string | null;
}

export const holidaysList = defineOperation<Holiday[]>()({
  name: 'holidays.list',
  summary: 'The days the office is closed besides weekends, between two dates',
  role: 'clerk',
  writes: false,
  input: z.object({ fromDate: isoDate, toDate: isoDate, includeRemoved: z.boolean().default(false) }),
});

export const holidaysAdd = defineOperation<Holiday>()({
  name: 'holidays.add',
  summary: 'Add a day the district office is closed (business days skip it)',
  role: 'supervisor',
  writes: true,
  input: z.object({ date: isoDate, name: requiredText('Name', 80) }),
});

export const holidaysRemove = defineOperation<Holiday>()({
  name: 'holidays.remove',
  summary: 'Remove a holiday: the office is open that day after all (the row is kept)',
  role: 'supervisor',
  writes: true,
  input: z.object({ holidayId: positiveId }),
});

// ---------------------------------------------------------------------------------------------
// Holds, arrangements and notices

export const HOLD_KINDS = ['appeal', 'bill_review', 'medical_certificate', 'financial_inability'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];
export const HOLD_KIND_LABELS: Record<HoldKind, string> = {
  appeal: 'Appeal',
  bill_review: 'Bill review',
  medical_certificate: 'Medical certificate',
  financial_inability: 'Financial inability',
};

/** How a household shows it cannot pay (SB 998: any one of these). */
export const FINANCIAL_PROGRAMS = ['calworks', 'calfresh', 'general_assistance', 'medi_cal', 'ssi_ssp', 'wic', 'under_200_fpl'] as const;
export type FinancialProgram = (typeof FINANCIAL_PROGRAMS)[number];
export const FINANCIAL_PROGRAM_LABELS: Record<FinancialProgram, string> = {
  calworks: 'CalWORKs',
  calfresh: 'CalFresh',
  general_assistance: 'General Assistance',
  medi_cal: 'Medi-Cal',
  ssi_ssp: 'SSI/SSP',
  wic: 'WIC',
  under_200_fpl: 'Income under 200% of the federal poverty line',
};

export interface CollectionHold {
  holdId: number;
  accountId: number;
  kind: HoldKind;
  program: FinancialProgram | null;
  startedOn: string;
  /** First day it no longer applies; null: in force. */
  endedOn: string | null;
  notes: string;
  createdAt: string;
  createdBy: string;
  endedBy: string | null;
}

export const ARRANGEMENT_KINDS = ['amortization', 'alternative_schedule', 'partial_reduction', 'deferral'] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];
export const ARRANGEMENT_KIND_LABELS: Record<ArrangementKind, string> = {
  amortization: 'Amortization',
  alternative_schedule: 'Alternative schedule',
  partial_reduction: 'Partial reduction',
  deferral: 'Deferral',
};
export type ArrangementStatus = 'active' | 'failed' | 'completed';

export interface PaymentArrangement {
  arrangementId: number;
  accountId: number;
  kind: ArrangementKind;
  acceptedOn: string;
  status: ArrangementStatus;
  failedOn: string | null;
  completedOn: string | null;
  totalCents: number;
  notes: string;
  createdAt: string;
  createdBy: string;
}

export const NOTICE_KINDS = ['written_notice', 'phone_contact', 'final_notice_posted', 'door_tag'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  written_notice: 'Written notice',
  phone_contact: 'Phone contact',
  final_notice_posted: 'Final notice posted',
  door_tag: 'Door tag',
};

export interface CollectionNotice {
  noticeId: number;
  accountId: number;
  kind: NoticeKind;
  noticeDate: string;
  amountDelinquentCents: number;
  notes: string;
  createdAt: string;
  createdBy: string;
}

// ---------------------------------------------------------------------------------------------
// The guard

/**
 * The rules the guard checks. Residential (SB 998): sixty_days_delinquent, notice_seven_business_days,
 * appeal_pending, medical_protection, failed_arrangement_final_notice; the district's own:
 * arrangement_active (issue #16 item 9: an active arrangement holds shut-off). Non-residential:
 * district_days_delinquent, district_notice, appeal_pending, arrangement_active.
 */
export const SHUTOFF_RULES = [
  'sixty_days_delinquent',
  'notice_seven_business_days',
  'appeal_pending',
  'medical_protection',
  'arrangement_active',
  'failed_arrangement_final_notice',
  'district_days_delinquent',
  'district_notice',
] as const;
export type ShutoffRule = (typeof SHUTOFF_RULES)[number];
export const SHUTOFF_RULE_LABELS: Record<ShutoffRule, string> = {
  sixty_days_delinquent: 'At least 60 days delinquent (SB 998)',
  notice_seven_business_days: '7 business days after a written notice or phone contact (SB 998)',
  appeal_pending: 'No shut-off while an appeal or bill review is pending',
  medical_protection: 'No shut-off with a medical certificate, financial inability and an accepted arrangement (SB 998)',
  arrangement_active: 'No shut-off while a payment arrangement is kept',
  failed_arrangement_final_notice: '5 business days after a final notice posted once an arrangement failed (SB 998)',
  district_days_delinquent: "Days delinquent in the district's schedule",
  district_notice: "Business days after notice in the district's schedule",
};

export interface ShutoffRuleCheck {
  rule: ShutoffRule;
  label: string;
  /** True when the rule forbids a shut-off on the date asked about. */
  blocks: boolean;
  /** The first date the rule allows a shut-off; null when no date can be known yet (a notice not given, a hold with no end). */
  lawfulFrom: string | null;
  /** Why, in a sentence: the facts and dates behind it. */
  detail: string;
}

export interface ShutoffEligibility {
  accountId: number;
  /** The date asked about: the shut-off's scheduled day. */
  date: string;
  residential: boolean;
  /** Due date of the oldest unpaid charge (fees aside); null when nothing is past due. */
  oldestUnpaidDueDate: string | null;
  daysDelinquent: number;
  amountDelinquentCents: number;
  /** Lawful on `date`: no rule blocks. */
  allowed: boolean;
  /** The earliest date every rule allows, from the facts recorded now; null when one of them cannot be dated. */
  earliestLawfulDate: string | null;
  /** The rule that sets the earliest date (the latest of the rules' dates), or the undated one that blocks. */
  settingRule: ShutoffRule | null;
  /** Every rule checked, in SHUTOFF_RULES order; the blocking ones have `blocks`. */
  rules: ShutoffRuleCheck[];
}

export interface AccountCollections {
  eligibility: ShutoffEligibility;
  holds: CollectionHold[];
  arrangements: PaymentArrangement[];
  notices: CollectionNotice[];
}

export const collectionsShutoffEligibility = defineOperation<ShutoffEligibility>()({
  name: 'collections.shutoffEligibility',
  summary: "The earliest lawful shut-off date of an account and every rule that sets or blocks it",
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId, date: isoDate.optional() }),
});

export const collectionsAccount = defineOperation<AccountCollections>()({
  name: 'collections.account',
  summary: "An account's collections: shut-off eligibility today, holds, arrangements and notices",
  role: 'clerk',
  writes: false,
  input: z.object({ accountId: positiveId }),
});

export const collectionsAddHold = defineOperation<CollectionHold>()({
  name: 'collections.addHold',
  summary: 'Record a pending appeal or bill review, a medical certificate or financial inability on an account',
  role: 'technician',
  writes: true,
  input: z
    .object({
      accountId: positiveId,
      kind: z.enum(HOLD_KINDS),
      program: z.enum(FINANCIAL_PROGRAMS).optional(),
      startedOn: isoDate,
      endedOn: isoDate.optional(),
      notes: optionalText('Notes', 1000, 'multiline'),
    })
    .refine((hold) => hold.kind !== 'financial_inability' || hold.program !== undefined, { message: 'Choose the program or test that shows the household cannot pay', path: ['program'] })
    .refine((hold) => hold.kind === 'financial_inability' || hold.program === undefined, { message: 'A program goes only with financial inability', path: ['program'] })
    .refine((hold) => hold.endedOn === undefined || hold.endedOn > hold.startedOn, { message: 'The end date must be after the start date', path: ['endedOn'] }),
});

export const collectionsEndHold = defineOperation<CollectionHold>()({
  name: 'collections.endHold',
  summary: 'End a hold from a date (an appeal decided, a certificate lapsed); the record stays',
  role: 'technician',
  writes: true,
  input: z.object({ holdId: positiveId, endedOn: isoDate, notes: optionalText('Notes', 1000, 'multiline') }),
});

export const collectionsRecordArrangement = defineOperation<PaymentArrangement>()({
  name: 'collections.recordArrangement',
  summary: 'Record a payment arrangement the customer accepted',
  role: 'technician',
  writes: true,
  input: z.object({
    accountId: positiveId,
    kind: z.enum(ARRANGEMENT_KINDS),
    acceptedOn: isoDate,
    totalCents: nonNegativeCents,
    notes: optionalText('Notes', 1000, 'multiline'),
  }),
});

export const collectionsEndArrangement = defineOperation<PaymentArrangement>()({
  name: 'collections.endArrangement',
  summary: 'Mark an arrangement failed (the customer out of compliance 60+ days) or completed',
  role: 'technician',
  writes: true,
  input: z.object({ arrangementId: positiveId, status: z.enum(['failed', 'completed']), on: isoDate, notes: optionalText('Notes', 1000, 'multiline') }),
});

export const collectionsRecordNotice = defineOperation<CollectionNotice>()({
  name: 'collections.recordNotice',
  summary: 'Record a written notice, phone contact, posted final notice or door tag given to an account',
  role: 'technician',
  writes: true,
  input: z.object({
    accountId: positiveId,
    kind: z.enum(NOTICE_KINDS),
    noticeDate: isoDate,
    /** Default: the account's past-due amount now. */
    amountDelinquentCents: nonNegativeCents.optional(),
    notes: optionalText('Notes', 1000, 'multiline'),
  }),
});

export interface ShutoffYearCount {
  year: number;
  residential: number;
  nonResidential: number;
}

export const collectionsShutoffCounts = defineOperation<ShutoffYearCount[]>()({
  name: 'collections.shutoffCounts',
  summary: "Completed shut-offs for non-payment per year, residential apart (the State Water Board's yearly figure)",
  role: 'clerk',
  writes: false,
  input: z.object({ fromYear: z.number().int().min(2000).max(2100).optional(), toYear: z.number().int().min(2000).max(2100).optional() }),
});

// ---------------------------------------------------------------------------------------------
// Work orders raised by collections

/** Work orders anyone may create directly; the read review's own come from reads.orderWorkOrder. */
export const CREATABLE_WORK_ORDER_TYPES = ['shutoff', 'turn_on'] as const satisfies readonly (typeof WORK_ORDER_TYPES)[number][];

export const workOrdersCreate = defineOperation<WorkOrder>()({
  name: 'workOrders.create',
  summary: 'Order a shut-off for non-payment (refused unless the law and the district schedule allow it on that day) or a turn-on',
  role: 'technician',
  writes: true,
  input: z.object({
    accountId: positiveId,
    type: z.enum(CREATABLE_WORK_ORDER_TYPES),
    /** The day field staff are to do it; default today. */
    scheduledFor: isoDate.optional(),
    notes: optionalText('Notes', 2000, 'multiline'),
  }),
});
