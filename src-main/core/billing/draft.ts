/**
 * Deciding each account of a run: billed (with its computed bill), held (someone decided to
 * wait, and why) or blocked (the run cannot bill it: no read, an open exception, a period that
 * makes no sense). Pure over the facts and the rates, so tests can check every rule directly.
 */
import type { BillKind, BillMessageCode, Disposition } from '../../../src-shared/contract/billing';
import type { ComputedBill } from '../../../src-shared/contract/rates';
import { OfficeError } from '../errors';
import { computeBill, type BillInput, type RateBook, type ServiceFacts } from '../rates';
import type { AccountFacts } from './facts';

export interface RunContext {
  cycle: number;
  period: string;
  billDate: string;
  rates: RateBook;
  /**
   * Bills already computed in this run, by their inputs: most accounts of a cycle share a meter
   * size, a class, the read dates and a whole-HCF use, and computeBill is pure, so the same inputs
   * give the same (immutable, shared) bill. A failure is remembered as its message.
   */
  computed?: Map<string, ComputedBill | string>;
}

/**
 * The same text for the same inputs, built by walking every field (nothing can be left out when a
 * field is added), several times cheaper than JSON.stringify at 50,000 accounts. Values are dates,
 * enums, decimal strings and numbers; the separators cannot occur in them.
 */
export function memoKey(value: unknown): string {
  const parts: string[] = [];
  walkKey(value, parts);
  return parts.join('\u0001');
}

function walkKey(value: unknown, parts: string[]): void {
  if (value === null || typeof value !== 'object') {
    parts.push(`${(typeof value)[0]}${String(value)}`);
  } else if (Array.isArray(value)) {
    parts.push('[');
    for (const item of value) walkKey(item, parts);
    parts.push(']');
  } else {
    parts.push('{');
    for (const name in value) {
      parts.push(`${name}\u0002`);
      walkKey((value as Record<string, unknown>)[name], parts);
    }
    parts.push('}');
  }
}

/** computeBill, or the remembered result for the same inputs (services carry no ids: lines are the same for everyone). */
function computeOnce(run: RunContext, input: Omit<BillInput, 'rates'>): ComputedBill {
  if (!run.computed) return computeBill({ rates: run.rates, ...input });
  const key = memoKey(input);
  const known = run.computed.get(key);
  if (typeof known === 'string') throw new OfficeError('INVALID_INPUT', known);
  if (known) return known;
  try {
    const bill = computeBill({ rates: run.rates, ...input });
    run.computed.set(key, bill);
    return bill;
  } catch (error) {
    if (error instanceof OfficeError) run.computed.set(key, error.message);
    throw error;
  }
}

export interface PlannedBill {
  kind: BillKind;
  readId: number | null;
  priorReadId: number | null;
  computed: ComputedBill;
  messageCodes: BillMessageCode[];
}

export interface Decision {
  disposition: Disposition;
  reason: string;
  bill: PlannedBill | null;
}

const blocked = (reason: string): Decision => ({ disposition: 'blocked', reason, bill: null });
const held = (reason: string): Decision => ({ disposition: 'held', reason, bill: null });

/** The period [from, to) a water account is billed for, or why it cannot be billed. */
function meteredPeriod(facts: AccountFacts, run: RunContext): { fromDate: string; toDate: string } | Decision {
  if (facts.meterId === null) return blocked('No active meter at the service location');
  const read = facts.read;
  if (!read) return blocked(`No read for ${run.period} (unread meter)`);
  if (facts.exception?.status === 'open') return blocked(`Open read exception: ${facts.exception.message}`);
  if (facts.exception?.status === 'held') return held(`Read exception held${facts.exception.note ? `: ${facts.exception.note}` : ''}`);
  if (read.status === 'review') return blocked('The read is still under review');
  if (!facts.priorRead) return blocked('No earlier read to measure the period from');
  if (facts.billedThrough !== null && facts.billedThrough >= read.readDate) return blocked(`Already billed through ${facts.billedThrough}`);
  return { fromDate: facts.priorRead.readDate, toDate: read.readDate };
}

/** An account without water (fire line only, flat wastewater) is billed from its last bill to the bill date. */
function unmeteredPeriod(facts: AccountFacts, run: RunContext): { fromDate: string; toDate: string } | Decision {
  const fromDate = facts.billedThrough ?? facts.openedOn;
  if (fromDate >= run.billDate) return blocked(`Already billed through ${fromDate}`);
  return { fromDate, toDate: run.billDate };
}

