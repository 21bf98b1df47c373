import type { AccountDetail } from '../../src-shared/contract/accounts';
import { formatDate, humanize } from '../ui/format';

/** What the account is billed for, and where it sits in the read route. */
export function ServicesTab({ account }: { account: AccountDetail }) {
  const { location } = account;
  return (
    <section aria-label="Services">
      {account.services.length === 0 ? (
        <p className="muted">No services on this account.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Rate class</th>
              <th scope="col" className="num">
                Dwelling units
              </th>
              <th scope="col">Fire line</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
            </tr>
          </thead>
          <tbody>
            {account.services.map((service) => (
              <tr key={service.serviceId}>
                <td>{humanize(service.service)}</td>
                <td>{humanize(service.rateClass)}</td>
                <td className="num">{service.dwellingUnits}</td>
                <td>{service.fireLineSizeInches ? `${service.fireLineSizeInches}"` : '—'}</td>
                <td>{formatDate(service.startedOn)}</td>
                <td>{service.endedOn ? formatDate(service.endedOn) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Service location</h2>
      <dl className="facts">
        <div>
          <dt>Route</dt>
          <dd>{location.route}</dd>
        </div>
        <div>
          <dt>Sequence</dt>
          <dd>{location.sequence}</dd>
        </div>
        <div>
          <dt>Cycle</dt>
          <dd>{location.cycle}</dd>
        </div>
        <div>
          <dt>Parcel (APN)</dt>
          <dd>{location.parcelNumber || '—'}</dd>
        </div>
      </dl>
    </section>
  );
}
