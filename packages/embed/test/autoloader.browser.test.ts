import { expect } from '@open-wc/testing';
import { startAutoloader } from '../src/autoloader.js';
import { readConfig } from '../src/config.js';
import { applyCloak } from '../src/cloak.js';

const nextFrame = () => new Promise((r) => setTimeout(r, 20));

describe('showroom.js autoloader', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('loads the chunk of a tag already on the page, once', async () => {
    document.body.innerHTML =
      '<showroom-test-drive></showroom-test-drive><showroom-test-drive></showroom-test-drive>';
    const loads: string[] = [];
    const loader = startAutoloader(
      document,
      async (chunk) => void loads.push(chunk),
      () => {},
    );
    await nextFrame();
    loader.disconnect();
    expect(loads).to.deep.equal(['test-drive']);
  });

  it('loads the chunk of a tag added later, nested anywhere', async () => {
    const loads: string[] = [];
    const loader = startAutoloader(
      document,
      async (chunk) => void loads.push(chunk),
      () => {},
    );
    const wrapper = document.createElement('section');
    wrapper.innerHTML = '<div><showroom-lead-form></showroom-lead-form></div>';
    document.body.append(wrapper);
    await nextFrame();
    loader.disconnect();
    expect(loads).to.deep.equal(['lead-form']);
  });

  it('reports a chunk that fails and tries it again when the tag is seen again', async () => {
    const errors: string[] = [];
    let attempts = 0;
    const loader = startAutoloader(
      document,
      async () => {
        attempts += 1;
        throw new Error('offline');
      },
      (tag) => errors.push(tag),
    );
    document.body.append(document.createElement('showroom-build-saver'));
    await nextFrame();
    document.body.append(document.createElement('showroom-build-saver'));
    await nextFrame();
    loader.disconnect();
    expect(errors).to.deep.equal(['showroom-build-saver', 'showroom-build-saver']);
    expect(attempts).to.equal(2);
  });

  it('reads data attributes over the preset object, and the base from the script URL', () => {
    const script = document.createElement('script');
    script.dataset.api = 'https://api.example/v1';
    script.dataset.leadFormat = 'adf';
    const config = readConfig(
      script,
      { api: 'https://other.example', dealer: 'sh-pudong', bogus: 1 },
      'https://cdn.example/sdk/showroom.js',
    );
    expect(config).to.deep.equal({
      api: 'https://api.example/v1',
      dealer: 'sh-pudong',
      leadFormat: 'adf',
      base: 'https://cdn.example/sdk/',
    });
  });

  it('hides undefined tags without removing their space, and lifts the cloak', () => {
    document.body.innerHTML = '<showroom-journey style="display:block;height:40px"></showroom-journey>';
    const el = document.body.firstElementChild as HTMLElement;
    const lift = applyCloak(document, ['showroom-journey']);
    expect(getComputedStyle(el).visibility).to.equal('hidden');
    expect(el.getBoundingClientRect().height).to.equal(40);
    lift();
    expect(getComputedStyle(el).visibility).to.equal('visible');
  });
});
