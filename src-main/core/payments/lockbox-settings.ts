/**
 * The office's BAI2 lockbox type codes (which 16 records are payments, which the deposit's
 * total), kept in the settings table as comma-separated text. The operation validates a change
 * (contract lockboxTypeCodes); a stored value that no longer reads is replaced by the default
 * rather than guessed at.
 */
import { DEFAULT_LOCKBOX_TYPE_CODES, lockboxTypeCodes, type LockboxTypeCodes } from '../../../src-shared/contract/payments';
import type { Sqlite } from '../storage/database';
import { getSetting, setSetting } from '../storage/settings';

const listOf = (text: string) => (text.trim() === '' ? [] : text.split(',').map((code) => code.trim()));

export function getLockboxTypeCodes(db: Sqlite): LockboxTypeCodes {
  const stored = lockboxTypeCodes.safeParse({ itemCodes: listOf(getSetting(db, 'lockboxItemTypeCodes')), depositCodes: listOf(getSetting(db, 'lockboxDepositTypeCodes')) });
  return stored.success ? stored.data : { itemCodes: [...DEFAULT_LOCKBOX_TYPE_CODES.itemCodes], depositCodes: [...DEFAULT_LOCKBOX_TYPE_CODES.depositCodes] };
}

/** `codes` has passed the contract's lockboxTypeCodes (the dispatcher validates every input). */
export function setLockboxTypeCodes(db: Sqlite, codes: LockboxTypeCodes): LockboxTypeCodes {
  setSetting(db, 'lockboxItemTypeCodes', codes.itemCodes.join(','));
  setSetting(db, 'lockboxDepositTypeCodes', codes.depositCodes.join(','));
  return getLockboxTypeCodes(db);
}

/** The codes one file is read with: the setting, or this import's item codes (which then are no deposit codes). */
export function typeCodesFor(db: Sqlite, itemCodes: readonly string[] | undefined): LockboxTypeCodes & { fromSetting: boolean } {
  const setting = getLockboxTypeCodes(db);
  if (itemCodes === undefined) return { ...setting, fromSetting: true };
  return { itemCodes: [...itemCodes], depositCodes: setting.depositCodes.filter((code) => !itemCodes.includes(code)), fromSetting: false };
}
