/**
 * Minimal accounts inserted straight into SQLite, for ledger tests that must not depend on the
 * accounts module (which has tests of its own).
 */
import type { Sqlite } from '../../src-main/core/storage/database';

export function insertBareAccounts(db: Sqlite, count: number): number[] {
  const insertCustomer = db.prepare(
    `INSERT INTO customers (kind, last_name, first_name, mailing_street, mailing_city, mailing_state, mailing_zip, created_at)
     VALUES ('person', ?, 'Test', '1 Main St', 'Valley', 'CA', '95000', '2026-01-01T00:00:00Z')`,
  );
  const insertLocation = db.prepare(
    `INSERT INTO service_locations (street, city, state, zip, route, sequence, cycle) VALUES (?, 'Valley', 'CA', '95000', 'R1', ?, 1)`,
  );
  const insertAccount = db.prepare(
    `INSERT INTO accounts (account_number, customer_id, location_id, status, opened_on, created_at)
     VALUES (?, ?, ?, 'active', '2026-01-01', '2026-01-01T00:00:00Z')`,
  );
  const ids: number[] = [];
  db.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const customerId = Number(insertCustomer.run(`Customer${index}`).lastInsertRowid);
      const locationId = Number(insertLocation.run(`${100 + index} Oak St`, index).lastInsertRowid);
      ids.push(Number(insertAccount.run(`T${String(index).padStart(6, '0')}`, customerId, locationId).lastInsertRowid));
    }
  })();
  return ids;
}
