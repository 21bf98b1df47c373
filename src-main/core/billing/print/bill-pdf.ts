/**
 * Bills as PDFs for reprints and resends: the data a printed bill shows (BillView plus the
 * mailing address and the district's name and address), the template in bill-template.ts, one
 * shared jsreport in core/reports. Reads first, synchronously; renders after (a read operation).
 */
import type { BillMessageCode, BillView } from '../../../../src-shared/contract/billing';
import { formatCents } from '../../../../src-shared/money';
import { perConnection } from '../../storage/prepared';
import { OfficeError } from '../../errors';
import { renderPdf } from '../../reports/renderer';
import type { Sqlite } from '../../storage/database';
import { getSetting } from '../../storage/settings';
import { getBillView } from '../bills';
import { BILL_TEMPLATE } from './bill-template';
import { mailingLines, printedAddress, serviceAddressParts, type PrintedAddress } from './address';
import { loadPrintRecords, postedRun, unitLabel } from './records';

const statements = perConnection((db: Sqlite) => ({
  mailing: db.prepare<
    [number],
    { kind: string; firstName: string; lastName: string; businessName: string; street: string; city: string; state: string; zip: string; country: string; serviceStreet: string; unit: string; serviceCity: string }
  >(
    `SELECT c.kind, c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName,
            c.mailing_street AS street, c.mailing_city AS city, c.mailing_state AS state, c.mailing_zip AS zip, c.mailing_country AS country,
            l.street AS serviceStreet, l.unit, l.city AS serviceCity
     FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id WHERE a.id = ?`,
  ),
}));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-12" → "Nov 12, 2026". */
export function longDate(isoDate: string | null): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${MONTHS[Number(month) - 1]} ${Number(day)}, ${year}`;
}

/** The sentence each message code prints on the bill. */
function messageText(code: BillMessageCode, bill: BillView): string {
  switch (code) {
    case 'FINAL':
      return 'This is your final bill for this address. Any deposit held has been applied; a credit balance will be refunded by mail.';
    case 'FIRST':
      return 'Welcome! This is the first bill for your new account; charges are for the days since your service began.';
    case 'AUTOPAY':
      return `You are on autopay: ${formatCents(Math.max(bill.amountDueCents, 0))} will be debited from your bank account on ${longDate(bill.dueDate)}. Please do not pay by mail.`;
    case 'PAST_DUE':
      return `Your account was past due when this bill was prepared. Please pay ${formatCents(Math.max(bill.previousBalanceCents, 0))} now to avoid late fees; call us if you need a payment arrangement.`;
    case 'ESTIMATED':
      return 'Your meter could not be read this period, so this bill uses an estimated read. The next actual read corrects any difference.';
  }
}

/** The Luhn (mod 10) check digit of a string of digits, so the lockbox scanner catches a misread. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Scan line of the stub: account digits, amount due in cents (10 digits), due date YYMMDD, check digit. */
export function scanLine(accountNumber: string, amountDueCents: number, dueDate: string | null): string {
  const account = accountNumber.replace(/\D/g, '').padStart(10, '0');
  const amount = String(Math.max(amountDueCents, 0)).padStart(10, '0');
  const due = dueDate ? dueDate.replace(/-/g, '').slice(2, 8) : '000000';
  const body = `${account}${amount}${due}`;
  return `${account} ${amount} ${due} ${luhnDigit(body)}`;
}

const banner = (bill: BillView): string | null =>
  bill.status === 'draft' ? 'DRAFT — not yet a bill' : bill.status === 'cancelled' ? `CANCELLED ${longDate(bill.cancelled?.at ?? null)} — this bill is no longer owed` : null;

/**
 * The bill's name and addresses laid out exactly as the print file lays them out (address.ts): the
 * same words on the same lines, shortened by the same rule, so the reprint says what the vendor's
 * bill says.
 */
function addressOf(db: Sqlite, accountId: number): PrintedAddress {
  const row = statements(db).mailing.get(accountId)!;
  const unit = unitLabel(row.unit);
  return printedAddress({
    mailingName: row.kind === 'business' ? row.businessName : [row.firstName, row.lastName].filter(Boolean).join(' '),
    mailingStreet: row.street,
    mailingCity: row.city,
    mailingState: row.state,
    mailingZip: row.zip,
    mailingCountry: row.country,
    serviceStreet: unit === '' ? row.serviceStreet : `${row.serviceStreet} ${unit}`,
    serviceUnit: unit,
    serviceCity: row.serviceCity,
  });
}

/** Everything the template prints for one bill, already formatted (the template has no logic). */
export function billDocument(db: Sqlite, billId: number) {
  const bill = getBillView(db, billId);
  const address = addressOf(db, bill.accountId);
  const autopay = bill.messageCodes.includes('AUTOPAY');
  return {
    billId: bill.billId,
    banner: banner(bill),
    accountNumber: bill.accountNumber,
    /** The envelope's name lines (a long name takes two, as in the print file). */
    mailingNameLines: address.name.lines,
    /** The name on one line (the stub). */
    mailingName: address.name.lines.join(' '),
    mailingLines: mailingLines(address),
    /** Pieces the template keeps whole (a line of the print file each, the unit never split). */
    serviceAddressParts: serviceAddressParts(address),
    serviceAddress: serviceAddressParts(address).join(' '),
    billDate: longDate(bill.billDate),
    dueDate: longDate(bill.dueDate),
    period: `${longDate(bill.computed.fromDate)} – ${longDate(bill.computed.toDate)}`,
    periodDays: bill.computed.periodDays,
    kindLabel: bill.kind === 'final' ? 'Final bill' : bill.kind === 'first' ? 'First bill' : 'Water bill',
    hasRead: bill.reading !== null,
    meterSerial: bill.meterSerial ?? '',
    priorReadDate: longDate(bill.priorReadDate),
    priorReading: bill.priorReading ?? '',
    readDate: longDate(bill.readDate),
    reading: bill.reading ?? '',
    usageHcf: bill.computed.usageHcf,
    usageGallons: formatGallons(bill.computed.usageHcf),
    estimated: bill.computed.estimated,
    ...chargeLines(bill),
    previousBalance: formatCents(bill.previousBalanceCents),
    currentCharges: formatCents(bill.computed.totalCents),
    amountDue: formatCents(bill.amountDueCents),
    isCredit: bill.amountDueCents < 0,
    messages: bill.messageCodes.map((code) => messageText(code, bill)),
    replaces: bill.replacesBillId === null ? null : `This bill replaces bill ${bill.replacesBillId}, which was cancelled.`,
    autopay,
    scanLine: scanLine(bill.accountNumber, bill.amountDueCents, bill.dueDate),
  };
}

export type BillDocument = ReturnType<typeof billDocument>;

/** Charge lines page 1 holds above the messages, less one for each message beyond one and for a banner. */
const FIRST_PAGE_LINES = 7;

/** The lines page 1 shows and, when there are more than fit, the rest for a continuation page. */
function chargeLines(bill: BillView) {
  const all = bill.computed.lines.map((line) => ({ description: line.description, sentence: line.explanation.sentence, amountCents: line.amountCents }));
  const extraMessages = Math.max(0, bill.messageCodes.length + (bill.replacesBillId === null ? 0 : 1) - 1);
  const room = Math.max(3, FIRST_PAGE_LINES - extraMessages - (bill.status === 'posted' ? 0 : 1));
  const shown = all.length <= room ? all : all.slice(0, room - 1);
  const rest = all.slice(shown.length);
  const format = ({ amountCents, ...line }: (typeof all)[number]) => ({ ...line, amount: formatCents(amountCents) });
  return {
    lines: shown.map(format),
    continued: rest.length === 0 ? null : { count: rest.length, amount: formatCents(rest.reduce((sum, line) => sum + line.amountCents, 0)), lines: rest.map(format) },
  };
}

/** 1 HCF = 748 gallons exactly; "12.5" HCF → "9,350". */
function formatGallons(usageHcf: string): string {
  const [whole = '0', fraction = ''] = usageHcf.split('.');
  const tenThousandths = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4) || '0');
  const gallons = (tenThousandths * 748n + 5_000n) / 10_000n;
  return gallons.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function district(db: Sqlite) {
  return {
    name: getSetting(db, 'districtName'),
    addressLines: getSetting(db, 'districtAddress').split('\n').map((line) => line.trim()).filter(Boolean),
    phone: getSetting(db, 'districtPhone'),
  };
}

/** Read the bills' data now (synchronously), render later. `title` is the PDF's title (a viewer's title bar, a print queue). */
export function billPdfJob(db: Sqlite, billIds: readonly number[], title: string): () => Promise<Buffer> {
  const data = { title, district: district(db), bills: billIds.map((billId) => billDocument(db, billId)) };
  return () => renderPdf(BILL_TEMPLATE, data);
}

/** "Bill 4567 — Smith, Donna", "Final bill 4567 — …", with "(draft)" or "(cancelled)" when it is not a live bill. */
export function billTitle(bill: Pick<BillView, 'billId' | 'kind' | 'status' | 'customerName'>): string {
  const kind = bill.kind === 'final' ? 'Final bill' : bill.kind === 'first' ? 'First bill' : 'Bill';
  const status = bill.status === 'draft' ? ' (draft)' : bill.status === 'cancelled' ? ' (cancelled)' : '';
  return `${kind} ${bill.billId} — ${bill.customerName}${status}`;
}

export function billPdf(db: Sqlite, billId: number): { fileName: string; render: () => Promise<Buffer> } {
  const bill = getBillView(db, billId);
  const render = billPdfJob(db, [billId], billTitle(bill));
  return { fileName: `bill-${billId}-${bill.accountNumber}.pdf`, render };
}

/** The first `limit` live bills of a posted run (route order) as one PDF, a page per bill. */
export function runPdf(db: Sqlite, runId: number, limit: number): { fileName: string; billCount: number; totalBills: number; render: () => Promise<Buffer> } {
  const run = postedRun(db, runId);
  const billIds = loadPrintRecords(db, run).map((record) => record.billId);
  if (billIds.length === 0) throw new OfficeError('CONFLICT', `Run ${runId} has no bills to print`, 'runId');
  const chosen = billIds.slice(0, limit);
  const count = chosen.length < billIds.length ? `the first ${chosen.length} of ${billIds.length} bills` : `${billIds.length} bill${billIds.length === 1 ? '' : 's'}`;
  const title = `Bills of run ${runId} — cycle ${run.cycle}, ${run.period} (${count})`;
  return { fileName: `bills-run${runId}-cycle${run.cycle}-${run.period}.pdf`, billCount: chosen.length, totalBills: billIds.length, render: billPdfJob(db, chosen, title) };
}
