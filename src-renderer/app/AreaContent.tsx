import { AccountsArea } from '../accounts/AccountsArea';
import { BillingArea } from '../billing/BillingArea';
import { CashArea } from '../cash/CashArea';
import { CollectionsArea } from '../collections/CollectionsArea';
import { ReadsArea } from '../reads/ReadsArea';
import { ReportsArea } from '../reports/ReportsArea';
import { SettingsArea } from '../settings/SettingsArea';
import { AREAS } from './areas';

/** The work area named by the first part of the path; `rest` is the path inside it. */
export function AreaContent({ areaId, rest }: { areaId: string; rest: string[] }) {
  if (areaId === 'accounts') return <AccountsArea rest={rest} />;
  if (areaId === 'cash') return <CashArea rest={rest} />;
  if (areaId === 'reads') return <ReadsArea rest={rest} />;
  if (areaId === 'billing') return <BillingArea rest={rest} />;
  if (areaId === 'collections') return <CollectionsArea rest={rest} />;
  if (areaId === 'reports') return <ReportsArea rest={rest} />;
  if (areaId === 'settings') return <SettingsArea rest={rest} />;
  const area = AREAS.find((candidate) => candidate.id === areaId);
  if (!area?.plannedWork) {
    return (
      <section>
        <h1>Page not found</h1>
        <p>There is no page at this address. Choose a work area on the left.</p>
      </section>
    );
  }
  return (
    <section>
      <h1>{area.label}</h1>
      <p className="not-yet">
        Not available yet in this version: here you will {area.plannedWork}.
      </p>
    </section>
  );
}
