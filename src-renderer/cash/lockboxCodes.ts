/** The lockbox type codes' words and typed text, kept apart from the screen so they can be tested. */
import type { LockboxTypeCodes } from '../../src-shared/contract/payments';

/** "116, 117" → ["116", "117"]; blank → []. Whether they are type codes is the main process's rule. */
export function typedCodes(text: string): string[] {
  return text.trim() === '' ? [] : text.split(',').map((code) => code.trim());
}

/** One sentence: which BAI2 records are payments, which the deposit's total, and where that comes from. */
export function describeTypeCodes(codes: LockboxTypeCodes & { fromSetting?: boolean }): string {
  const source = codes.fromSetting === false ? ', given for this file' : codes.fromSetting ? ', the office setting' : '';
  const deposits = codes.depositCodes.length > 0 ? codes.depositCodes.join(', ') : 'none';
  return `BAI2 type codes read as payments: ${codes.itemCodes.join(', ')}; as the deposit's total: ${deposits}${source}.`;
}
