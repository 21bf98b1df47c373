/**
 * What every lockbox file format is turned into: one item per payment, with the file line it came
 * from. A file with any problem is imported not at all; problems name the line and the field.
 */
import type { LockboxFormat } from '../../../../src-shared/contract/payments';

export type { LockboxFormat };

export interface LockboxItem {
  /** 1-based physical line of the file the payment came from (the first line of a record). */
  line: number;
  /** The district account number as the bank read it from the scan line (trimmed, as written). */
  accountNumber: string;
  amountCents: number;
  /** The check's number; null when the bank reported none (a money order, a cashier's check). */
  checkNumber: string | null;
  /** The bank's deposit date, "YYYY-MM-DD" (BAI2: the group's as-of date). */
  depositDate: string;
  /** The bank's own reference for the item, when the file carries one (BAI2 bank reference). */
  bankReference: string | null;
}

export interface FileProblem {
  /** 1-based line of the file; 0 when the problem concerns the file as a whole (size, encoding, empty). */
  line: number;
  /** The column or field at fault, as the format names it ("Amount", "control total"). */
  field?: string;
  message: string;
}

/** Facts from a BAI2 file header (01). */
export interface Bai2FileHeader {
  senderId: string;
  receiverId: string;
  /** "YYYY-MM-DD" */
  createdDate: string;
  fileId: string;
}

export interface LockboxParseResult {
  format: LockboxFormat;
  /** SHA-256 of the file's bytes, hex: the same file twice is refused by this. */
  fileSha256: string;
  byteCount: number;
  /** The payments, in file order (also when there are problems, for counts in a preview). */
  items: LockboxItem[];
  itemCount: number;
  itemTotalCents: number;
  /** Empty when the file may be imported. */
  problems: FileProblem[];
  /** Remarks that do not stop the import (e.g. deposit totals read but not imported). */
  notes: string[];
  /** BAI2 only. */
  header?: Bai2FileHeader;
}
