/**
 * A bulk step under way (recompute, approve, post or cancel a run, bulk accept, an import, the
 * unread report): the progress bar the read import shows, with what is being done, to how many,
 * and the seconds so far. The bar does not fill: each step is one transaction in the main
 * process, which reports nothing until it is done (all or nothing), so the count is the step's
 * whole size, known before it starts, and the clock shows it is still going.
 */
import { useEffect, useState } from 'react';

/** "Recomputing 11,842 accounts…", then "… 3 s" once it takes longer than a second. */
export function progressText(doing: string, count: number | null, noun: string, seconds: number): string {
  const what = count === null ? doing : `${doing} ${count.toLocaleString('en-US')} ${count === 1 ? noun : `${noun}s`}`;
  return seconds >= 1 ? `${what}… ${seconds} s` : `${what}…`;
}

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

interface BulkProgressProps {
  /** What is being done, as a verb: "Recomputing". */
  doing: string;
  /** How many of `noun` the step works through; null when not known beforehand. */
  count: number | null;
  /** Singular: "account". */
  noun: string;
}

export function BulkProgress({ doing, count, noun }: BulkProgressProps) {
  const seconds = useSecondsRunning();
  return (
    <div className="bulk-progress" role="status" aria-live="polite" data-testid="bulk-progress">
      <progress className="import-progress" aria-label={doing} />
      <span>{progressText(doing, count, noun, seconds)}</span>
    </div>
  );
}
