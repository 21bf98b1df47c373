/** The office's work areas, in the order of the navigation and of their Alt+number shortcuts. */
export interface Area {
  id: string;
  label: string;
  /** For areas not built yet: what the area will do, said plainly on its page. */
  plannedWork?: string;
}

export const AREAS: readonly Area[] = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'cash', label: 'Cash drawer' },
  { id: 'reads', label: 'Meter reads' },
  { id: 'billing', label: 'Billing' },
  {
    id: 'collections',
    label: 'Collections',
    plannedWork: 'send past-due and shut-off notices following SB 998, charge late fees, set up payment arrangements and log collection calls',
  },
  {
    id: 'service-orders',
    label: 'Service orders',
    plannedWork: 'create and track field work: turn-ons, shut-offs, re-reads, leak checks and meter exchanges',
  },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
];

export const areaPath = (area: Area) => `/${area.id}`;
