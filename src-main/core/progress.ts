/**
 * How a long step (a bill run, a bulk accept) says how far it has got, and learns that the person
 * waiting asked it to stop. Core loops call `step(done, total)` between units of work; it costs a
 * couple of memory writes, so a loop may call it for every account.
 *
 * A step run as a job (operations/jobs.ts) gets a Progress that stores the counts where the main
 * thread can read them, and that throws `cancelledError()` from `step` once a cancel was asked:
 * the throw unwinds the step's transaction, so a cancelled step changes nothing. Anywhere else the
 * step gets `noProgress`.
 */
import { OfficeError } from './errors';

export interface Progress {
  /** `done` of `total` units finished; throws the CANCELLED OfficeError when asked to stop. */
  step(done: number, total: number): void;
}

export const noProgress: Progress = { step() {} };

export const CANCELLED_MESSAGE = 'Cancelled — nothing was changed';

export function cancelledError(): OfficeError {
  return new OfficeError('CANCELLED', CANCELLED_MESSAGE);
}
