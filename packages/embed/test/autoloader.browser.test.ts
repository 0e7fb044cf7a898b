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
    document.body.innerHTML =
      '<showroom-journey style="--showroom-journey-loading-height: 40px"></showroom-journey>';
    const el = document.body.firstElementChild as HTMLElement;
    const lift = applyCloak(document, ['showroom-journey']);
    expect(getComputedStyle(el).visibility).to.equal('hidden');
    expect(el.getBoundingClientRect().height).to.equal(40);
    lift();
    expect(getComputedStyle(el).visibility).to.equal('visible');
  });

  it('holds the height of an undefined tag, which the page can tune, so nothing below moves', () => {
    document.body.innerHTML =
      '<showroom-test-drive></showroom-test-drive><showroom-lead-form hidden></showroom-lead-form><div>below</div>';
    const [drive, form, below] = Array.from(document.body.children) as HTMLElement[];
    const top = below!.getBoundingClientRect().top;
    const lift = applyCloak(document, ['showroom-test-drive', 'showroom-lead-form']);
    expect(drive!.getBoundingClientRect().height).to.equal(4.25 * 16);
    // A tag the page hides stays hidden.
    expect(form!.getBoundingClientRect().height).to.equal(0);
    expect(below!.getBoundingClientRect().top).to.equal(top + 4.25 * 16);
    drive!.style.setProperty('--showroom-test-drive-loading-height', '200px');
    expect(drive!.getBoundingClientRect().height).to.equal(200);
    // Page CSS wins over the cloak's layer.
    drive!.style.display = 'none';
    expect(drive!.getBoundingClientRect().height).to.equal(0);
    lift();
  });

  it('keeps defined tags hidden until the first batch has loaded, so they appear together', async () => {
    customElements.define('showroom-cloak-probe', class extends HTMLElement {});
    document.body.innerHTML = '<showroom-cloak-probe></showroom-cloak-probe>';
    const el = document.body.firstElementChild as HTMLElement;
    let loaded!: () => void;
    const lift = applyCloak(document, ['showroom-cloak-probe'], {
      until: new Promise<void>((resolve) => (loaded = resolve)),
    });
    expect(getComputedStyle(el).visibility).to.equal('hidden');
    loaded();
    await nextFrame();
    expect(getComputedStyle(el).visibility).to.equal('visible');
    lift();
  });

  it('resolves ready once the chunks of the tags on the page have loaded', async () => {
    document.body.innerHTML = '<showroom-video-consult></showroom-video-consult>';
    const done: string[] = [];
    const loader = startAutoloader(
      document,
      async (chunk) => {
        await nextFrame();
        done.push(chunk);
      },
      () => {},
    );
    await loader.ready;
    loader.disconnect();
    expect(done).to.deep.equal(['video-consult']);
  });
});
