/**
 * Child process for the crash-during-restore test: opens the office, logs in, says "restoring"
 * and restores the given backup file through system.restore (as the CLI does); the parent kills
 * it with SIGKILL somewhere inside. Run to the end it says "restored <ms>".
 *   node --import tsx tests/support/restore-child.ts <databasePath> <backupPath> <username> <password>
 */
import { OfficeRuntime } from '../../src-main/operations/runtime';

const [databasePath, backupPath, username, password] = process.argv.slice(2) as [string, string, string, string];
const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
const login = await runtime.call({ op: 'session.login', input: { username, password } });
if (!login.ok) throw new Error(login.error.message);
const sessionToken = (login.value as { token: string }).token;
process.stdout.write('restoring\n');
const startedMs = performance.now();
const result = await runtime.callFromLocalFront({ op: 'system.restore', input: { path: backupPath }, sessionToken }, 'cli');
if (!result.ok) throw new Error(result.error.message);
process.stdout.write(`restored ${Math.round(performance.now() - startedMs)}\n`);
await runtime.shutdown();
