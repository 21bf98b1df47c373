/**
 * A bulk step under way (recompute, approve, post or cancel a run, bulk accept, flag unread
 * meters, an import): what is being done, to how many, and the seconds so far.
 *
 * When the step is a job (`job`: the idempotency key of the write on its way; operations/jobs.ts
 * in the main process), the bar fills: every 250 ms it asks `jobs.progress` for the counts
 * ("Recomputing 4,200 of 11,842 accounts… 3 s"), and a Cancel button asks `jobs.cancel` to stop
 * it. Cancelling is always safe there: the step is one transaction, and a cancelled one rolls
 * back ("Cancelled — nothing was changed", the write's own answer, shown by the screen). Once
 * every unit is counted the step is saving, and Cancel goes away: it would come too late.
 * Other steps (the import's check) keep the bar that does not fill.
 *
 * Screen readers hear the step once when it starts and then the count every 10 s (a polite live
 * region of its own), not every tick of the visible text.
 */
import { useEffect, useState } from 'react';
import type { JobProgress } from '../../src-shared/contract/jobs';
import { client } from '../client';
import { progressText } from './progressText';

const POLL_EVERY_MS = 250;
const ANNOUNCE_EVERY_S = 10;

/** Whole seconds since the component appeared. */
function useSecondsRunning(): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, []);
  return seconds;
}

/** The job's counts while it runs (null until the main process first answers, or with no job). */
function useJobProgress(job: string | null | undefined): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => {
    if (!job) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const answer = await client.call('jobs.progress', { idempotencyKey: job });
      if (stopped) return;
      // "unknown" before the main process has taken the job, and after it ended: keep what was shown.
      if (answer.ok && answer.value.state !== 'unknown') setProgress(answer.value);
      timer = setTimeout(() => void ask(), POLL_EVERY_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job]);
  return progress;
}

interface BulkProgressProps {
  /** What is being done, as a verb: "Recomputing". */
  doing: string;
  /** How many of `noun` the step works through; null when not known beforehand. */
  count: number | null;
  /** Singular: "account". */
  noun: string;
  /** The idempotency key of the job write under way (useSubmission's pendingKey): live counts and Cancel. */
  job?: string | null;
}

export function BulkProgress({ doing, count, noun, job }: BulkProgressProps) {
  const seconds = useSecondsRunning();
  const progress = useJobProgress(job);
  const [cancelAsked, setCancelAsked] = useState(false);
  const counted = progress !== null && progress.total > 0 ? progress : undefined;
  const text = progressText(doing, count, noun, seconds, counted);
  const saving = counted !== undefined && counted.done >= counted.total;
  const cancelling = cancelAsked || progress?.state === 'cancelling';

  const [spoken, setSpoken] = useState(() => progressText(doing, count, noun, 0));
  useEffect(() => {
    if (seconds > 0 && seconds % ANNOUNCE_EVERY_S === 0) setSpoken(progressText(doing, count, noun, 0, counted));
    // Only the clock moves the announcement; the counts in between are read when it is due.
  }, [seconds]);

  const cancel = async () => {
    if (!job) return;
    setCancelAsked(true);
    setSpoken(`Cancelling: ${doing.toLowerCase()} stops before anything is saved`);
    await client.call('jobs.cancel', { idempotencyKey: job });
  };

  return (
    <div className="bulk-progress" data-testid="bulk-progress">
      {counted ? (
        <progress className="import-progress" aria-label={doing} value={counted.done} max={counted.total} />
      ) : (
        <progress className="import-progress" aria-label={doing} />
      )}
      <span data-testid="bulk-progress-text">
        {cancelling ? `Cancelling… ${text}` : text}
      </span>
      <span className="visually-hidden" role="status" aria-live="polite">
        {spoken}
      </span>
      {progress !== null && !saving && (
        <button type="button" className="bulk-progress-cancel" onClick={() => void cancel()} disabled={cancelling} aria-label={cancelling ? undefined : `Cancel ${doing.toLowerCase()}`}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}
