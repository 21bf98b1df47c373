/** The words of a bulk step's progress (BulkProgress.tsx), apart from the component so tests need no window. */
import type { JobProgress } from '../../src-shared/contract/jobs';

const many = (count: number) => count.toLocaleString('en-US');
const nouns = (count: number, noun: string) => (count === 1 ? noun : `${noun}s`);

/** "Recomputing 11,842 accounts…", then "… 3 s" once it takes longer than a second. */
export function progressText(doing: string, count: number | null, noun: string, seconds: number, counts?: Pick<JobProgress, 'done' | 'total'>): string {
  let what: string;
  if (counts && counts.total > 0) {
    what = `${doing} ${many(counts.done)} of ${many(counts.total)} ${nouns(counts.total, noun)}`;
    if (counts.done >= counts.total) return `${what}: saving…${seconds >= 1 ? ` ${seconds} s` : ''}`;
  } else {
    what = count === null ? doing : `${doing} ${many(count)} ${nouns(count, noun)}`;
  }
  return seconds >= 1 ? `${what}… ${seconds} s` : `${what}…`;
}
