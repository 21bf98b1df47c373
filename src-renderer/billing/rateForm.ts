/**
 * The rate form's model, kept pure for tests: the rate document (docs/formats/rates.md) as the
 * supervisor edits it, the changes the form makes to it, and its problems placed beside their
 * inputs. The problems come from the one shared rule (src-shared/rate-problems.ts), the same the
 * main process applies when it saves; the form only adds what a JSON object cannot say (two fees
 * with one code).
 *
 * Every value is kept as the text typed ("5.40" stays "5.40"), so what is saved and exported is
 * what was entered. An empty optional box means "not in the document".
 */
import { METER_SIZES, RATE_CLASSES, type RateClass } from '../../src-shared/contract/accounts';
import { FIRE_LINE_SIZES_INCHES, rateDocument, type FeeRate, type RateDocument, type RateSchedule, type WastewaterClassRates, type WaterClassRates } from '../../src-shared/contract/rates';
import { jsonPath, rateDocumentIssues } from '../../src-shared/rate-problems';
import { humanize } from '../ui/format';
import { addDaysIso } from './billingFormat';

/** A fee as a row: its code is editable, and two rows may share one while the supervisor types. */
export interface FeeRow {
  code: string;
  fee: FeeRate;
}

export type FormSchedule = Omit<RateSchedule, 'fees'> & { fees?: FeeRow[] };
export type RateForm = Omit<RateDocument, 'schedules'> & { schedules: FormSchedule[] };
export type Keys = readonly (string | number)[];

