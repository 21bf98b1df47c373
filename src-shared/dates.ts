/** Dates as people in the office and on a bill read them. ISO dates stay the stored and exchanged form. */

/** "2026-11-02" → "11/02/2026", by the text alone: no time zone can shift the day. */
export function formatUsDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return year && month && day ? `${month}/${day}/${year}` : isoDate;
}
