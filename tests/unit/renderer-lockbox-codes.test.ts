/** The lockbox screen's type-code words and typed codes (src-renderer/cash/lockboxCodes.ts). */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/contract';
import { describeTypeCodes, typedCodes } from '../../src-renderer/cash/lockboxCodes';

describe('lockbox type codes in the renderer', () => {
  it('says which records are payments and deposit totals, and where the codes come from', () => {
    expect(describeTypeCodes({ itemCodes: ['116'], depositCodes: ['115'], fromSetting: true })).toBe(
      "BAI2 type codes read as payments: 116; as the deposit's total: 115, the office setting.",
    );
    expect(describeTypeCodes({ itemCodes: ['116', '117'], depositCodes: [], fromSetting: false })).toBe(
      "BAI2 type codes read as payments: 116, 117; as the deposit's total: none, given for this file.",
    );
  });

  it('turns typed codes into an input the main process checks (and refuses what is wrong)', () => {
    expect(typedCodes(' 116, 117 ')).toEqual(['116', '117']);
    expect(typedCodes('  ')).toEqual([]);
    const schema = contract['lockbox.updateSettings'].input;
    expect(schema.safeParse({ itemCodes: typedCodes('116,117'), depositCodes: typedCodes('115') }).success).toBe(true);
    expect(schema.safeParse({ itemCodes: typedCodes(''), depositCodes: typedCodes('115') }).success).toBe(false);
    expect(schema.safeParse({ itemCodes: typedCodes('116'), depositCodes: typedCodes('116') }).success).toBe(false);
  });
});
