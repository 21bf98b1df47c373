/**
 * Starting the office for a front end (desktop window or browser mode): find the database in
 * the user's data folder, open it, and on a fresh machine (no database file yet) create the demo
 * district so a new user has something to look at — saying so on screen (system.info.isDemo).
 * An existing file without users is refused with what to do (NoUsersError), never filled.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SystemInfo } from '../../src-shared/contract/system';
import { createDemoDistrict, DEMO_DEFAULT_ACCOUNTS, DEMO_DEFAULT_SEED } from '../core/demo';
import { OfficeError } from '../core/errors';
import { APP_FOLDER_NAME, userDataFolder } from '../core/storage/paths';
import { userCount } from '../core/users/users';
import type { JobOptions } from './jobs';
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
  /** How long write steps run (operations/jobs.ts); the window's front ends use the worker. */
  jobs?: JobOptions;
}

export interface StartedOffice {
  runtime: OfficeRuntime;
  databasePath: string;
  createdDemo: boolean;
}

/**
 * An existing database nobody can log in to: refused, not filled with practice data. The file may
 * be a real office's whose setup was interrupted, or one restored from the wrong place; writing a
 * demo district into it would mix made-up customers into real books.
 */
export class NoUsersError extends OfficeError {
  constructor(readonly databasePath: string) {
    super(
      'CONFLICT',
      [
        `The office database ${databasePath} has no users, so nobody can log in.`,
        'Billing Office did not change it (it fills only a brand-new file with the demo district).',
        `To set it up for your district, run:  billing-office --db "${databasePath}" init --district "<district name>" --supervisor <user name>`,
        `For practice data instead, run:  billing-office --db "${databasePath}" demo   (or move the file away and start again).`,
      ].join('\n'),
    );
    this.name = 'NoUsersError';
  }
}

export async function startOffice(options: StartupOptions): Promise<StartedOffice> {
  const dataFolder = options.dataFolder ?? defaultDataFolder();
  const databasePath = options.databasePath ?? join(dataFolder, DATABASE_FILE_NAME);
  const isNew = !existsSync(databasePath);
  const runtime = await OfficeRuntime.open({ databasePath, mode: options.mode, ...(options.jobs ? { jobs: options.jobs } : {}) });
  if (!isNew) {
    if (userCount(runtime.database.sqlite) === 0) {
      runtime.close();
      throw new NoUsersError(databasePath);
    }
    return { runtime, databasePath, createdDemo: false };
  }
  const accountCount = options.demoAccounts ?? Number(process.env.BILLING_OFFICE_DEMO_ACCOUNTS ?? DEMO_DEFAULT_ACCOUNTS);
  try {
    // One transaction of its own: a failure leaves the new database empty...
    createDemoDistrict(runtime.database.sqlite, { accountCount, seed: DEMO_DEFAULT_SEED, nowIso: runtime.clock.nowIso() });
  } catch (error) {
    // ...and the file we created is removed, so the next start is a fresh start, not a refusal.
    runtime.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
    throw error;
  }
  return { runtime, databasePath, createdDemo: true };
}
