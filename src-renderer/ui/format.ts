/** How dates, balances and labels read on screen. Money formatting itself lives in src-shared/money. */
import { formatUsDate } from '../../src-shared/dates';
import { formatCents } from '../../src-shared/money';

/** "2026-11-02" → "11/02/2026", without a time zone that could shift the day. */
export const formatDate = formatUsDate;

/** An ISO timestamp in this computer's local time: "11/02/2026 9:05 AM". */
export function formatDateTime(isoTimestamp: string): string {
  const at = new Date(isoTimestamp);
  if (Number.isNaN(at.getTime())) return isoTimestamp;
  const date = `${String(at.getMonth() + 1).padStart(2, '0')}/${String(at.getDate()).padStart(2, '0')}/${at.getFullYear()}`;
  return `${date} ${at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}`;
}

/** A customer balance as the office says it: what is owed, or "Credit $12.00" when the district owes. */
export function formatBalance(balanceCents: number): string {
  return balanceCents < 0 ? `Credit ${formatCents(-balanceCents)}` : formatCents(balanceCents);
}

/** Today in this computer's local time as "YYYY-MM-DD" (the office's calendar day). */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** "private_fire" → "Private fire". */
export function humanize(code: string): string {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * User-typed text (a name, an address) set inside a sentence that is a plain string (a title, a
 * message), wrapped in Unicode's first-strong isolate (U+2068 … U+2069): whatever direction
 * characters it holds — stored before the contract refused them — cannot reorder the words
 * around it. In markup, use <bdi> instead.
 */
export function isolate(userText: string): string {
  return `\u2068${userText}\u2069`;
}
