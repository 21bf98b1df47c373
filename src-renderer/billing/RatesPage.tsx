/**
 * The rates in force, readable by anyone: each schedule by its effective dates (service charges
 * by meter size, usage tiers per class, wastewater, private fire, fees), the one in force today
 * open. A supervisor also gets the editor (RateEditor).
 */
import { useEffect, useMemo, useState } from 'react';
import type { RatesInForce } from '../../src-shared/contract/billing';
import { METER_SIZES } from '../../src-shared/contract/accounts';
import type { RateSchedule } from '../../src-shared/contract/rates';
import { useCan } from '../app/session';
import { useQuery } from '../client';
import { Alert } from '../ui/Alert';
import { formatDate, formatDateTime, humanize, todayIso } from '../ui/format';
import { dollars, scheduleInForce, tierRanges } from './billingFormat';
import { RateEditor } from './RateEditor';

/** The document as the office exports it: two-space indent, schedules in date order. */
export const documentJson = (rates: RatesInForce) =>
  `${JSON.stringify({ ...rates.document, schedules: [...rates.document.schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)) }, null, 2)}\n`;

export function RatesPage() {
  const rates = useQuery('rates.current', {});
  const canEdit = useCan('supervisor');
  const [saved, setSaved] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const noRates = rates.error?.code === 'CONFLICT';
  // While editing, the form shows every rate: the tables of the rates in force would only double the page.
  return (
    <section className="rates-page" aria-label="Rates">
      {saved && <Alert kind="success">{saved}</Alert>}
      {rates.error && <Alert kind={noRates ? 'info' : 'error'}>{rates.error.message}</Alert>}
      {rates.data === undefined && !rates.error && <p className="muted">Loading…</p>}
      {canEdit && (rates.data || noRates) && !editing && (
        <div className="rate-editor-closed">
          <button type="button" onClick={() => { setSaved(null); setEditing(true); }}>
            Edit the rates…
          </button>
          <span className="muted"> Change rates or add a schedule, see the effect on sample bills, then save them as the rates in force.</span>
        </div>
      )}
      {rates.data && !editing && <RatesInForceView rates={rates.data} />}
      {editing && (
        <RateEditor
          current={rates.data ?? null}
          onClose={() => setEditing(false)}
          onSaved={(message) => {
            setSaved(message);
            // The rates in force reload themselves from the change feed (billing area).
            setEditing(false);
          }}
        />
      )}
    </section>
  );
}

function JsonDownload({ rates }: { rates: RatesInForce }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([documentJson(rates)], { type: 'application/json' })), [rates]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download={`rates-${rates.rateBookId}.json`} className="download-link">
      Download the rate document (JSON)
    </a>
  );
}

