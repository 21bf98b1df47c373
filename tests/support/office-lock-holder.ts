/**
 * Child process: holds a database's shared office lock (as a process that has it open does) for
 * `holdMs`, says "holding" once it has it, then lets go and exits.
 *   node --import tsx tests/support/office-lock-holder.ts <databasePath> <holdMs>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { OfficeLock } from '../../src-main/core/storage/office-lock';

const [databasePath, holdMsText] = process.argv.slice(2) as [string, string];
const lock = OfficeLock.acquireShared(databasePath);
process.stdout.write('holding\n');
await sleep(Number(holdMsText));
lock.release();
