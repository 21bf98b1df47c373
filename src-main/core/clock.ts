/** Time as the office sees it; injectable so tests and the demo are deterministic. */
export interface Clock {
  /** ISO-8601 UTC instant, e.g. 2026-11-26T17:03:00.000Z */
  nowIso(): string;
  /** The office's calendar date "YYYY-MM-DD" (local to the district). */
  today(): string;
}

export const systemClock: Clock = {
  nowIso: () => new Date().toISOString(),
  today: () => {
    const now = new Date();
    const month = String(now.getMonth() + 1).padStart(2, '0');
    const day = String(now.getDate()).padStart(2, '0');
    return `${now.getFullYear()}-${month}-${day}`;
  },
};

export function fixedClock(isoInstant: string): Clock {
  return { nowIso: () => isoInstant, today: () => isoInstant.slice(0, 10) };
}
