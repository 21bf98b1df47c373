/** Handlers: receivable aging as of a date (core/collections/aging.ts) and its bucket setting. */
import { agingReport } from '../core/collections/aging';
import { agingBucketSetting, setAgingBucketStarts } from '../core/collections/aging-settings';
import type { HandlersFor } from './table';

export const collectionsAgingHandlers: HandlersFor<'collections.aging' | 'collections.agingBuckets' | 'collections.setAgingBuckets'> = {
  'collections.aging': (context, input) => agingReport(context.db, input),
  'collections.agingBuckets': (context) => agingBucketSetting(context.db),
  'collections.setAgingBuckets': (context, input) => setAgingBucketStarts(context.db, input.starts),
};
