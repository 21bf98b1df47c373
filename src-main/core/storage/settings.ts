/** District settings, stored as JSON values under string keys, with typed defaults. */
import type { Sqlite } from './database';

export const SETTING_DEFAULTS = {
  districtName: 'Billing Office',
  /** Printed under the name on bills and their remittance stubs; one line per line ("PO Box 12\nValle Verde, CA 95350"). */
  districtAddress: '',
  districtPhone: '',
  /** How a partial payment is spread over open charges (contract/payments PAYMENT_APPLICATION_RULES). */
  paymentApplicationRule: 'oldest_first',
  isDemo: false,
  /**
   * Absolute lifetime of a login session in hours (core/users/sessions.ts): however busy, a
   * session ends this long after its login, and the user logs in again. Applies to sessions
   * opened after a change. The idle limit (8 hours without use) applies as well.
   */
  sessionMaxHours: 12,
  /**
   * BAI2 lockbox type codes, comma-separated (core/payments/lockbox-settings.ts): the 16 records
   * that are payments, and those that are the deposit's total (reported in a note).
   */
  lockboxItemTypeCodes: '116',
  lockboxDepositTypeCodes: '115',
  /**
   * A routine verify checks only what came after the last one that passed (core/ledger/
   * verify-checkpoint.ts); it runs a full pass by itself, re-reading every old row, when the last
   * full one is this many days old or more.
   */
  fullVerifyEveryDays: 7,
  /**
   * The district's shut-off schedule for non-residential service (core/collections/guard.ts):
   * days past due, and business days after a written notice or phone contact. Residential
   * service follows SB 998 (60 days, 7 business days), which no setting can shorten.
   */
  collectionsNonResidentialDaysDelinquent: 45,
  collectionsNonResidentialNoticeBusinessDays: 5,
  /** Where the receivable aging's past-due buckets start, in days, comma-separated (core/collections/aging-settings.ts). */
  collectionsAgingBucketStarts: '1,31,61,91',
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;
type SettingValue<Key extends SettingKey> = (typeof SETTING_DEFAULTS)[Key] extends boolean
  ? boolean
  : (typeof SETTING_DEFAULTS)[Key] extends number
    ? number
    : string;

export function getSetting<Key extends SettingKey>(db: Sqlite, key: Key): SettingValue<Key> {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
  return (row ? JSON.parse(row.value_json) : SETTING_DEFAULTS[key]) as SettingValue<Key>;
}

export function setSetting<Key extends SettingKey>(db: Sqlite, key: Key, value: SettingValue<Key>): void {
  db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json').run(
    key,
    JSON.stringify(value),
  );
}
