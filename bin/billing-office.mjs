#!/usr/bin/env node
// The `billing-office` command (package.json "bin"; `npx billing-office`, `npm run cli --`).
// The CLI is TypeScript run through tsx, so there is nothing to build first. See docs/cli.md.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// `billing-office billing bills 1 | head`: the reader went away; stop quietly as other Unix tools do
// (whatever the command wrote to the database was committed before it printed).
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv);
