import type { AccountDetail } from '../../src-shared/contract/accounts';
import { useQuery } from '../client';
import { Loaded } from '../ui/Loading';
import { formatDate } from '../ui/format';
import { UsageChart } from './UsageChart';

const READS_SHOWN = 26;

/** The meters on the account and their reads, with a chart of recent use. */
export function MeterTab({ account }: { account: AccountDetail }) {
  const reads = useQuery('accounts.reads', { accountId: account.accountId, limit: READS_SHOWN });
  return (
    <section aria-label="Meter">
      {account.meters.length === 0 ? (
        <p className="muted">No meter on this account.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Serial</th>
              <th scope="col">Size</th>
              <th scope="col" className="num">
                Dials
              </th>
              <th scope="col" className="num">
                Multiplier
              </th>
              <th scope="col">Unit</th>
              <th scope="col">Installed</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {account.meters.map((meter) => (
              <tr key={meter.meterId}>
                <td className="mono">{meter.serial}</td>
                <td>{meter.size}"</td>
                <td className="num">{meter.dials}</td>
                <td className="num">{meter.multiplier}</td>
                <td>{meter.unit}</td>
                <td>{formatDate(meter.installedOn)}</td>
                <td>{meter.status === 'active' ? 'Active' : meter.status === 'removed' ? 'Removed' : 'In inventory'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Loaded query={reads}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No reads yet.</p>
          ) : (
            <div className="reads">
              <UsageChart reads={rows} />
              <table className="table">
                <caption>Reads, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Read date</th>
                    <th scope="col" className="num">
                      Reading
                    </th>
                    <th scope="col" className="num">
                      Use (HCF)
                    </th>
                    <th scope="col">Estimated</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((read) => (
                    <tr key={`${read.readDate}-${read.reading}`}>
                      <td>{formatDate(read.readDate)}</td>
                      <td className="num">{read.reading}</td>
                      <td className="num">{read.usageHcf}</td>
                      <td>{read.estimated ? 'Estimated' : ''}</td>
                      <td>{read.source}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
