/** The CLI's count line (src-main/cli/progress.ts): a terminal only, at most every 200 ms, cleared at the end. */
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src-main/cli/progress';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
}

describe('terminalProgress', () => {
  it('prints nothing when stderr is not a terminal (a script reads it)', () => {
    expect(terminalProgress(fakeStream(false).stream)).toBeUndefined();
  });

  it('redraws one line with thousands separators, skips redraws within 200 ms, clears it when done', () => {
    const { stream, written } = fakeStream(true);
    let nowMs = 1_000;
    const report = terminalProgress(stream, () => nowMs)!;
    report('billing.recompute', 0, 11_842);
    nowMs += 150;
    report('billing.recompute', 3_000, 11_842);
    nowMs += 60;
    report('billing.recompute', 4_200, 11_842);
    report('billing.recompute', 11_842, 11_842);
    expect(written).toEqual(['\r\x1b[Kbilling.recompute: 0 of 11,842', '\r\x1b[Kbilling.recompute: 4,200 of 11,842', '\r\x1b[K']);
  });
});
