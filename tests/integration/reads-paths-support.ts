/**
 * The two ways a read is validated against its meter's past, side by side: the bulk path of an
 * import (analyzeImport → loadCycleMeters' cycle-wide summary query) and the single-meter path
 * (validateRead over the meter's whole history as documented in validate.ts, and loadMeter's
 * summary as a correction or re-read uses it). Tests compare the three results.
 */
import type { ParsedReadRow } from '../../src-main/core/reads/formats/types';
import { loadMeter } from '../../src-main/core/reads/history';
import { analyzeImport } from '../../src-main/core/reads/import';
import { validateRead, validateWithSummary, type HistoryRead, type ValidationResult } from '../../src-main/core/reads/validate';
import type { ReadValidationSettings } from '../../src-shared/contract/reads';
import type { Sqlite } from '../../src-main/core/storage/database';
import { parsed } from './reads-support';

interface StoredRead {
  period: string;
  readDate: string;
  reading: string | number;
  usageHcf: string;
  estimated: number;
  source: string;
}

/** Every read of the meter before the period, newest first (read date, then id): validateRead's `history`. */
export function fullHistory(db: Sqlite, meterId: number, period: string): HistoryRead[] {
  const rows = db
    .prepare<[number, string], StoredRead>(
      `SELECT COALESCE(period, substr(read_date, 1, 7)) AS period, read_date AS readDate, COALESCE(reading_text, reading) AS reading,
              usage_hcf AS usageHcf, estimated, source
       FROM meter_reads WHERE meter_id = ? AND COALESCE(period, substr(read_date, 1, 7)) < ? ORDER BY read_date DESC, id DESC`,
    )
    .all(meterId, period);
  return rows.map((row) => ({
    period: row.period,
    readDate: row.readDate,
    reading: String(row.reading),
    usageHcf: row.usageHcf,
    estimated: row.estimated === 1,
    baseline: row.source === 'install',
  }));
}

export interface PathResults {
  bulk: ValidationResult;
  history: ValidationResult;
  loadMeter: ValidationResult;
}

/**
 * Each row of `rows` (one per meter, readings in the meter's own HCF units) validated three ways.
 * Only rows the import validates are returned (an already-read meter is skipped by the import).
 */
export function validateThreeWays(db: Sqlite, cycle: number, period: string, rows: ParsedReadRow[], settings: ReadValidationSettings): Map<string, PathResults> {
  const bytes = Buffer.from(JSON.stringify(rows));
  const analysis = analyzeImport(db, { fileName: 'paths.csv', bytes, cycle, period, skipUnmatched: true }, parsed(rows), settings);
  const results = new Map<string, PathResults>();
  for (const { row, meter, reading, validation } of analysis.reads) {
    const read = { reading, readDate: row.readDate, period, estimated: row.estimated, leakFlag: row.leakFlag, fileMultiplier: row.multiplier };
    const single = loadMeter(db, meter.meterId, period, settings);
    if (!single) throw new Error(`loadMeter found no meter ${meter.meterId}`);
    results.set(row.meterSerial, {
      bulk: validation,
      history: validateRead(read, single, single.accountActive, fullHistory(db, meter.meterId, period), settings),
      loadMeter: validateWithSummary(read, single, single.accountActive, single.summary, settings),
    });
  }
  return results;
}
