// The job worker when Billing Office runs from source (browser mode, tests): a worker thread does
// not inherit the parent's tsx loader, so it registers tsx and then loads job-worker.ts.
// The desktop build runs out/main/job-worker.js directly (electron.vite.config.ts).
import { workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import(workerData.entry);
