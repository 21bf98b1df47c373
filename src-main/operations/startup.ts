/**
 * Starting the office for a front end (desktop window or browser mode): find the database in
 * the user's data folder, open it, and on a fresh machine create the demo district so a new
 * user has something to look at — saying so on screen (system.info.isDemo).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SystemInfo } from '../../src-shared/contract/system';
import { createDemoDistrict, DEMO_DEFAULT_ACCOUNTS, DEMO_DEFAULT_SEED } from '../core/demo';
import { APP_FOLDER_NAME, userDataFolder } from '../core/storage/paths';
import { userCount } from '../core/users/users';
import { OfficeRuntime } from './runtime';

export { APP_FOLDER_NAME };
export const DATABASE_FILE_NAME = 'billing-office.sqlite';

/** The per-user data folder, matching Electron's app.getPath('userData') for this app. */
export function defaultDataFolder(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  return userDataFolder(platform, env);
}

export interface StartupOptions {
  mode: SystemInfo['mode'];
  dataFolder?: string;
  /** Explicit database file; default <dataFolder>/billing-office.sqlite. */
  databasePath?: string;
  demoAccounts?: number;
}

export interface StartedOffice {
  runtime: OfficeRuntime;
  databasePath: string;
  createdDemo: boolean;
}

export async function startOffice(options: StartupOptions): Promise<StartedOffice> {
  const dataFolder = options.dataFolder ?? defaultDataFolder();
  const databasePath = options.databasePath ?? join(dataFolder, DATABASE_FILE_NAME);
  const isNew = !existsSync(databasePath);
  const runtime = await OfficeRuntime.open({ databasePath, mode: options.mode });
  let createdDemo = false;
  if (isNew || userCount(runtime.database.sqlite) === 0) {
    const accountCount = options.demoAccounts ?? Number(process.env.BILLING_OFFICE_DEMO_ACCOUNTS ?? DEMO_DEFAULT_ACCOUNTS);
    // One transaction of its own: a failure leaves the new database empty.
    createDemoDistrict(runtime.database.sqlite, { accountCount, seed: DEMO_DEFAULT_SEED, nowIso: runtime.clock.nowIso() });
    createdDemo = true;
  }
  return { runtime, databasePath, createdDemo };
}
