import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUILD_CODE_ALPHABET,
  BUILD_CODE_PATTERN,
  isBuildCode,
  newBuildCode,
  normalizeBuildCode,
} from '@showroom/core';

const compact = (code: string) => code.replace(/-/g, '');
const format = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;

describe('build codes', () => {
  const codes = Array.from({ length: 2000 }, () => newBuildCode());

  it('makes canonical codes in the K7F3-QX9M-2P shape that normalize to themselves', () => {
    for (const code of codes) {
      assert.match(code, BUILD_CODE_PATTERN);
      assert.equal(normalizeBuildCode(code), code);
      assert.ok(isBuildCode(code));
    }
    assert.ok(new Set(codes).size > 1990, 'codes are random');
  });

  it('accepts the example code of spec/lead.md', () => {
    assert.equal(normalizeBuildCode('K7F3-QX9M-2P'), 'K7F3-QX9M-2P');
  });

  it('detects every single-symbol substitution in 2,000 random codes', () => {
    let tried = 0;
    for (const code of codes) {
      const s = compact(code);
      for (let i = 0; i < s.length; i++) {
        for (const symbol of BUILD_CODE_ALPHABET) {
          if (symbol === s[i]) continue;
          const wrong = s.slice(0, i) + symbol + s.slice(i + 1);
          tried++;
          assert.equal(
            normalizeBuildCode(wrong),
            null,
            `${format(wrong)} (from ${code}) must fail the check`,
          );
        }
      }
    }
    assert.equal(tried, 2000 * 10 * 31);
  });

  it('detects every adjacent transposition, the check symbol included, and every swap one apart', () => {
    let tried = 0;
    for (const code of codes) {
      const s = compact(code).split('');
      for (const gap of [1, 2]) {
        for (let i = 0; i + gap < s.length; i++) {
          if (s[i] === s[i + gap]) continue;
          const t = [...s];
          [t[i], t[i + gap]] = [t[i + gap]!, t[i]!];
          tried++;
          assert.equal(
            normalizeBuildCode(t.join('')),
            null,
            `${format(t.join(''))} (from ${code}) must fail the check`,
          );
        }
      }
    }
    assert.ok(tried > 2000 * 15);
  });

  it('reads codes as people type them: case, spaces, hyphens, I/L as 1, O as 0', () => {
    const code = 'K7F3-QX9M-2P';
    for (const typed of [
      'k7f3qx9m2p',
      ' K7F3 QX9M 2P ',
      'k7f3-qx9m-2p',
      'K7F3—QX9M–2P',
      'K-7-F-3-Q-X-9-M-2-P',
    ]) {
      assert.equal(normalizeBuildCode(typed), code, typed);
    }
    // A code holding 1 and 0 read back from I, L and O.
    const withOnesAndZeros = codes.find((c) => /1.*0|0.*1/.test(c));
    assert.ok(withOnesAndZeros);
    const misread = withOnesAndZeros.replace('1', 'l').replace('0', 'O').toLowerCase();
    assert.equal(normalizeBuildCode(misread), withOnesAndZeros);
    assert.equal(normalizeBuildCode(withOnesAndZeros.replace('1', 'I')), withOnesAndZeros);
  });

  it('gives null for anything that is not a code', () => {
    for (const bad of [
      '',
      'K7F3-QX9M-2',
      'K7F3-QX9M-2PP',
      'K7F3-QX9M-2Q',
      'U7F3-QX9M-2P',
      'K7F3-QX9M-2*',
      '💥',
      'x'.repeat(1000),
    ]) {
      assert.equal(normalizeBuildCode(bad), null, bad);
    }
    assert.equal(normalizeBuildCode(42 as unknown as string), null);
    assert.equal(isBuildCode('k7f3-qx9m-2p'), false, 'isBuildCode wants the canonical form');
  });
});
