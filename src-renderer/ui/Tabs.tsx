import type { KeyboardEvent } from 'react';
import { navigate } from '../app/router';

export interface Tab {
  id: string;
  label: string;
}

interface TabsProps {
  tabs: readonly Tab[];
  current: string;
  /** App path of a tab; tabs are links, so a tab survives a reload. */
  pathFor: (tabId: string) => string;
  label: string;
}

/** Tabs as links; ←/→ move between them the way screen-reader users expect of a tab list. */
export function Tabs({ tabs, current, pathFor, label }: TabsProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    navigate(pathFor(next.id));
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <a
          key={tab.id}
          id={`tab-${tab.id}`}
          role="tab"
          href={`#${pathFor(tab.id)}`}
          aria-selected={tab.id === current}
          tabIndex={tab.id === current ? 0 : -1}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </a>
      ))}
    </div>
  );
}
