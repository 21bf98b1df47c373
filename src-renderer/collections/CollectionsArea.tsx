/**
 * Collections: the receivable aging as of any date, with a drill-down to the accounts in a bucket.
 * Paths:
 *   /collections, /collections/aging                today's aging
 *   /collections/aging/<YYYY-MM-DD>[/<bucket>]      as of a date, with a bucket's accounts listed
 * The date and the bucket live in the path, so going back from an account page returns here.
 */
import { AREAS } from '../app/areas';
import { todayIso } from '../ui/format';
import { AgingPage } from './AgingPage';
import './collections.css';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function CollectionsArea({ rest }: { rest: string[] }) {
  const [, asOfText, bucket] = rest;
  const asOf = asOfText !== undefined && ISO_DAY.test(asOfText) ? asOfText : todayIso();
  const planned = AREAS.find((area) => area.id === 'collections')?.plannedWork;
  return (
    <div className="collections">
      <h1>Collections</h1>
      <AgingPage asOf={asOf} bucket={bucket === undefined ? null : decodeURIComponent(bucket)} />
      {planned && <p className="not-yet">Not available yet in this version: here you will also {planned}.</p>}
    </div>
  );
}
