/** Password hashing with scrypt (Node's crypto): a per-user salt, parameters stored with the hash. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/contract/system';
import { OfficeError } from '../errors';
import { COMMON_PASSWORDS } from './common-passwords';

const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_BYTES = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return `scrypt$${COST}$${BLOCK_SIZE}$${PARALLELISM}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, cost, blockSize, parallelism, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = scryptSync(password, Buffer.from(saltText, 'base64'), expected.length, {
    N: Number(cost),
    r: Number(blockSize),
    p: Number(parallelism),
  });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash no password matches (its key is all zeros), with the parameters real hashes use: a
 * login under an unknown or inactive name is checked against it, so it takes as long as one
 * under a real name and the time does not tell which names exist.
 */
const DUMMY_HASH = `scrypt$${COST}$${BLOCK_SIZE}$${PARALLELISM}$${Buffer.alloc(16, 7).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;

/** Spends the time of one password check and returns false. */
export function checkAgainstNobody(password: string): false {
  passwordMatches(password, DUMMY_HASH);
  return false;
}

/**
 * The password rule, for every password being set (users.create, users.update, change of own
 * password, CLI init): at least PASSWORD_MIN_LENGTH characters and not a commonly used one.
 * Throws INVALID_INPUT on `field` with what to do.
 */
export function assertPasswordAllowed(password: string, field: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw new OfficeError('INVALID_INPUT', `Password is at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a good one`, field);
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || isOneCharacterRepeated(password)) {
    throw new OfficeError('INVALID_INPUT', 'That password is one of the first that guessing tools try; choose another (a few unrelated words make a good one)', field);
  }
}

function isOneCharacterRepeated(password: string): boolean {
  return new Set(password).size === 1;
}