/** The account's services over the span, with the first day (move-in) and the move-out day where they fall inside it. */
export function serviceFacts(facts: AccountFacts, span: { fromDate: string; toDate: string }): ServiceFacts[] {
  const finalDay = facts.status === 'closed' && facts.closedOn !== null && facts.closedOn <= span.toDate ? facts.closedOn : undefined;
  return facts.services
    .filter((service) => service.startedOn < span.toDate && (service.endedOn === null || service.endedOn > span.fromDate))
    .map((service) => {
      // The later of the service's start and the account's opening, when inside the span.
      const startedOn = latest(inside(service.startedOn, span.fromDate, '9999'), inside(facts.openedOn, span.fromDate, '9999'));
      // The earlier of the service's end and the move-out day, when inside the span.
      const endedOn = earliest(inside(service.endedOn, '', span.toDate), inside(finalDay, '', span.toDate));
      return {
        serviceId: service.serviceId,
        service: service.service,
        rateClass: service.rateClass,
        dwellingUnits: service.dwellingUnits,
        ...(service.service === 'water' && facts.meterSize ? { meterSize: facts.meterSize } : {}),
        ...(service.fireLineSizeInches !== null ? { fireLineSizeInches: service.fireLineSizeInches } : {}),
        ...(startedOn ? { startedOn } : {}),
        ...(endedOn ? { endedOn } : {}),
      };
    });
}

/** The day when strictly between after and before (ISO dates compare as text), else undefined. */
const inside = (day: string | null | undefined, after: string, before: string): string | undefined =>
  day !== null && day !== undefined && day > after && day < before ? day : undefined;
const latest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a > b ? a : b);
const earliest = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a < b ? a : b);

/**
 * The account's first bill (message FIRST): nothing is posted for the account yet, and it is new —
 * it opened no earlier than the period's first day (a new account is measured from its move-in
 * read, taken the day it opens, so its start is the period's first day, not inside it), or a
 * service started inside the period. An account opened long before its first bill in this office
 * (converted from an older system) is not new; a service added to an account already billed is
 * prorated but is not a first bill.
 */
function kindOf(facts: AccountFacts, services: readonly ServiceFacts[], span: { fromDate: string }): BillKind {
  if (services.some((service) => service.endedOn !== undefined) && facts.status === 'closed') return 'final';
  const isNew = facts.openedOn >= span.fromDate || services.some((service) => service.startedOn !== undefined);
  if (facts.billedThrough === null && isNew) return 'first';
  return 'regular';
}

function messageCodes(facts: AccountFacts, kind: BillKind, estimated: boolean): BillMessageCode[] {
  const codes: BillMessageCode[] = [];
  if (kind === 'final') codes.push('FINAL');
  if (kind === 'first') codes.push('FIRST');
  if (facts.autopay) codes.push('AUTOPAY');
  if (facts.balanceCents > 0) codes.push('PAST_DUE');
  if (estimated) codes.push('ESTIMATED');
  return codes;
}

/** What the run does with one account. */
export function decide(facts: AccountFacts, run: RunContext): Decision {
  if (facts.billHoldReason !== null) return held(`Account on bill hold: ${facts.billHoldReason}`);
  if (facts.services.length === 0) return blocked('The account has no services to bill');
  const metered = facts.services.some((service) => service.service === 'water');
  const span = metered ? meteredPeriod(facts, run) : unmeteredPeriod(facts, run);
  if ('disposition' in span) return span;
  const services = serviceFacts(facts, span);
  if (services.length === 0) return blocked(`No service was active between ${span.fromDate} and ${span.toDate}`);
  const estimated = facts.read?.estimated ?? false;
  try {
    const computed = computeOnce(run, {
      period: span,
      services: services.map(({ serviceId: _id, ...service }) => service),
      usageHcf: metered ? (facts.read?.usageHcf ?? '0') : '0',
      estimated,
      ...(facts.winterAverageHcf !== null ? { winterAverageHcf: facts.winterAverageHcf } : {}),
    });
    const kind = kindOf(facts, services, span);
    return {
      disposition: 'billed',
      reason: '',
      bill: { kind, readId: facts.read?.readId ?? null, priorReadId: facts.priorRead?.readId ?? null, computed, messageCodes: messageCodes(facts, kind, estimated) },
    };
  } catch (error) {
    if (error instanceof OfficeError) return blocked(`Cannot compute the bill: ${error.message}`);
    throw error;
  }
}
