/** Who is acting and when: what every write in the payments store records. */
export interface Actor {
  userId: number;
  nowIso: string;
  /** The office's business date, "YYYY-MM-DD". */
  today: string;
  /** The supervisor who approved this (voids, returned checks); the caller when a supervisor. */
  approvedByUserId?: number | null;
}
