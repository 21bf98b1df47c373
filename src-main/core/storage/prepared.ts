import type { Sqlite } from './database';

/**
 * Prepared statements built once per connection (a WeakMap, as ledger/journal.ts does): search
 * runs on every keystroke, and preparing its SQL each time would cost more than running it.
 * A restored database is a new connection, so its statements are prepared afresh.
 */
export function perConnection<Statements>(build: (db: Sqlite) => Statements): (db: Sqlite) => Statements {
  const cache = new WeakMap<Sqlite, Statements>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
