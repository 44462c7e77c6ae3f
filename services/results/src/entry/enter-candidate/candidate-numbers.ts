import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the numbers are printed on paper and typed by people.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** An ID Number: "C" and 8 digits, e.g. C40192837. */
export const newIdNumber = (): string => `C${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** A Secret Number of 10 unambiguous characters (~49 bits): guessing it within the rate limit is hopeless. */
export const newSecretNumber = (): string =>
  Array.from({ length: 10 }, () => ALPHABET[randomInt(0, ALPHABET.length)]).join('');
