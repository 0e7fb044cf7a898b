import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildLink, newBuildCode, readBuildLink } from '@showroom/core';

const configId = 'a6~a6-lr~paint-red~pkg-sport~wheel-21';

describe('build links', () => {
  it('puts the config id in ?showroom-build= and reads it back', () => {
    const link = buildLink('https://www.aurora.example/a6', configId);
    assert.equal(link, `https://www.aurora.example/a6?showroom-build=${configId}`);
    assert.deepEqual(readBuildLink(link), { configId });
  });

  it('keeps other parameters and the fragment, and replaces a build already there', () => {
    const link = buildLink(
      'https://dealer.example/cars?utm_source=x&showroom-build=a6~old~x&q=a%20b#top',
      configId,
    );
    const url = new URL(link);
    assert.equal(url.searchParams.get('utm_source'), 'x');
    assert.equal(url.searchParams.get('q'), 'a b');
    assert.deepEqual(url.searchParams.getAll('showroom-build'), [configId]);
    assert.equal(url.hash, '#top');
    assert.deepEqual(readBuildLink(link), { configId });
  });

  it('escapes what a URL cannot carry and reads it back unchanged', () => {
    const odd = 'a6~a6 lr~paint&red~x=y#z';
    assert.deepEqual(readBuildLink(buildLink('https://a.example/', odd)), { configId: odd });
  });

  it('reads a build code from the same parameter, tolerantly', () => {
    const code = newBuildCode();
    assert.deepEqual(
      readBuildLink(`https://a.example/?showroom-build=${code.toLowerCase().replace(/-/g, '')}`),
      { code },
    );
    assert.deepEqual(readBuildLink(buildLink('https://a.example/', code)), { code });
  });

  it('gives null for URLs without a build, bad codes and non-URLs', () => {
    assert.equal(readBuildLink('https://a.example/'), null);
    assert.equal(readBuildLink('https://a.example/?showroom-build='), null);
    assert.equal(readBuildLink('https://a.example/?showroom-build=K7F3-QX9M-2Q'), null);
    assert.equal(readBuildLink('not a url'), null);
    assert.equal(readBuildLink(undefined as unknown as string), null);
  });

  it('refuses a base that is not an absolute URL', () => {
    assert.throws(() => buildLink('/a6', configId), TypeError);
  });
});
