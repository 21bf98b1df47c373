/** changes.since: what open views must reload (src-shared/contract/changes.ts). */
import { areasChangedBy, DATA_AREAS } from '../../src-shared/contract/changes';
import { perConnection } from '../core/storage/prepared';
import type { Sqlite } from '../core/storage/database';
import type { HandlersFor } from './table';

/** Past this many records behind, a window reloads everything rather than read them all. */
export const MAX_RECORDS_READ = 2_000;

const statements = perConnection((db: Sqlite) => ({
  head: db.prepare<[], number>('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck(),
  operationsAfter: db.prepare<[number, number], string>('SELECT DISTINCT operation FROM audit_log WHERE seq > ? AND seq <= ?').pluck(),
}));

export const changeHandlers: HandlersFor<'changes.'> = {
  'changes.since': (context, input) => {
    const prepared = statements(context.db);
    const headSeq = prepared.head.get() ?? 0;
    if (input.afterSeq === 0 || input.afterSeq >= headSeq) return { headSeq, areas: [] };
    if (headSeq - input.afterSeq > MAX_RECORDS_READ) return { headSeq, areas: [...DATA_AREAS] };
    return { headSeq, areas: areasChangedBy(prepared.operationsAfter.all(input.afterSeq, headSeq)) };
  },
};
