import { existsSync } from 'node:fs';
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
