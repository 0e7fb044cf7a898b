import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveText } from '@showroom/core';

describe('resolveText', () => {
  it('returns a plain string for every locale', () => {
    assert.equal(resolveText('Aurora', 'zh-CN'), 'Aurora');
  });
  it('prefers the asked locale, then the catalog locales in order, then any value', () => {
    const text = { 'zh-CN': '极光', en: 'Aurora' };
    assert.equal(resolveText(text, 'en'), 'Aurora');
    assert.equal(resolveText(text, 'zh-TW', ['zh-CN', 'en']), '极光');
    assert.equal(resolveText(text, 'de', ['en']), 'Aurora');
    assert.equal(resolveText({ fr: 'Aurore' }, 'de', ['en']), 'Aurore');
  });
  it('falls back to the bare language before any value', () => {
    assert.equal(resolveText({ en: 'Red', zh: '红' }, 'zh-TW'), '红');
  });
  it('gives an empty string for missing text', () => {
    assert.equal(resolveText(undefined, 'en'), '');
  });
});
