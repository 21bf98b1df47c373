/** The review worklist: light rows for a virtualized list, and one exception with its evidence. */
import type {
  ReadExceptionAction,
  ReadExceptionDetail,
  ReadExceptionRow,
  ReadExceptionType,
  ReadFinding,
  UsageHistoryPoint,
  MeterReadStatus,
} from '../../../src-shared/contract/reads';
import type { ParsedInputOf } from '../../../src-shared/contract';
import { displayName, formatServiceAddress } from '../accounts/format';
import { perConnection } from '../storage/prepared';
import { notFound } from '../errors';
import type { Sqlite } from '../storage/database';
import { listWorkOrders } from '../work-orders';
import { getReadValidationSettings } from './settings';

/** Periods of history shown beside an abnormal read (the issue asks for at least 13). */
export const HISTORY_POINTS = 25;

/** One row of EXCEPTION_SELECT: the contract's row with the customer's name and address in parts. */
type ExceptionDbRow = Omit<ReadExceptionRow, 'types' | 'customerName' | 'serviceAddress'> & {
  /** Comma-separated types, as stored. */
  types: string;
  kind: 'person' | 'business' | null;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  street: string;
  unit: string;
  city: string;
};

const EXCEPTION_SELECT = `
  SELECT e.id AS exceptionId, e.cycle, e.period, e.type, e.types, e.severity, e.status, e.resolution,
         e.account_id AS accountId, a.account_number AS accountNumber,
         c.kind, c.first_name AS firstName, c.last_name AS lastName, c.business_name AS businessName,
         l.street, l.unit, l.city, l.route, l.sequence,
         e.meter_id AS meterId, m.serial AS meterSerial, e.read_id AS readId,
         COALESCE(r.read_date, e.read_date) AS readDate, COALESCE(r.reading_text, CAST(r.reading AS TEXT), e.reading_text) AS reading,
         COALESCE(r.usage_hcf, e.usage_hcf) AS usageHcf,
         e.prior_usage_hcf AS priorUsageHcf, e.last_year_usage_hcf AS lastYearUsageHcf, e.average_usage_hcf AS averageUsageHcf,
         e.expected_low_hcf AS expectedLowHcf, e.expected_high_hcf AS expectedHighHcf,
         (SELECT w.id FROM work_orders w WHERE w.exception_id = e.id AND w.status = 'open' ORDER BY w.id DESC LIMIT 1) AS workOrderId,
         e.message
  FROM read_exceptions e
  JOIN meters m ON m.id = e.meter_id
  JOIN service_locations l ON l.id = m.location_id
  LEFT JOIN accounts a ON a.id = e.account_id
  LEFT JOIN customers c ON c.id = a.customer_id
  LEFT JOIN meter_reads r ON r.id = e.read_id`;

const statements = perConnection((db: Sqlite) => ({
  one: db.prepare<[number], ExceptionDbRow>(`${EXCEPTION_SELECT} WHERE e.id = ?`),
  findings: db.prepare<[number], string>('SELECT findings_json FROM read_exceptions WHERE id = ?').pluck(),
  account: db.prepare<[number], { accountId: number; accountNumber: string; status: 'active' | 'closed'; phone: string; kind: 'person' | 'business'; firstName: string; lastName: string; businessName: string; street: string; unit: string; city: string }>(
    `SELECT a.id AS accountId, a.account_number AS accountNumber, a.status, c.primary_phone AS phone, c.kind, c.first_name AS firstName,
            c.last_name AS lastName, c.business_name AS businessName, l.street, l.unit, l.city
     FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id WHERE a.id = ?`,
  ),
  meter: db.prepare<[number], ReadExceptionDetail['meter']>(
    `SELECT id AS meterId, serial, size, dials, multiplier, unit, status, installed_on AS installedOn FROM meters WHERE id = ?`,
  ),
  read: db.prepare<[number], { readId: number; readDate: string; reading: string; usageHcf: string; estimated: number; status: MeterReadStatus; originalReading: string | null; originalUsageHcf: string | null; meterId: number }>(
    `SELECT id AS readId, read_date AS readDate, COALESCE(reading_text, CAST(reading AS TEXT)) AS reading, usage_hcf AS usageHcf, estimated, status,
            original_reading_text AS originalReading, original_usage_hcf AS originalUsageHcf, meter_id AS meterId
     FROM meter_reads WHERE id = ?`,
  ),
  history: db.prepare<[number, string, number], { readId: number; period: string; readDate: string; reading: string; usageHcf: string; estimated: number; source: string }>(
    `SELECT id AS readId, COALESCE(period, substr(read_date, 1, 7)) AS period, read_date AS readDate, COALESCE(reading_text, CAST(reading AS TEXT)) AS reading,
            usage_hcf AS usageHcf, estimated, source
     FROM meter_reads WHERE meter_id = ? AND COALESCE(period, substr(read_date, 1, 7)) <= ? AND source <> 'install'
     ORDER BY read_date DESC, id DESC LIMIT ?`,
  ),
  actions: db.prepare<[number], ReadExceptionAction>(
    `SELECT x.at, COALESCE(u.display_name, 'system') AS byUser, x.action, x.reason, x.detail
     FROM read_exception_actions x LEFT JOIN users u ON u.id = x.user_id WHERE x.exception_id = ? ORDER BY x.id`,
  ),
  created: db.prepare<[number], { at: string; importId: number | null; fileName: string | null; byUser: string | null }>(
    `SELECT e.created_at AS at, e.import_id AS importId, i.file_name AS fileName, u.display_name AS byUser
     FROM read_exceptions e LEFT JOIN read_imports i ON i.id = e.import_id LEFT JOIN users u ON u.id = i.imported_by_user_id WHERE e.id = ?`,
  ),
}));

