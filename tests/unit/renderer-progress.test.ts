/** The words of a bulk step's progress (ui/BulkProgress.tsx): what, how many, and the seconds so far. */
import { describe, expect, it } from 'vitest';
import { progressText } from '../../src-renderer/ui/progressText';

describe('bulk step progress text', () => {
  it('says what is done to how many, thousands grouped, singular for one', () => {
    expect(progressText('Recomputing', 11_842, 'account', 0)).toBe('Recomputing 11,842 accounts…');
    expect(progressText('Posting', 1, 'bill', 0)).toBe('Posting 1 bill…');
    expect(progressText('Accepting', 0, 'read', 0)).toBe('Accepting 0 reads…');
  });
  it('adds the seconds once the step has taken one', () => {
    expect(progressText('Cancelling', 250, 'bill', 0)).toBe('Cancelling 250 bills…');
    expect(progressText('Cancelling', 250, 'bill', 3)).toBe('Cancelling 250 bills… 3 s');
  });
  it('leaves the count out when it is not known beforehand', () => {
    expect(progressText('Checking the file', null, 'row', 2)).toBe('Checking the file… 2 s');
  });
  it('counts a job as it goes: done of total, then saving once all are counted', () => {
    expect(progressText('Recomputing', 11_842, 'account', 3, { done: 4_200, total: 11_842 })).toBe('Recomputing 4,200 of 11,842 accounts… 3 s');
    expect(progressText('Posting', 136, 'bill', 0, { done: 0, total: 136 })).toBe('Posting 0 of 136 bills…');
    expect(progressText('Posting', 136, 'bill', 2, { done: 136, total: 136 })).toBe('Posting 136 of 136 bills: saving… 2 s');
    // A job not yet counted (0 of 0) reads like the step's size known beforehand.
    expect(progressText('Recomputing', 11_842, 'account', 1, { done: 0, total: 0 })).toBe('Recomputing 11,842 accounts… 1 s');
  });
});
