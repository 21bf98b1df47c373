/** The slots of a job's shared Int32Array (jobs.ts writes cancel; the worker writes the counts). */
export const SLOT = { cancel: 0, done: 1, total: 2, crashForTest: 3 } as const;
export const SLOTS = 4;
