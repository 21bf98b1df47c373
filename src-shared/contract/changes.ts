/**
 * What changed in the books since a window last looked: the renderer asks every couple of
 * seconds (and right after its own writes), and each open view whose data is in a changed area
 * reloads itself — so two windows, two counter PCs on one file, or a CLI job beside the app
 * never leave a stale balance on screen.
 *
 * The feed is the audit trail: every write of every process appends a record naming its
 * operation, in the same transaction, so "the operations after record N" is exact across
 * processes. Operations map to coarse areas here, one table for the main process and the renderer.
 */
import { z } from 'zod';
import { defineOperation } from './define';

export const DATA_AREAS = ['accounts', 'cash', 'billing', 'reads', 'users', 'system'] as const;
export type DataArea = (typeof DATA_AREAS)[number];

/** The area of an operation, by its name's prefix ("payments.take" → cash). */
const AREA_OF_PREFIX: Record<string, DataArea> = {
  accounts: 'accounts',
  contacts: 'accounts',
  ledger: 'accounts',
  reads: 'reads',
  workOrders: 'reads',
  // Holds, arrangements, notices and aging show on the account page and follow its balances (a
  // payment or a bill marks 'accounts' too); the holiday calendar moves lawful dates there.
  collections: 'accounts',
  holidays: 'accounts',
  rates: 'billing',
  billing: 'billing',
  drawer: 'cash',
  payments: 'cash',
  batches: 'cash',
  lockbox: 'cash',
  deposit: 'cash',
  endOfDay: 'cash',
  session: 'users',
  users: 'users',
  security: 'users',
  system: 'system',
  audit: 'system',
  changes: 'system',
  jobs: 'system',
};

/**
 * What a write in one area also changes on screen: money and bills move balances; reads decide
 * what bills; an account's changes show wherever it is picked; a restore changes everything.
 */
const ALSO_CHANGES: Record<DataArea, readonly DataArea[]> = {
  accounts: ['cash', 'billing', 'reads'],
  cash: ['accounts'],
  billing: ['accounts', 'reads'],
  reads: ['accounts', 'billing'],
  users: [],
  system: DATA_AREAS,
};

export function areaOf(operation: string): DataArea | null {
  return AREA_OF_PREFIX[operation.slice(0, operation.indexOf('.'))] ?? null;
}

/** The areas a list of written operations changed, each once, in DATA_AREAS order. */
export function areasChangedBy(operations: readonly string[]): DataArea[] {
  const changed = new Set<DataArea>();
  for (const operation of operations) {
    const area = areaOf(operation);
    if (area === null) continue;
    changed.add(area);
    for (const also of ALSO_CHANGES[area]) changed.add(also);
  }
  return DATA_AREAS.filter((area) => changed.has(area));
}

export interface ChangesSince {
  /** The newest audit record: ask again with it. */
  headSeq: number;
  /** Areas changed after `afterSeq` (none on the first ask, afterSeq 0). */
  areas: DataArea[];
}

export const changesSince = defineOperation<ChangesSince>()({
  name: 'changes.since',
  summary: 'The areas of the books changed since an audit record (for open views to refresh)',
  role: 'clerk',
  writes: false,
  input: z.object({ afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
});