export interface FormProblem {
  /** Where it is in the form: ["schedules", 1, "fees", 0, "fee", "amount"] (fees by row, not code). */
  keys: Keys;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Sizes in size order

/** "5/8" → 0.625, "1-1/2" → 1.5, "10" → 10: a meter or fire line size in inches. */
export function sizeInches(size: string): number {
  const match = /^(?:(\d+)-)?(\d+)(?:\/(\d+))?$/.exec(size);
  if (!match) return Number.POSITIVE_INFINITY;
  const [, whole, top = '0', bottom] = match;
  return bottom === undefined ? Number(top) : Number(whole ?? 0) + Number(top) / Number(bottom);
}

/** Sizes smallest first (5/8, 3/4, 1, 1-1/2, 2 ... 10), not in string order where "10" comes before "2". */
export const inSizeOrder = <Size extends string>(sizes: readonly Size[]): Size[] => [...sizes].sort((a, b) => sizeInches(a) - sizeInches(b));

export const METER_SIZES_IN_ORDER = inSizeOrder(METER_SIZES);
export const FIRE_SIZES_IN_ORDER = inSizeOrder(FIRE_LINE_SIZES_INCHES);

// ---------------------------------------------------------------------------------------------
// Document ⇄ form

export function formOf(document: RateDocument): RateForm {
  const copy = structuredClone(document);
  return {
    ...copy,
    schedules: copy.schedules.map(({ fees, ...schedule }) => ({
      ...schedule,
      ...(fees === undefined ? {} : { fees: Object.entries(fees).map(([code, fee]) => ({ code, fee })) }),
    })),
  };
}

/** The form as a document, in the shape the schema checks (fee rows back into an object by code). */
export function documentOf(form: RateForm): RateDocument {
  return {
    ...form,
    schedules: form.schedules.map(({ fees, ...schedule }) => ({
      ...schedule,
      ...(fees === undefined ? {} : { fees: Object.fromEntries(fees.map((row) => [row.code, row.fee])) }),
    })),
  } as RateDocument;
}

/**
 * The document as the office exports it: fields in the schema's order (as the main process keeps
 * them), schedules by date, two-space indent. Null while the form has problems.
 */
export function exportText(form: RateForm): string | null {
  const parsed = rateDocument.safeParse(documentOf(form));
  if (!parsed.success) return null;
  const schedules = [...parsed.data.schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return `${JSON.stringify({ ...parsed.data, schedules }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Problems

/** A problem of the document placed in the form: a fee's path names its code, the form its row. */
function formKeysOf(form: RateForm, keys: Keys, message: string): FormProblem {
  const [, scheduleIndex, section, code, ...rest] = keys;
  if (section !== 'fees' || code === undefined || typeof scheduleIndex !== 'number') return { keys, message };
  const row = form.schedules[scheduleIndex]?.fees?.findIndex((fee) => fee.code === code) ?? -1;
  if (row < 0) return { keys, message };
  const base = ['schedules', scheduleIndex, 'fees', row];
  const badCode = rest.length === 0 && message.startsWith('Key not allowed here: ');
  if (badCode) return { keys: [...base, 'code'], message: message.slice('Key not allowed here: '.length) };
  return { keys: rest.length === 0 ? base : [...base, 'fee', ...rest], message };
}

/** Two fee rows with one code would be one fee in the document: the later row is told. */
function duplicateFeeCodes(form: RateForm): FormProblem[] {
  return form.schedules.flatMap((schedule, scheduleIndex) => {
    const seen = new Set<string>();
    return (schedule.fees ?? []).flatMap((row, index) => {
      const repeated = seen.has(row.code);
      seen.add(row.code);
      return repeated ? [{ keys: ['schedules', scheduleIndex, 'fees', index, 'code'], message: `Another fee already has the code ${row.code}; give this one its own` }] : [];
    });
  });
}

/** Every problem of the form, by the rule the main process applies on save. */
export function formProblems(form: RateForm): FormProblem[] {
  const fromSchema = rateDocumentIssues(documentOf(form)).map((issue) => formKeysOf(form, issue.keys, issue.message));
  return [...fromSchema, ...duplicateFeeCodes(form)];
}

export const keyOf = (keys: Keys) => keys.join('.');

/** The element id of the input at `keys` ("rf-schedules-1-water-monthlyServiceCharge-5-8"). */
export const inputId = (keys: Keys) => `rf-${keys.join('-').replace(/[^A-Za-z0-9_-]/g, '-')}`;

const CLASS_FIELD_LABELS: Record<string, string> = {
  monthlyMinimum: 'minimum a month',
  monthlyChargePerUnit: 'charge per dwelling unit a month',
  method: 'method',
  monthlyBaseCharge: 'winter average base charge a month',
  ratePerHcf: 'winter average rate per HCF',
  capHcf: 'winter average cap (HCF)',
  winterAverage: 'winter average rates',
  tiers: 'tiers',
};

const SCHEDULE_FIELD_LABELS: Record<string, string> = { effectiveFrom: 'Effective from', effectiveThrough: 'Effective through', name: 'Name', adoptedBy: 'Adopted by' };
const FEE_FIELD_LABELS: Record<string, string> = { code: 'code', description: 'description', kind: 'kind', amount: 'amount', percent: 'percent', minimumAmount: 'minimum' };

/** Words for an input, without its schedule: "Residential tier 2 rate per HCF", "Service charge, 5/8″ meter". */
export function fieldLabel(form: RateForm, keys: Keys): string {
  const [, scheduleIndex, section, a, b, c, d] = keys;
  if (section === undefined) return 'The document';
  if (section in SCHEDULE_FIELD_LABELS) return SCHEDULE_FIELD_LABELS[section as string]!;
  if (section === 'water' && a === 'monthlyServiceCharge') return b === undefined ? 'Service charges' : `Service charge, ${b}″ meter`;
  if (section === 'water' && a === 'classes' && typeof b === 'string') {
    if (c === 'tiers' && typeof d === 'number') return `${humanize(b)} tier ${d + 1} ${keys[7] === 'upToHcf' ? 'upper bound (HCF)' : 'rate per HCF'}`;
    return `${humanize(b)} water ${CLASS_FIELD_LABELS[String(c)] ?? 'rates'}`;
  }
  if (section === 'wastewater' && typeof a === 'string') return `${humanize(a)} wastewater ${CLASS_FIELD_LABELS[String(c ?? b)] ?? 'rates'}`;
  if (section === 'privateFire') return b === undefined ? 'Private fire charges' : `Fire line ${b}″`;
  if (section === 'fees' && typeof a === 'number') {
    const code = form.schedules[Number(scheduleIndex)]?.fees?.[a]?.code;
    return `Fee ${code || `#${a + 1}`} ${FEE_FIELD_LABELS[String(c ?? b)] ?? ''}`.trim();
  }
  return jsonPath(keys.slice(2));
}

/** "Schedule from 2027-01-01: Residential tier 1 rate per HCF", for the list of problems. */
export function problemLabel(form: RateForm, keys: Keys): string {
  const schedule = typeof keys[1] === 'number' ? form.schedules[keys[1]] : undefined;
  if (!schedule) return keys.length === 0 ? 'The document' : jsonPath(keys);
  return `Schedule from ${schedule.effectiveFrom || '(no date)'}: ${keys.length === 2 ? 'the schedule' : fieldLabel(form, keys)}`;
}

// ---------------------------------------------------------------------------------------------
// Changes (each returns a new form; the old one is left as it was)

type Mutable = Record<string | number, unknown>;

function change(form: RateForm, mutate: (draft: RateForm) => void): RateForm {
  const draft = structuredClone(form);
  mutate(draft);
  return draft;
}

function containerAt(root: unknown, keys: Keys): Mutable {
  let at = root as Mutable;
  for (const key of keys) {
    if (at[key] === undefined || at[key] === null) at[key] = {};
    at = at[key] as Mutable;
  }
  return at;
}

/** After an optional object loses its last field, the object goes too (no `"privateFire": {}` left behind). */
function pruneEmpty(root: unknown, keys: Keys, depth: number): void {
  for (let length = keys.length - 1; length >= keys.length - depth && length > 0; length -= 1) {
    const parent = containerAt(root, keys.slice(0, length - 1));
    const key = keys[length - 1]!;
    const value = parent[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) delete parent[key];
  }
}

/**
 * The text typed at `keys`. An optional field left empty leaves the document, and so do the
 * optional objects it empties (`pruneDepth`: how many containers above it may go with it).
 */
export function setText(form: RateForm, keys: Keys, value: string, optional = false, pruneDepth = 0): RateForm {
  return change(form, (draft) => {
    const parent = containerAt(draft, keys.slice(0, -1));
    const key = keys[keys.length - 1]!;
    if (optional && value === '') {
      delete parent[key];
      pruneEmpty(draft, keys, pruneDepth);
    } else parent[key] = value;
  });
}

export function setFlag(form: RateForm, keys: Keys, on: boolean): RateForm {
  return change(form, (draft) => {
    const parent = containerAt(draft, keys.slice(0, -1));
    if (on) parent[keys[keys.length - 1]!] = true;
    else delete parent[keys[keys.length - 1]!];
  });
}

/** A winter-average box: the group is in the document while any of its boxes has something. */
export function setWinterAverage(form: RateForm, scheduleIndex: number, rateClass: RateClass, field: 'monthlyBaseCharge' | 'ratePerHcf' | 'capHcf', value: string): RateForm {
  return change(form, (draft) => {
    const rates = draft.schedules[scheduleIndex]!.wastewater![rateClass]!;
    const winter: Record<string, string> = { monthlyBaseCharge: '', ratePerHcf: '', ...rates.winterAverage, [field]: value };
    if (winter.capHcf === '') delete winter.capHcf;
    if (Object.values(winter).every((text) => text === '')) delete rates.winterAverage;
    else rates.winterAverage = winter as NonNullable<WastewaterClassRates['winterAverage']>;
  });
}

/** The first day of the month after `todayIso`: when a new schedule usually starts. */
export function firstOfNextMonth(todayIso: string): string {
  const [year, month] = todayIso.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The month the sample bills cover to see a schedule alone: its first 30 days. */
export const previewDateFor = (effectiveFrom: string) => addDaysIso(effectiveFrom, 30);

/** A new schedule from `effectiveFrom`, a copy of schedule `fromIndex`'s rates to be changed. */
export function addSchedule(form: RateForm, fromIndex: number, effectiveFrom: string): RateForm {
  return change(form, (draft) => {
    const source = structuredClone(draft.schedules[fromIndex]!);
    delete source.effectiveThrough;
    delete source.adoptedBy;
    draft.schedules.push({ ...source, effectiveFrom, name: `Rates from ${effectiveFrom}` });
  });
}

export const removeSchedule = (form: RateForm, index: number) => change(form, (draft) => void draft.schedules.splice(index, 1));

const tiersOf = (draft: RateForm, scheduleIndex: number, rateClass: RateClass) => draft.schedules[scheduleIndex]!.water.classes[rateClass]!.tiers;

/** A tier before the open-ended one, its bound and rate to fill in. */
export const addTier = (form: RateForm, scheduleIndex: number, rateClass: RateClass) =>
  change(form, (draft) => {
    const tiers = tiersOf(draft, scheduleIndex, rateClass);
    tiers.splice(tiers.length - 1, 0, { upToHcf: '', ratePerHcf: '' });
  });

/** Removing the open-ended tier makes the one before it open-ended; the only tier stays. */
export const removeTier = (form: RateForm, scheduleIndex: number, rateClass: RateClass, index: number) =>
  change(form, (draft) => {
    const tiers = tiersOf(draft, scheduleIndex, rateClass);
    if (tiers.length < 2) return;
    tiers.splice(index, 1);
    tiers[tiers.length - 1]!.upToHcf = null;
  });

export const addWaterClass = (form: RateForm, scheduleIndex: number, rateClass: RateClass) =>
  change(form, (draft) => {
    const fresh: WaterClassRates = { tiers: [{ upToHcf: null, ratePerHcf: '' }] };
    draft.schedules[scheduleIndex]!.water.classes[rateClass] = fresh;
  });

export const removeWaterClass = (form: RateForm, scheduleIndex: number, rateClass: RateClass) =>
  change(form, (draft) => void delete draft.schedules[scheduleIndex]!.water.classes[rateClass]);

export const addWastewaterClass = (form: RateForm, scheduleIndex: number, rateClass: RateClass) =>
  change(form, (draft) => {
    const schedule = draft.schedules[scheduleIndex]!;
    schedule.wastewater = { ...schedule.wastewater, [rateClass]: { method: 'flat_per_unit', monthlyChargePerUnit: '' } };
  });

export const removeWastewaterClass = (form: RateForm, scheduleIndex: number, rateClass: RateClass) =>
  change(form, (draft) => {
    const schedule = draft.schedules[scheduleIndex]!;
    delete schedule.wastewater?.[rateClass];
    if (schedule.wastewater && Object.keys(schedule.wastewater).length === 0) delete schedule.wastewater;
  });

export const addFee = (form: RateForm, scheduleIndex: number) =>
  change(form, (draft) => {
    const schedule = draft.schedules[scheduleIndex]!;
    schedule.fees = [...(schedule.fees ?? []), { code: '', fee: { description: '', kind: 'flat', amount: '' } }];
  });

export const removeFee = (form: RateForm, scheduleIndex: number, row: number) => change(form, (draft) => void draft.schedules[scheduleIndex]!.fees!.splice(row, 1));

/** A flat fee becomes a percentage (or back): the description stays, the amounts start empty. */
export const setFeeKind = (form: RateForm, scheduleIndex: number, row: number, kind: FeeRate['kind']) =>
  change(form, (draft) => {
    const fee = draft.schedules[scheduleIndex]!.fees![row]!;
    fee.fee = kind === 'flat' ? { description: fee.fee.description, kind, amount: '' } : { description: fee.fee.description, kind, percent: '' };
  });

export const missingClasses = (present: Partial<Record<RateClass, unknown>> | undefined) => RATE_CLASSES.filter((rateClass) => present?.[rateClass] === undefined);
export const presentClasses = (present: Partial<Record<RateClass, unknown>> | undefined) => RATE_CLASSES.filter((rateClass) => present?.[rateClass] !== undefined);

/** The value at `keys` as the text of an input ("" when absent). */
export function textAt(form: RateForm, keys: Keys): string {
  let at: unknown = form;
  for (const key of keys) {
    if (at === null || typeof at !== 'object') return '';
    at = (at as Mutable)[key];
  }
  return typeof at === 'string' ? at : '';
}
