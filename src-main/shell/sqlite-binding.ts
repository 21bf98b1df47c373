/**
 * better-sqlite3 as the desktop main process loads it. electron.vite.config.ts points every
 * `import 'better-sqlite3'` in the main bundle here.
 *
 * Why: the copy in node_modules is compiled for Node (tests, CLI, browser mode), and Electron
 * needs one compiled for its own ABI. `npm start` builds that second copy into
 * node_modules/.cache and names it in BILLING_OFFICE_SQLITE_BINDING, so both coexist and
 * nobody has to rebuild back and forth. A packaged app has no such variable: electron-builder
 * already rebuilt the module for Electron, and the default binding is used.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';

const override = process.env.BILLING_OFFICE_SQLITE_BINDING;
const nativeBinding = override && existsSync(override) ? override : undefined;

class DesktopSqlite extends BetterSqlite3 {
  constructor(filename?: string | Buffer, options: BetterSqlite3.Options = {}) {
    super(filename, nativeBinding !== undefined && options.nativeBinding === undefined ? { ...options, nativeBinding } : options);
  }
}

export default DesktopSqlite;
