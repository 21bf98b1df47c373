#!/usr/bin/env node
// The `billing-office` command (package.json "bin"; `npx billing-office`, `npm run cli --`).
// The CLI is TypeScript run through tsx, so there is nothing to build first. See docs/cli.md.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv);
