/**
 * The cycle and billing period every Meter reads page works on: typed in (cycle number and
 * month), or chosen from the cards of every cycle of that month (reads.cycles), each with its
 * read day, what is left to read and review, and whether it is ready to bill.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CycleSummary } from '../../src-shared/contract/reads';
import { useQuery } from '../client';
import { cycleCountsText, cycleStatusLine, readDayText, type CyclePeriod } from './readsFormat';

const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const CARDS_RELOAD_DELAY_MS = 1_500;

interface CyclePickerProps {
  value: CyclePeriod;
  onChange: (choice: CyclePeriod) => void;
  /** Bumped by any action that changes a cycle's counts, so the cards reload. */
  version: number;
  /** The page heading, on the line of the form. */
  heading: ReactNode;
}

export function CyclePicker({ value, onChange, version, heading }: CyclePickerProps) {
  const [cycleText, setCycleText] = useState(String(value.cycle));
  const [period, setPeriod] = useState(value.period);
  useEffect(() => {
    setCycleText(String(value.cycle));
    setPeriod(value.period);
  }, [value.cycle, value.period]);
  const cycle = Number(cycleText);
  const periodValid = PERIOD_PATTERN.test(period);
  const valid = Number.isInteger(cycle) && cycle >= 1 && cycle <= 99 && periodValid;
  const dirty = valid && (cycle !== value.cycle || period !== value.period);
  return (
    <>
      <div className="reads-top">
        {heading}
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
      </div>
      {/* The cards follow the month being typed, so picking a month then a card is one choice. */}
      <CycleCards period={periodValid ? period : value.period} chosen={value} version={version} onChoose={onChange} />
    </>
  );
}

function CycleCards({ period, chosen, version, onChoose }: { period: string; chosen: CyclePeriod; version: number; onChoose: (choice: CyclePeriod) => void }) {
  const input = useMemo(() => ({ period }), [period]);
  const cycles = useQuery('reads.cycles', input, { keepPrevious: true });
  const { reload } = cycles;
  // Every cycle is counted again (half a second at 50,000 accounts): once the technician pauses,
  // not after each of a run of quick accepts.
  useEffect(() => {
    if (version === 0) return;
    const timer = window.setTimeout(reload, CARDS_RELOAD_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [version, reload]);
  if (cycles.error) return <p className="cycle-cards-note muted">The cycles could not be listed: {cycles.error.message}</p>;
  const rows = cycles.data?.cycles;
  if (!rows) return <p className="cycle-cards-note muted">Listing the cycles…</p>;
  if (rows.length === 0) return <p className="cycle-cards-note muted">The district has no service locations yet, so no cycles.</p>;
  return (
    <div className="cycle-cards" role="group" aria-label={`Cycles of ${cycles.data?.period ?? period}`} aria-busy={cycles.loading}>
      {rows.map((row) => (
        <CycleCard key={row.cycle} row={row} chosen={row.cycle === chosen.cycle && row.period === chosen.period} onChoose={onChoose} />
      ))}
    </div>
  );
}

function CycleCard({ row, chosen, onChoose }: { row: CycleSummary; chosen: boolean; onChoose: (choice: CyclePeriod) => void }) {
  return (
    <button
      type="button"
      className={`cycle-card${chosen ? ' cycle-card-chosen' : ''}`}
      aria-pressed={chosen}
      title={cycleStatusLine(row)}
      onClick={() => onChoose({ cycle: row.cycle, period: row.period })}
      data-testid={`cycle-card-${row.cycle}`}
    >
      <span className="cycle-card-head">
        <strong>Cycle {row.cycle}</strong>
        <span className={row.readyToBill ? 'ready-badge ready-badge-yes' : 'ready-badge ready-badge-no'}>{row.readyToBill ? 'Ready to bill' : 'Not ready'}</span>
      </span>
      <span className="cycle-card-day">{readDayText(row)}</span>
      <span className="cycle-card-read" data-testid="cycle-card-read">
        {row.readMeters.toLocaleString('en-US')} of {row.activeMeters.toLocaleString('en-US')} read
      </span>
      <span className={`cycle-card-left${row.unreadCount + row.openExceptions > 0 ? ' cycle-card-left-bad' : ''}`} data-testid="cycle-card-left">
        {cycleCountsText(row)}
      </span>
    </button>
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
