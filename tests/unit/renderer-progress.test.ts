/** The words of a bulk step's progress (ui/BulkProgress.tsx): what, how many, and the seconds so far. */
import { describe, expect, it } from 'vitest';
import { progressText } from '../../src-renderer/ui/BulkProgress';

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
});
