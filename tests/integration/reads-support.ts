/**
 * A small cycle for the read tests: five meters on cycle 1 (routes R1 and R2), 4-dial HCF
 * registers, 13 monthly reads of 10 HCF each (2025-10 … 2026-10, latest reading 130 on
 * 2026-10-09) after an install read of 0 on 2025-09-01. Reads for 2026-11 are then imported.
 */
import type { ParsedReadRow, ParseResult } from '../../src-main/core/reads/formats/types';
import { analyzeImport, commitImport, previewOf } from '../../src-main/core/reads/import';
import { getReadValidationSettings } from '../../src-main/core/reads/settings';
import { periodMinusMonths } from '../../src-main/core/reads/validate';
import type { TestOffice } from '../support/office';

export const PERIOD = '2026-11';
export const SERIALS = ['M-1', 'M-2', 'M-3', 'M-4', 'M-5'] as const;

export interface CycleFixture {
  accountNumbers: Record<string, string>;
  accountIds: Record<string, number>;
  meterIds: Record<string, number>;
}

export async function createCycle(office: TestOffice): Promise<CycleFixture> {
  const fixture: CycleFixture = { accountNumbers: {}, accountIds: {}, meterIds: {} };
  const db = office.runtime.database.sqlite;
  for (const [index, serial] of SERIALS.entries()) {
    const account = await office.as('clerk').must('accounts.create', {
      customer: { kind: 'person', firstName: 'Ana', lastName: `Reader${index + 1}`, primaryPhone: '209-555-0100', mailing: { street: `${index + 1} Elm St`, city: 'Valle Verde', state: 'CA', zip: '95350' } },
      location: { street: `${index + 1} Elm St`, city: 'Valle Verde', zip: '95350', route: index < 3 ? 'R1' : 'R2', sequence: index + 1, cycle: 1 },
      meter: { serial, size: '5/8', dials: 4, unit: 'HCF', installedOn: '2025-09-01', initialReading: 0 },
      services: [{ service: 'water', rateClass: 'residential' }],
      openedOn: '2025-09-01',
    });
    fixture.accountNumbers[serial] = account.accountNumber;
    fixture.accountIds[serial] = account.accountId;
    fixture.meterIds[serial] = account.meters[0]!.meterId;
  }
  const insert = db.prepare(
    `INSERT INTO meter_reads (meter_id, account_id, read_date, reading, usage_hcf, estimated, source, created_at) VALUES (?, ?, ?, ?, '10', 0, 'amr', ?)`,
  );
  db.transaction(() => {
    for (const serial of SERIALS) {
      for (let month = 13; month >= 1; month -= 1) {
        const period = periodMinusMonths(PERIOD, month);
        insert.run(fixture.meterIds[serial], fixture.accountIds[serial], `${period}-09`, (14 - month) * 10, `${period}-09T20:00:00.000Z`);
      }
    }
  })();
  return fixture;
}

export function row(line: number, meterSerial: string, reading: string, extra: Partial<ParsedReadRow> = {}): ParsedReadRow {
  return {
    line,
    meterSerial,
    accountNumber: null,
    readDate: '2026-11-09',
    readAt: null,
    reading,
    unit: null,
    multiplier: null,
    estimated: false,
    faulted: false,
    leakFlag: false,
    dials: null,
    ...extra,
  };
}

export function parsed(rows: ParsedReadRow[], problems: ParseResult['problems'] = []): ParseResult {
  return { format: 'test-rows', rows, problems };
}

/** Core import as the operations run it (the handler parses the file first; here rows are given). */
export function importRows(office: TestOffice, rows: ParsedReadRow[], options: { fileName?: string; skipUnmatched?: boolean; problems?: ParseResult['problems']; commit?: boolean } = {}) {
  const db = office.runtime.database.sqlite;
  const bytes = Buffer.from(JSON.stringify(rows));
  const analysis = analyzeImport(
    db,
    { fileName: options.fileName ?? 'cycle1.csv', bytes, cycle: 1, period: PERIOD, skipUnmatched: options.skipUnmatched ?? false },
    parsed(rows, options.problems),
    getReadValidationSettings(db),
  );
  if (options.commit === false) return previewOf(analysis);
  const userId = db.prepare("SELECT id FROM users WHERE username = 'tomas'").pluck().get() as number;
  return db.transaction(() => commitImport(db, analysis, userId, '2026-11-10T17:00:00.000Z'))();
}

export const count = (office: TestOffice, sql: string) => office.runtime.database.sqlite.prepare(sql).pluck().get() as number;
