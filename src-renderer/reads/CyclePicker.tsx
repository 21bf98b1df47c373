import { useEffect, useState } from 'react';
import { cycleStatusLine, type CyclePeriod } from './readsFormat';
import { useQuery } from '../client';

/** The cycle and billing period every Meter reads page works on. */
export function CyclePicker({ value, onChange }: { value: CyclePeriod; onChange: (choice: CyclePeriod) => void }) {
  const [cycleText, setCycleText] = useState(String(value.cycle));
  const [period, setPeriod] = useState(value.period);
  useEffect(() => {
    setCycleText(String(value.cycle));
    setPeriod(value.period);
  }, [value.cycle, value.period]);
  const cycle = Number(cycleText);
  const valid = Number.isInteger(cycle) && cycle >= 1 && cycle <= 99 && /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  const dirty = valid && (cycle !== value.cycle || period !== value.period);
  return (
    <form
      className="cycle-picker"
      aria-label="Cycle and period"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onChange({ cycle, period });
      }}
    >
      <label>
        Cycle
        <input className="input-cycle" type="number" min={1} max={99} value={cycleText} onChange={(event) => setCycleText(event.target.value)} />
      </label>
      <label>
        Period
        <input className="input-period" type="month" value={period} onChange={(event) => setPeriod(event.target.value)} />
      </label>
      <button type="submit" className={dirty ? 'button-primary' : undefined} disabled={!valid}>
        Show
      </button>
    </form>
  );
}

export { cycleStatusLine };

export function useCycleStatus(choice: CyclePeriod, version: number) {
  const input = { cycle: choice.cycle, period: choice.period };
  const status = useQuery('reads.cycleStatus', input);
  const { reload } = status;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  return status;
}
