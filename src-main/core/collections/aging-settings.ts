/**
 * Where the aging's past-due buckets start (setting `collectionsAgingBucketStarts`, days past due,
 * comma-separated; default 1, 31, 61, 91: current, 1–30, 31–60, 61–90, over 90). A district that
 * wants "over 120" sets 1, 31, 61, 91, 121. Stored in the settings table: no migration.
 */
import { agingBuckets, DEFAULT_AGING_BUCKET_STARTS, MAX_AGING_BUCKETS, type AgingBucketSetting } from '../../../src-shared/contract/collections-aging';
import type { Sqlite } from '../storage/database';
import { getSetting, setSetting } from '../storage/settings';

/** The stored starts, or the default when the stored text is not a rising list of whole days. */
export function agingBucketStarts(db: Sqlite): number[] {
  const stored = getSetting(db, 'collectionsAgingBucketStarts');
  const starts = stored.split(',').map((part) => Number(part.trim()));
  const valid = starts.length >= 1 && starts.length <= MAX_AGING_BUCKETS && starts.every((day, index) => Number.isInteger(day) && day >= 1 && (index === 0 || day > starts[index - 1]!));
  return valid ? starts : [...DEFAULT_AGING_BUCKET_STARTS];
}

export function agingBucketSetting(db: Sqlite): AgingBucketSetting {
  const starts = agingBucketStarts(db);
  return { starts, buckets: agingBuckets(starts) };
}

/** Input already checked by the contract (rising whole days ≥ 1, at most MAX_AGING_BUCKETS). */
export function setAgingBucketStarts(db: Sqlite, starts: readonly number[]): AgingBucketSetting {
  setSetting(db, 'collectionsAgingBucketStarts', starts.join(','));
  return agingBucketSetting(db);
}
