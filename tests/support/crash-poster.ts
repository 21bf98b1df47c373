/**
 * Child process for the crash-during-post test: posts an approved bill run through the dispatcher
 * and says "posting" just before; the parent kills it with SIGKILL somewhere inside the post.
 *   node --import tsx tests/support/crash-poster.ts <databasePath> <runId> <username> <password>
 */
import { OfficeRuntime } from '../../src-main/operations/runtime';

const [databasePath, runIdText, username, password] = process.argv.slice(2) as [string, string, string, string];
const runtime = await OfficeRuntime.open({ databasePath, mode: 'test' });
const login = await runtime.call({ op: 'session.login', input: { username, password } });
if (!login.ok) throw new Error(login.error.message);
const sessionToken = (login.value as { token: string }).token;
process.stdout.write('posting\n');
const result = await runtime.call({ op: 'billing.post', input: { runId: Number(runIdText) }, sessionToken, idempotencyKey: 'a0e5c1d2-3b4f-4a6e-9c7d-8e9f0a1b2c3d' });
if (!result.ok) throw new Error(result.error.message);
process.stdout.write('posted\n');
runtime.close();