function RatesInForceView({ rates }: { rates: RatesInForce }) {
  const today = todayIso();
  const schedules = [...rates.document.schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  const inForce = scheduleInForce(schedules, today);
  return (
    <>
      <p className="rates-source">
        {rates.document.district ? `${rates.document.district}: ` : ''}rate book #{rates.rateBookId}, saved {formatDateTime(rates.savedAt)}
        {rates.note ? ` — ${rates.note}` : ''}. <JsonDownload rates={rates} />
      </p>
      {schedules.map((schedule) => {
        const when = schedule === inForce ? 'In force today' : schedule.effectiveFrom > today ? 'Upcoming' : 'Earlier';
        return (
          <details key={schedule.effectiveFrom} className="rate-schedule" open={schedule === inForce || schedule.effectiveFrom > today}>
            <summary>
              <strong>{schedule.name}</strong> — from {formatDate(schedule.effectiveFrom)}
              {schedule.effectiveThrough ? ` through ${formatDate(schedule.effectiveThrough)}` : ''}
              <span className={`tag schedule-${when.split(' ')[0]?.toLowerCase()}`}>{when}</span>
            </summary>
            {schedule.adoptedBy && <p className="muted">Adopted by {schedule.adoptedBy}</p>}
            <ScheduleTables schedule={schedule} />
          </details>
        );
      })}
    </>
  );
}

function ScheduleTables({ schedule }: { schedule: RateSchedule }) {
  return (
    <div className="rate-tables">
      <ServiceCharges schedule={schedule} />
      <UsageTiers schedule={schedule} />
      <Wastewater schedule={schedule} />
      <PrivateFire schedule={schedule} />
      <Fees schedule={schedule} />
    </div>
  );
}

const entries = <Value,>(record: Partial<Record<string, Value>>) =>
  Object.entries(record).filter((entry): entry is [string, Value] => entry[1] !== undefined);

function ServiceCharges({ schedule }: { schedule: RateSchedule }) {
  return (
    <table className="table compact rate-table">
      <caption>Water service charge, a month</caption>
      <thead>
        <tr>
          <th scope="col">Meter</th>
          <th scope="col" className="num">Charge</th>
        </tr>
      </thead>
      <tbody>
        {/* In the order of meter sizes: as object keys, "1" and "2" would come before "5/8". */}
        {METER_SIZES.flatMap((size) => {
          const charge = schedule.water.monthlyServiceCharge[size];
          return charge === undefined ? [] : [[size, charge] as const];
        }).map(([size, charge]) => (
          <tr key={size}>
            <td>{size}″</td>
            <td className="num">{dollars(charge)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UsageTiers({ schedule }: { schedule: RateSchedule }) {
  return (
    <table className="table compact rate-table">
      <caption>Water use, per HCF</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Use in the month</th>
          <th scope="col" className="num">Rate</th>
        </tr>
      </thead>
      <tbody>
        {entries(schedule.water.classes).map(([rateClass, rates]) => {
          const ranges = tierRanges(rates.tiers);
          return rates.tiers.map((tier, index) => (
            <tr key={`${rateClass}-${index}`} className={index === 0 ? 'group-start' : undefined}>
              <td>
                {index === 0 && humanize(rateClass)}
                {index === 0 && rates.tierWidthsPerDwellingUnit && <div className="muted">tiers per dwelling unit</div>}
                {index === 0 && rates.monthlyMinimum && <div className="muted">minimum {dollars(rates.monthlyMinimum)} a month</div>}
              </td>
              <td>{ranges[index]}</td>
              <td className="num">{dollars(tier.ratePerHcf)}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}

function Wastewater({ schedule }: { schedule: RateSchedule }) {
  if (!schedule.wastewater) return null;
  return (
    <table className="table compact rate-table">
      <caption>Wastewater, a month</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Charged</th>
        </tr>
      </thead>
      <tbody>
        {entries(schedule.wastewater).map(([rateClass, rates]) => (
          <tr key={rateClass}>
            <td>{humanize(rateClass)}</td>
            <td>
              {rates.monthlyChargePerUnit && (
                <div className={rates.method === 'flat_per_unit' ? undefined : 'muted'}>
                  {dollars(rates.monthlyChargePerUnit)} per dwelling unit{rates.method === 'flat_per_unit' ? '' : ' (when a service asks for it)'}
                </div>
              )}
              {rates.winterAverage && (
                <div className={rates.method === 'winter_average' ? undefined : 'muted'}>
                  {dollars(rates.winterAverage.monthlyBaseCharge)} + {dollars(rates.winterAverage.ratePerHcf)} per HCF of winter average
                  {rates.winterAverage.capHcf ? `, at most ${rates.winterAverage.capHcf} HCF` : ''}
                  {rates.method === 'winter_average' ? '' : ' (when a service asks for it)'}
                </div>
              )}
              {rates.monthlyMinimum && <div className="muted">minimum {dollars(rates.monthlyMinimum)}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PrivateFire({ schedule }: { schedule: RateSchedule }) {
  if (!schedule.privateFire) return null;
  return (
    <table className="table compact rate-table">
      <caption>Private fire service, a month</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col" className="num">Charge</th>
        </tr>
      </thead>
      <tbody>
        {entries(schedule.privateFire.monthlyChargeByLineSize).map(([size, charge]) => (
          <tr key={size}>
            <td>{size}″</td>
            <td className="num">{dollars(charge)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Fees({ schedule }: { schedule: RateSchedule }) {
  if (!schedule.fees) return null;
  return (
    <table className="table compact rate-table rate-fees">
      <caption>Fees</caption>
      <thead>
        <tr>
          <th scope="col">Fee</th>
          <th scope="col" className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {entries(schedule.fees).map(([code, fee]) => (
          <tr key={code}>
            <td title={code}>
              {fee.description} <span className="muted mono">{code}</span>
            </td>
            <td className="num">
              {fee.kind === 'flat' ? dollars(fee.amount) : `${fee.percent}%${fee.minimumAmount ? `, at least ${dollars(fee.minimumAmount)}` : ''}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
