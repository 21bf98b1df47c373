/**
 * What every meter-read file format is turned into before validation: one row per read, with
 * the file line it came from, values kept exactly as written (decimal strings, never floats).
 * A file with any problem is rejected whole; problems name the line and the field.
 */
import type { MeterUnit } from '../../../../src-shared/contract/accounts';

export interface ParsedReadRow {
  /** 1-based physical line of the file the read came from (the first line of a record). */
  line: number;
  /** Meter serial as the office knows it (after an endpoint/meter-id crosswalk, if any). */
  meterSerial: string;
  /** Account number when the file carries one (Badger does; Sensus CMEP does not). */
  accountNumber: string | null;
  /** Date the register was read, "YYYY-MM-DD". */
  readDate: string;
  /** Full timestamp when the file gives one (ISO-8601), else null. */
  readAt: string | null;
  /** Register value exactly as written in the file, as a decimal string ("001234", "1234.5"). */
  reading: string;
  /** Unit the file states for the value; null when it states none (use the meter's unit). */
  unit: MeterUnit | null;
  /** Multiplier the file states (Sensus CMEP); null when none. */
  multiplier: string | null;
  /** The value is an estimate by the head-end or handheld, not an actual read. */
  estimated: boolean;
  /** The register reported a fault (e.g. Itron's 4294967294): an exception, never a read. */
  faulted: boolean;
  /** The endpoint reports a leak / continuous flow. */
  leakFlag: boolean;
  /** Dial count the file states, if any (Badger "Dials"). */
  dials: number | null;
}

export interface FileProblem {
  /** 1-based line of the file; 0 when the problem concerns the file as a whole (size, encoding, no reads). */
  line: number;
  /** The column or field at fault, as named in the format ("Read_Value", "reading"). */
  field?: string;
  message: string;
}

export interface ParseResult {
  /** The format that read the file ("badger-beacon", "itron-register", "sensus-cmep", "csv:<profile>"). */
  format: string;
  rows: ParsedReadRow[];
  problems: FileProblem[];
  /**
   * Remarks that do not stop the import, for the technician (e.g. "12 interval-usage records were
   * skipped: only register reads are imported"). Optional: only some formats write them.
   */
  notes?: string[];
}
