/**
 * Keeping the FTS5 table `account_search` (rowid = accounts.id) in step with the tables: one row
 * per account with the alternative spellings clerks type (see format.ts).
 */
import type { Sqlite } from '../storage/database';
import { accountNumberSearchText, displayName, meterSerialsSearchText, phoneSearchText, withCompactWords } from './format';
import { perConnection } from '../storage/prepared';

/** Accounts indexed per batch in a rebuild: bounds memory at any district size. */
const REBUILD_BATCH = 5_000;

/** The customer and location columns both the index writer and the search read back. */
export interface AccountTextColumns {
  kind: 'person' | 'business';
  first_name: string;
  last_name: string;
  business_name: string;
  primary_phone: string;
  alt_phone: string;
  street: string;
  unit: string;
  /** Tab-separated: serials may contain spaces. */
  serials: string | null;
}

interface SourceRow extends AccountTextColumns {
  id: number;
  account_number: string;
  parcel_number: string;
}

const SOURCE_SELECT = `
  SELECT a.id, a.account_number, c.kind, c.first_name, c.last_name, c.business_name, c.primary_phone, c.alt_phone,
         l.street, l.unit, l.parcel_number,
         (SELECT group_concat(m.serial, char(9)) FROM meters m WHERE m.location_id = a.location_id) AS serials
  FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN service_locations l ON l.id = a.location_id`;

const statements = perConnection((db: Sqlite) => ({
  sourceOne: db.prepare<[number], SourceRow>(`${SOURCE_SELECT} WHERE a.id = ?`),
  sourceBatch: db.prepare<[number, number], SourceRow>(`${SOURCE_SELECT} WHERE a.id > ? ORDER BY a.id LIMIT ?`),
  deleteRow: db.prepare<[number]>('DELETE FROM account_search WHERE rowid = ?'),
  insertRow: db.prepare<[number, string, string, string, string, string]>(
    'INSERT INTO account_search (rowid, account_number, customer_name, service_address, meter_serials, phones) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  deleteAll: db.prepare('DELETE FROM account_search'),
  optimize: db.prepare("INSERT INTO account_search (account_search) VALUES ('optimize')"),
}));

export const splitSerials = (serials: string | null) => (serials === null || serials === '' ? [] : serials.split('\t'));

/** The five indexed columns of one account, with the alternative spellings clerks type. */
function searchColumns(row: SourceRow): [string, string, string, string, string] {
  const serials = splitSerials(row.serials);
  // City and ZIP are left out: in a one- or two-town district they match nearly every account,
  // which would make a prefix like "val" (Valencia St) match all of "Valle Verde".
  const address = [row.street, row.unit, row.parcel_number].filter((part) => part !== '').join(' ');
  return [
    accountNumberSearchText(row.account_number),
    withCompactWords(
      displayName({ kind: row.kind, firstName: row.first_name, lastName: row.last_name, businessName: row.business_name }) +
        // A business's contact person is findable by name too.
        (row.kind === 'business' ? ` ${row.first_name} ${row.last_name}`.trimEnd() : ''),
    ),
    address,
    meterSerialsSearchText(serials),
    phoneSearchText([row.primary_phone, row.alt_phone]),
  ];
}

function writeRow(db: Sqlite, row: SourceRow): void {
  statements(db).insertRow.run(row.id, ...searchColumns(row));
}

/** Rewrites one account's row in the FTS5 index (call after any change to what it indexes). */
export function refreshSearchRow(db: Sqlite, accountId: number): void {
  const prepared = statements(db);
  prepared.deleteRow.run(accountId);
  const row = prepared.sourceOne.get(accountId);
  if (row) writeRow(db, row);
}

/** Rebuilds the whole index from the tables (demo creation, conversions, repair), then merges it. */
export function rebuildSearchIndex(db: Sqlite): number {
  const prepared = statements(db);
  return db.transaction(() => {
    prepared.deleteAll.run();
    let indexed = 0;
    let afterId = 0;
    for (;;) {
      const batch = prepared.sourceBatch.all(afterId, REBUILD_BATCH);
      for (const row of batch) writeRow(db, row);
      indexed += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < REBUILD_BATCH) break;
      afterId = last.id;
    }
    // One merged b-tree per term answers prefix queries fastest.
    prepared.optimize.run();
    return indexed;
  }).immediate();
}

