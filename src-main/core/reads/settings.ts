/** The read-validation thresholds: one district setting (JSON under "readValidation") with defaults. */
import { readValidationSettings, type ReadValidationSettings } from '../../../src-shared/contract/reads';
import type { Sqlite } from '../storage/database';

const SETTING_KEY = 'readValidation';

/** Defaults documented in README.md; a district changes them with reads.setSettings (supervisor). */
export const READ_VALIDATION_DEFAULTS: ReadValidationSettings = Object.freeze({
  highPercent: 50,
  veryHighPercent: 200,
  lowPercent: 50,
  averagePeriods: 12,
  compareWithPrior: true,
  compareWithLastYear: true,
  compareWithAverage: true,
  minimumBenchmarkHcf: '2',
  repeatedUsePeriods: 3,
  maxConsecutiveEstimates: 3,
  capacityPercent: 50,
  rolloverAverageFactor: 10,
  flagZeroUse: true,
  estimateAveragePeriods: 3,
});

export function getReadValidationSettings(db: Sqlite): ReadValidationSettings {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(SETTING_KEY) as { value_json: string } | undefined;
  if (!row) return { ...READ_VALIDATION_DEFAULTS };
  // Stored values over the defaults, so a threshold added in a later version gets its default.
  const stored = readValidationSettings.partial().safeParse(JSON.parse(row.value_json));
  return { ...READ_VALIDATION_DEFAULTS, ...(stored.success ? stored.data : {}) };
}

export function setReadValidationSettings(db: Sqlite, changes: Partial<ReadValidationSettings>): ReadValidationSettings {
  const next = readValidationSettings.parse({ ...getReadValidationSettings(db), ...changes });
  db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json').run(
    SETTING_KEY,
    JSON.stringify(next),
  );
  return next;
}
