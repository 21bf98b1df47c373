import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found by walking up from this module (source or bundle). */
export function findProjectRoot(fromUrl: string = import.meta.url): string {
  let folder = dirname(fileURLToPath(fromUrl));
  for (let depth = 0; depth < 8; depth += 1) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    folder = dirname(folder);
  }
  throw new Error('Could not find the Billing Office install folder (no package.json above this module)');
}

/** Generated SQL migrations: beside the app in a packaged build, in db/migrations otherwise. */
export function resolveMigrationsFolder(): string {
  const override = process.env.BILLING_OFFICE_MIGRATIONS;
  if (override) return override;
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'migrations'))) return join(resources, 'migrations');
  return join(findProjectRoot(), 'db', 'migrations');
}

export const APP_FOLDER_NAME = 'Billing Office';

/**
 * The per-user data folder, matching Electron's app.getPath('userData') for this app: the
 * desktop app, browser mode and the CLI find the same database and audit keys in it.
 */
export function userDataFolder(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.BILLING_OFFICE_DATA) return env.BILLING_OFFICE_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}
