#!/usr/bin/env node
// `npm test`: typecheck, unit and integration tests (vitest), then end-to-end tests (Playwright,
// browser mode). Ends with one plain line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const reportFolder = '.tmp/test-reports';
rmSync(reportFolder, { recursive: true, force: true });
mkdirSync(reportFolder, { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const typecheckOk = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const unitOk = run('unit and integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFolder}/vitest.json`]);
const buildOk = run('renderer build', 'npm', ['run', 'build:renderer']);
const e2eOk = buildOk && run('end-to-end', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reportFolder}/playwright.json` });

const vitest = readJson(`${reportFolder}/vitest.json`);
const playwright = readJson(`${reportFolder}/playwright.json`);
let passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
let failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
// A stage that failed without reporting tests (typecheck, build, a crash) still fails the run.
for (const [ok, stage] of [[typecheckOk, 'typecheck'], [unitOk, 'vitest'], [buildOk, 'renderer build'], [e2eOk, 'playwright']]) {
  if (!ok) {
    console.log(`stage failed: ${stage}`);
    if (failed === 0) failed = 1;
  }
}
if (!vitest || !playwright) console.log('warning: a test report is missing; see the output above');
if (passed === 0) failed = Math.max(failed, 1);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
