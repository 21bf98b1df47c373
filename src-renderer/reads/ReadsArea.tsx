/**
 * Meter reads: the cycle and period being worked on (picked at the top, kept for the session),
 * whether that cycle is ready to bill, and the pages for it as tabs.
 */
import { useCallback, useEffect, useState } from 'react';
import { client } from '../client';
import { Tabs } from '../ui/Tabs';
import { CycleBanner } from './CycleBanner';
import { CyclePicker } from './CyclePicker';
import { ImportPage } from './ImportPage';
import { ReadSettingsPage } from './ReadSettingsPage';
import { currentPeriod, type CyclePeriod } from './readsFormat';
import { ReviewPage } from './ReviewPage';
import { RouteExportPage } from './RouteExportPage';
import { UnreadPage } from './UnreadPage';
import { WorkOrdersPage } from './WorkOrdersPage';
import './reads.css';

const PAGES = [
  { id: 'review', label: 'Review' },
  { id: 'import', label: 'Import' },
  { id: 'unread', label: 'Unread & cycle status' },
  { id: 'export', label: 'Route export' },
  { id: 'work-orders', label: 'Work orders' },
  { id: 'settings', label: 'Settings' },
] as const;

const STORAGE_KEY = 'billing-office.reads.cycle';

function storedChoice(): CyclePeriod | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null') as CyclePeriod | null;
    return value && Number.isInteger(value.cycle) && /^\d{4}-\d{2}$/.test(value.period) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Of the cycles imported for the newest period, the one with the most open exceptions (the
 * newest import breaks a tie); cycle 1 of this month when nothing was imported yet.
 */
async function defaultChoice(): Promise<CyclePeriod> {
  const imports = await client.call('reads.imports', { limit: 100 });
  const newest = imports.ok ? imports.value[0] : undefined;
  if (!imports.ok || !newest) return { cycle: 1, period: currentPeriod() };
  // Newest import first, so the first of equals is the newest.
  const imported = [...new Set(imports.value.filter((row) => row.period === newest.period).map((row) => row.cycle))];
  const fallback = { cycle: newest.cycle, period: newest.period };
  const cycles = await client.call('reads.cycles', { period: newest.period });
  if (!cycles.ok) return fallback;
  const openOf = (cycle: number) => cycles.value.cycles.find((row) => row.cycle === cycle)?.openExceptions ?? -1;
  const best = imported.reduce((chosen, cycle) => (openOf(cycle) > openOf(chosen) ? cycle : chosen), newest.cycle);
  return { cycle: best, period: newest.period };
}

/** The cycle being worked on: the one chosen this session, else the default above. */
function useCycleChoice(): [CyclePeriod | null, (choice: CyclePeriod) => void] {
  const [choice, setChoice] = useState<CyclePeriod | null>(storedChoice);
  useEffect(() => {
    if (choice !== null) return;
    let current = true;
    void defaultChoice().then((found) => {
      if (current) setChoice((chosen) => chosen ?? found);
    });
    return () => {
      current = false;
    };
  }, [choice]);
  const choose = useCallback((next: CyclePeriod) => {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setChoice(next);
  }, []);
  return [choice, choose];
}

export function ReadsArea({ rest }: { rest: string[] }) {
  const [choice, choose] = useCycleChoice();
  // Bumped by any action that changes the cycle's counts, so the banner reloads.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((value) => value + 1), []);
  const page = PAGES.find((candidate) => candidate.id === rest[0])?.id ?? 'review';
  return (
    <div className="reads">
      {choice ? (
        <CyclePicker value={choice} onChange={choose} version={version} heading={<h1>Meter reads</h1>} />
      ) : (
        <div className="reads-top">
          <h1>Meter reads</h1>
        </div>
      )}
      {choice && <CycleBanner choice={choice} version={version} />}
      <Tabs tabs={PAGES} current={page} pathFor={(id) => `/reads/${id}`} label="Meter reads pages" />
      <div role="tabpanel" aria-labelledby={`tab-${page}`} className="tab-panel">
        {choice === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <ReadsPage page={page} choice={choice} onChanged={changed} onChoose={choose} version={version} />
        )}
      </div>
    </div>
  );
}

interface ReadsPageProps {
  page: string;
  choice: CyclePeriod;
  version: number;
  onChanged: () => void;
  onChoose: (choice: CyclePeriod) => void;
}

function ReadsPage({ page, choice, version, onChanged, onChoose }: ReadsPageProps) {
  const key = `${choice.cycle}-${choice.period}`;
  switch (page) {
    case 'import':
      return <ImportPage choice={choice} onImported={(imported) => { onChoose(imported); onChanged(); }} />;
    case 'unread':
      return <UnreadPage key={key} choice={choice} version={version} onChanged={onChanged} />;
    case 'export':
      return <RouteExportPage key={key} choice={choice} />;
    case 'work-orders':
      return <WorkOrdersPage onChanged={onChanged} />;
    case 'settings':
      return <ReadSettingsPage />;
    default:
      return <ReviewPage key={key} choice={choice} onChanged={onChanged} />;
  }
}