function toRow(row: ExceptionDbRow): ReadExceptionRow {
  const { kind, firstName, lastName, businessName, street, unit, city, types, ...rest } = row;
  return {
    ...rest,
    types: types.split(',').filter(Boolean) as ReadExceptionType[],
    customerName: kind ? displayName({ kind, firstName: firstName ?? '', lastName: lastName ?? '', businessName: businessName ?? '' }) : '',
    serviceAddress: formatServiceAddress({ street, unit, city }),
  };
}

export function listExceptions(db: Sqlite, filter: ParsedInputOf<'reads.exceptions'>): { rows: ReadExceptionRow[]; total: number; truncated: boolean } {
  const where = ['e.cycle = @cycle', 'e.period = @period'];
  const params: Record<string, unknown> = { cycle: filter.cycle, period: filter.period, limit: filter.limit };
  if (filter.statuses && filter.statuses.length > 0) {
    where.push(`e.status IN (${filter.statuses.map((_, index) => `@status${index}`).join(', ')})`);
    filter.statuses.forEach((status, index) => (params[`status${index}`] = status));
  }
  if (filter.types && filter.types.length > 0) {
    where.push(`(${filter.types.map((_, index) => `e.types LIKE @type${index}`).join(' OR ')})`);
    filter.types.forEach((type, index) => (params[`type${index}`] = `%,${type},%`));
  }
  if (filter.route) {
    where.push('l.route = @route');
    params.route = filter.route;
  }
  const clause = where.join(' AND ');
  const total = db
    .prepare(`SELECT COUNT(*) FROM read_exceptions e JOIN meters m ON m.id = e.meter_id JOIN service_locations l ON l.id = m.location_id WHERE ${clause}`)
    .pluck()
    .get(params) as number;
  // Worklist order: open first, most severe first, then in route order as a reader walks it.
  const rows = db
    .prepare<Record<string, unknown>, ExceptionDbRow>(
      `${EXCEPTION_SELECT} WHERE ${clause}
       ORDER BY CASE e.status WHEN 'open' THEN 0 WHEN 'held' THEN 1 ELSE 2 END,
                CASE e.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, l.route, l.sequence, e.id
       LIMIT @limit`,
    )
    .all(params);
  return { rows: rows.map(toRow), total, truncated: total > rows.length };
}

export function getExceptionRow(db: Sqlite, exceptionId: number): ReadExceptionRow {
  const row = statements(db).one.get(exceptionId);
  if (!row) throw notFound(`Exception ${exceptionId}`, 'exceptionId');
  return toRow(row);
}

export function getExceptionDetail(db: Sqlite, exceptionId: number): ReadExceptionDetail {
  const prepared = statements(db);
  const exception = getExceptionRow(db, exceptionId);
  const account = exception.accountId === null ? undefined : prepared.account.get(exception.accountId);
  const meter = prepared.meter.get(exception.meterId);
  if (!meter) throw notFound(`Meter ${exception.meterId}`);
  const read = exception.readId === null ? undefined : prepared.read.get(exception.readId);
  const rawHistory = prepared.history.all(exception.meterId, exception.period, HISTORY_POINTS);
  // The read before the one under review (or before the period, for a missing read).
  const priorIndex = read ? rawHistory.findIndex((item) => item.readId === read.readId) + 1 : rawHistory.findIndex((item) => item.period < exception.period);
  const prior = priorIndex >= 0 ? rawHistory[priorIndex] : undefined;
  const history: UsageHistoryPoint[] = rawHistory
    .map((item) => ({
      period: item.period,
      readDate: item.readDate,
      reading: item.reading,
      usageHcf: item.usageHcf,
      estimated: item.estimated === 1,
      current: read !== undefined && item.readId === read.readId,
    }))
    .reverse();
  const created = prepared.created.get(exceptionId);
  const actions: ReadExceptionAction[] = [
    {
      at: created?.at ?? '',
      byUser: created?.byUser ?? 'system',
      action: 'created',
      reason: '',
      detail: created?.importId ? `found in import ${created.importId} (${created.fileName})` : 'raised for an unread meter',
    },
    ...prepared.actions.all(exceptionId),
  ];
  return {
    exception,
    findings: JSON.parse(prepared.findings.get(exceptionId) ?? '[]') as ReadFinding[],
    account: account
      ? {
          accountId: account.accountId,
          accountNumber: account.accountNumber,
          customerName: displayName(account),
          serviceAddress: formatServiceAddress(account),
          status: account.status,
          phone: account.phone,
        }
      : null,
    meter,
    read: read
      ? {
          readId: read.readId,
          readDate: read.readDate,
          reading: read.reading,
          usageHcf: read.usageHcf,
          estimated: read.estimated === 1,
          status: read.status,
          originalReading: read.originalReading,
          originalUsageHcf: read.originalUsageHcf,
          priorReading: prior?.reading ?? null,
          priorReadDate: prior?.readDate ?? null,
        }
      : null,
    history,
    benchmarks: {
      priorHcf: exception.priorUsageHcf,
      lastYearHcf: exception.lastYearUsageHcf,
      averageHcf: exception.averageUsageHcf,
      averagePeriods: getReadValidationSettings(db).averagePeriods,
    },
    actions,
    workOrders: listWorkOrders(db, { exceptionId, limit: 50 }),
  };
}
