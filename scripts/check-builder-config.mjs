#!/usr/bin/env node
/**
 * `npm run dist:check`: validates build/electron-builder.yml against electron-builder's own
 * schema without packaging anything (packaging needs Electron downloads and, for signing,
 * certificates; this check needs neither and runs anywhere).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './native-sqlite.mjs';

const require = createRequire(join(projectRoot, 'package.json'));
const configFile = join(projectRoot, 'build', 'electron-builder.yml');

try {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(projectRoot, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
  const problems = [];
  for (const { from } of config.extraResources ?? []) {
    if (!existsSync(join(projectRoot, from))) problems.push(`extraResources: ${from} does not exist`);
  }
  for (const key of ['entitlements', 'entitlementsInherit']) {
    const file = config.mac?.[key];
    if (file && !existsSync(join(projectRoot, file))) problems.push(`mac.${key}: ${file} does not exist`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  console.log(`${configFile} is valid (${config.appId}, "${config.productName}").`);
} catch (error) {
  console.error(`electron-builder configuration problem:\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
