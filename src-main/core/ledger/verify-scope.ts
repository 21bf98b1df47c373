/**
 * What an incremental verify looks at: the rows made or changed since its checkpoint, gathered
 * once into temporary tables (this connection only) that the checks filter by. Each set is found
 * through an index from the new journal lines or the high-water marks, never by reading old rows,
 * so gathering it costs what came after the checkpoint, not the years before it.
 */
import type { Sqlite } from '../storage/database';
import type { VerifyCheckpoint } from './verify-checkpoint';

/** The checkpoint's marks the checks name; the sets themselves are the temp tables below. */
export interface VerifySince {
  lineId: number;
  paymentId: number;
  auditSeq: number;
  drawerFromId: number;
}

/** Entries with a line after the checkpoint's last one, or made after its last entry. */
export const NEW_ENTRIES = 'temp.verify_new_entries';
/** Payments taken, voided or returned since. */
export const SCOPED_PAYMENTS = 'temp.verify_payments';
/** Bills made, posted or cancelled since, and the bills of runs not finished at the checkpoint. */
export const SCOPED_BILLS = 'temp.verify_bills';

export function prepareScope(db: Sqlite, checkpoint: VerifyCheckpoint): VerifySince {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS verify_new_entries (id TEXT PRIMARY KEY);
           CREATE TEMP TABLE IF NOT EXISTS verify_payments (id INTEGER PRIMARY KEY);
           CREATE TEMP TABLE IF NOT EXISTS verify_bills (id INTEGER PRIMARY KEY);
           DELETE FROM temp.verify_new_entries; DELETE FROM temp.verify_payments; DELETE FROM temp.verify_bills;`);
  // One statement per source, each driven by the new rows (CROSS JOIN keeps the small temp table
  // the outer loop): as one UNION, SQLite sorted every source for its merge, reading whole tables.
  const add = (table: string, sql: string, params: Record<string, number> = {}) => db.prepare(`INSERT OR IGNORE INTO ${table} ${sql}`).run(params);
  add(NEW_ENTRIES, 'SELECT entry_id FROM journal_lines WHERE id > @line', { line: checkpoint.journalLineId });
  add(NEW_ENTRIES, 'SELECT id FROM journal_entries WHERE rowid > @entryRow', { entryRow: checkpoint.journalEntryRowid });
  // A void reverses the payment's own entry (its id is the payment's uid); a return has its entry.
  add(SCOPED_PAYMENTS, 'SELECT id FROM payments WHERE id > @payment', { payment: checkpoint.paymentId });
  add(SCOPED_PAYMENTS, `SELECT p.id FROM ${NEW_ENTRIES} n CROSS JOIN payments p ON p.payment_uid = n.id`);
  add(SCOPED_PAYMENTS, `SELECT p.id FROM ${NEW_ENTRIES} n CROSS JOIN journal_entries r ON r.id = n.id CROSS JOIN payments p ON p.payment_uid = r.reverses_entry_id`);
  add(SCOPED_PAYMENTS, `SELECT p.id FROM ${NEW_ENTRIES} n CROSS JOIN payments p ON p.return_entry_id = n.id`);
  add(SCOPED_BILLS, 'SELECT id FROM bills WHERE id > @bill', { bill: checkpoint.billId });
  add(SCOPED_BILLS, `SELECT b.id FROM ${NEW_ENTRIES} n CROSS JOIN bills b ON b.journal_entry_id = n.id`);
  add(SCOPED_BILLS, `SELECT b.id FROM ${NEW_ENTRIES} n CROSS JOIN journal_entries r ON r.id = n.id CROSS JOIN bills b ON b.journal_entry_id = r.reverses_entry_id`);
  add(SCOPED_BILLS, 'SELECT b.id FROM bill_runs r CROSS JOIN bills b ON b.run_id = r.id WHERE r.id >= @runFrom', { runFrom: checkpoint.billRunFromId });
  return { lineId: checkpoint.journalLineId, paymentId: checkpoint.paymentId, auditSeq: checkpoint.audit.seq, drawerFromId: checkpoint.drawerFromId };
}

export function dropScope(db: Sqlite): void {
  db.exec('DROP TABLE IF EXISTS temp.verify_new_entries; DROP TABLE IF EXISTS temp.verify_payments; DROP TABLE IF EXISTS temp.verify_bills;');
}

export const countOf = (db: Sqlite, table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
