import { randomBytes } from './runtime.js';

/**
 * Build codes: short, speakable names for a saved build, such as `K7F3-QX9M-2P`.
 *
 * Ten symbols from Crockford's base-32 alphabet, shown as `XXXX-XXXX-XX`: nine random data
 * symbols (45 bits) and one check symbol. The check is a weighted sum over the field GF(32)
 * (see docs/decisions/0003-build-codes.md): every single-symbol substitution, every
 * transposition of two adjacent symbols (the check symbol included) and every swap of two
 * symbols one apart is detected, so a mistyped code is refused instead of opening a stranger's
 * build.
 */

/** Crockford's base-32 alphabet: digits and letters without I, L, O and U. */
export const BUILD_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Number of symbols in a code, the check symbol included. */
export const BUILD_CODE_LENGTH = 10;

const DATA_LENGTH = BUILD_CODE_LENGTH - 1;

/** The canonical form: `XXXX-XXXX-XX` in upper case. */
export const BUILD_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

// GF(32) = GF(2)[x] / (x^5 + x^2 + 1). Elements are 5-bit numbers; addition is XOR.
const FIELD_POLYNOMIAL = 0b100101;
// The weight base α = x^4. Any element other than 0 and 1 gives the guarantees above; this one
// makes the example code in spec/lead.md (K7F3-QX9M-2P) valid.
const WEIGHT = 0b10000;

function multiply(a: number, b: number): number {
  let product = 0;
  while (b > 0) {
    if (b & 1) product ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 0b100000) a ^= FIELD_POLYNOMIAL;
  }
  return product;
}

// Multiplying by α is the only product the check needs: precompute it.
const TIMES_WEIGHT = Array.from({ length: 32 }, (_, v) => multiply(v, WEIGHT));

/** Horner fold: Σ α^(n-1-i) · v_i over GF(32). A full code (data + check) folds to 0. */
function fold(values: readonly number[]): number {
  let r = 0;
  for (const v of values) r = (TIMES_WEIGHT[r] ?? 0) ^ v;
  return r;
}

/** The check value for data values: the c that makes fold([...data, c]) zero, i.e. α·fold(data). */
function checkValue(data: readonly number[]): number {
  return TIMES_WEIGHT[fold(data)] ?? 0;
}

function format(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/**
 * Makes a new random build code in canonical form (`XXXX-XXXX-XX`), from the platform's
 * cryptographic random source (`crypto.getRandomValues`, in browsers and Node).
 */
export function newBuildCode(): string {
  return buildCodeFromBytes(randomBytes(DATA_LENGTH));
}

/**
 * The build code for nine random bytes (only their low five bits count). For sources that
 * bring their own random generator, e.g. a seeded one in tests.
 */
export function buildCodeFromBytes(bytes: ArrayLike<number>): string {
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
  const data = Array.from({ length: DATA_LENGTH }, (_, i) => (bytes[i] ?? 0) & 31);
  data.push(checkValue(data));
  return format(data.map((v) => BUILD_CODE_ALPHABET[v]).join(''));
}

/**
 * Reads a build code as a person may type or say it and returns its canonical form, or `null`
 * when it is not a code or its check symbol does not match. Case, spaces and hyphens do not
 * matter; I and L read as 1, O as 0 (Crockford's rules).
 *
 * @example normalizeBuildCode('k7f3 qx9m 2p') // 'K7F3-QX9M-2P'
 */
export function normalizeBuildCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input
    .toUpperCase()
    .replace(/[\s\-‐-―−]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (compact.length !== BUILD_CODE_LENGTH) return null;
  const values: number[] = [];
  for (const symbol of compact) {
    const value = BUILD_CODE_ALPHABET.indexOf(symbol);
    if (value < 0) return null;
    values.push(value);
  }
  return fold(values) === 0 ? format(compact) : null;
}

/** True when `input` is a build code in canonical form with a matching check symbol. */
export function isBuildCode(input: unknown): input is string {
  return typeof input === 'string' && BUILD_CODE_PATTERN.test(input) && normalizeBuildCode(input) === input;
}
