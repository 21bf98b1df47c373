import { useCycleStatus } from './CyclePicker';
import { cycleStatusLine, type CyclePeriod } from './readsFormat';

/** Ready to bill or not, and why, for the chosen cycle — always in view on the Meter reads pages. */
export function CycleBanner({ choice, version }: { choice: CyclePeriod; version: number }) {
  const status = useCycleStatus(choice, version);
  if (status.error) return <div className="cycle-banner cycle-banner-unknown" role="status">{status.error.message}</div>;
  const value = status.data;
  if (!value) return <div className="cycle-banner cycle-banner-unknown" role="status">Checking the cycle…</div>;
  return (
    <div className={value.readyToBill ? 'cycle-banner cycle-banner-ready' : 'cycle-banner cycle-banner-blocked'} role="status" data-testid="cycle-status">
      <strong>{cycleStatusLine(value)}</strong>
      <span className="cycle-banner-counts">
        {value.readMeters.toLocaleString('en-US')} of {value.activeMeters.toLocaleString('en-US')} meters read · {value.resolvedExceptions.toLocaleString('en-US')} exceptions resolved
      </span>
    </div>
  );
}
