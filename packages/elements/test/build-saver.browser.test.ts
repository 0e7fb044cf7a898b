import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { buildSaverFixture, type BuildSaverFixture } from '../src/build-saver/build-saver.fixtures.js';
import { until } from '../src/fixtures/journey.js';
import { loadRuntime } from '../src/base/runtime.js';
import type {
  ShowroomBuildChangedEvent,
  ShowroomBuildSavedEvent,
  ShowroomErrorEvent,
} from '../src/base/events.js';

async function show(scenario: Parameters<typeof buildSaverFixture>[0]): Promise<BuildSaverFixture> {
  const fx = buildSaverFixture(scenario);
  await fixture(html`${fx.scope}`);
  await fx.settled;
  return fx;
}

const root = (fx: BuildSaverFixture): ShadowRoot => fx.element.shadowRoot!;
const text = (fx: BuildSaverFixture): string => root(fx).textContent?.replace(/\s+/g, ' ') ?? '';
const button = (fx: BuildSaverFixture, label: string): HTMLButtonElement =>
  [...root(fx).querySelectorAll('button')].find((b) => b.textContent!.includes(label))!;
const codeInput = (fx: BuildSaverFixture): HTMLInputElement => root(fx).querySelector('input[name="code"]')!;
const context = (fx: BuildSaverFixture) => fx.journey.getSnapshot().context;
const rerendered = async (fx: BuildSaverFixture): Promise<void> => {
  await new Promise((r) => setTimeout(r, 0));
  await fx.element.updateComplete;
};

/** Types `code` into the retrieve field like a shopper and submits with Enter. */
async function retrieve(fx: BuildSaverFixture, code: string): Promise<void> {
  codeInput(fx).focus();
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

describe('<showroom-build-saver>', () => {
  it('offers to save the build and to open one by code', async () => {
    const fx = await show('ready');
    expect(button(fx, 'Save this build').disabled).to.equal(false);
    expect(codeInput(fx).labels?.[0]?.textContent).to.contain('Build code');
    await expect(fx.element).to.be.accessible();
  });

  it('saves: a code, a link and a QR code of the link, and dispatches showroom-build-saved', async () => {
    const fx = await show('ready');
    const saved = oneEvent(fx.scope, 'showroom-build-saved') as Promise<ShowroomBuildSavedEvent>;
    button(fx, 'Save this build').click();
    const event = await saved;
    expect(event.detail.code).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(event.detail.offline).to.equal(false);
    expect(event.detail.configId).to.equal(context(fx).configId);
    expect(event.detail.total).to.equal(241900);
    await rerendered(fx);
    expect(root(fx).querySelector('[part="code"]')?.textContent).to.equal(event.detail.code);
    const link = root(fx).querySelector<HTMLInputElement>('[part="link"]')!;
    expect(link.value).to.equal(event.detail.url);
    await waitUntil(() => root(fx).querySelector('svg[part="qr"] path'), 'no QR code');
    const qr = root(fx).querySelector('svg[part="qr"]')!;
    expect(qr.getAttribute('aria-label')).to.contain('QR');
    expect(qr.querySelector('path')!.getAttribute('d')!.length).to.be.above(100);
    expect(fx.element.matches(':state(saved)')).to.equal(true);
    await expect(fx.element).to.be.accessible();
  });

  it('copies the code and the link, or selects them and says how when the clipboard is not allowed', async () => {
    const fx = await show('saved');
    const code = root(fx).querySelector('[part="code"]')!.textContent!;
    const status = root(fx).querySelector('.base > [role="status"]')!;
    button(fx, 'Copy code').click();
    await waitUntil(() => status.textContent!.trim() !== '', 'no copy status');
    const allowed = status.textContent!.includes('Copied');
    if (allowed) expect(await navigator.clipboard.readText()).to.equal(code);
    else {
      expect(status.textContent).to.contain('select the text');
      expect(getSelection()?.toString()).to.equal(code);
    }
    button(fx, 'Copy link').click();
    const link = root(fx).querySelector<HTMLInputElement>('[part="link"]')!;
    if (allowed) {
      await waitUntil(async () => (await navigator.clipboard.readText()) === link.value, 'link not copied');
    } else {
      await waitUntil(
        () => link.selectionEnd === link.value.length && link.selectionStart === 0,
        'link not selected',
      );
    }
  });

  it('asks to save again once the build changed after saving', async () => {
    const fx = await show('saved');
    const code = context(fx).saved!.code!;
    fx.journey.send({ type: 'build.select', optionId: 'roof-rack' });
    await until(fx.journey, (s) => s.context.build?.options.includes('roof-rack'));
    await rerendered(fx);
    expect(text(fx)).to.contain(`You changed the build since you saved it as ${code}`);
    expect(button(fx, 'Save the changes')).to.exist;
    await expect(fx.element).to.be.accessible();
  });

  it('retrieves a build by code typed loosely, and dispatches showroom-build-changed', async () => {
    const fx = await show('saved');
    const code = context(fx).saved!.code!;
    const savedConfig = context(fx).configId;
    fx.journey.send({ type: 'build.select', optionId: 'paint-red' });
    await until(fx.journey, (s) => s.context.build?.options.includes('paint-red'));
    const changed = oneEvent(fx.scope, 'showroom-build-changed') as Promise<ShowroomBuildChangedEvent>;
    await retrieve(fx, ` ${code.toLowerCase().replace(/-/g, ' ')} `);
    const event = await changed;
    expect(event.detail.configId).to.equal(savedConfig);
    expect(context(fx).configId).to.equal(savedConfig);
    await rerendered(fx);
    expect(text(fx)).to.contain(`Build ${code} is open`);
    await expect(fx.element).to.be.accessible();
  });

  it('refuses what is not a build code, next to the field', async () => {
    const fx = await show('ready');
    const error = oneEvent(fx.scope, 'showroom-error') as Promise<ShowroomErrorEvent>;
    await retrieve(fx, 'hello');
    expect((await error).detail.code).to.equal('invalid_code');
    await rerendered(fx);
    expect(codeInput(fx).getAttribute('aria-invalid')).to.equal('true');
    const message = root(fx).querySelector('#code-error')!;
    expect(message.textContent).to.contain('That is not a build code');
    expect(codeInput(fx).getAttribute('aria-describedby')).to.contain('code-error');
    await expect(fx.element).to.be.accessible();
  });

  it('says when no build has the code', async () => {
    const fx = await show('ready');
    await retrieve(fx, 'K7F3-QX9M-2P');
    await until(fx.journey, (s) => s.context.errors.build);
    await rerendered(fx);
    expect(root(fx).querySelector('#code-error')?.textContent).to.contain(
      'No build has the code K7F3-QX9M-2P',
    );
  });

  it('does not open a stale build silently: says what changed and offers the nearest valid build', async () => {
    const fx = await show('ready');
    const [stale] = await fx.codes;
    const before = context(fx).configId;
    await retrieve(fx, stale!);
    await until(fx.journey, (s) => s.context.pendingProposal?.kind === 'retrieved');
    await rerendered(fx);
    const notice = root(fx).querySelector('.stale')!;
    expect(notice.textContent).to.contain(`Build ${stale} has changed since it was saved`);
    expect(notice.textContent).to.contain('Removes paint-sunset, which is no longer offered');
    expect(notice.textContent).to.contain('Adds Pearl White');
    expect(context(fx).configId).to.equal(before);
    expect(fx.element.matches(':state(stale)')).to.equal(true);
    await expect(fx.element).to.be.accessible();

    const changed = oneEvent(fx.scope, 'showroom-build-changed') as Promise<ShowroomBuildChangedEvent>;
    button(fx, 'Open the nearest build').click();
    const event = await changed;
    expect(event.detail.build.options).to.include.members(['pkg-sport', 'wheel-21', 'paint-white']);
    expect(event.detail.build.options).not.to.include('paint-sunset');
    await rerendered(fx);
    expect(root(fx).querySelector('.stale')).to.equal(null);
  });

  it('cancelling a stale build keeps the current one', async () => {
    const fx = await show('retrieved-stale');
    const before = context(fx).configId;
    button(fx, 'Cancel').click();
    await until(fx.journey, (s) => !s.context.pendingProposal);
    await rerendered(fx);
    expect(context(fx).configId).to.equal(before);
    expect(root(fx).querySelector('.stale')).to.equal(null);
  });

  it('keeps the build on the device while offline and shows its code once synced', async () => {
    const fx = buildSaverFixture('ready');
    const events: ShowroomBuildSavedEvent[] = [];
    fx.scope.addEventListener('showroom-build-saved', (e) => events.push(e));
    await fixture(html`${fx.scope}`);
    await fx.settled;
    fx.journey.send({ type: 'network.offline' });
    button(fx, 'Save this build').click();
    await until(fx.journey, (s) => s.context.saved?.synced === false);
    await rerendered(fx);
    expect(text(fx)).to.contain('Saved on this device');
    expect(fx.element.matches(':state(offline)')).to.equal(true);
    expect(root(fx).querySelector<HTMLInputElement>('[part="link"]')?.value).to.contain('showroom-build=');
    expect(events.map((e) => e.detail.offline)).to.deep.equal([true]);
    await expect(fx.element).to.be.accessible();

    fx.journey.send({ type: 'network.online' });
    await until(fx.journey, (s) => s.context.saved?.synced === true);
    await rerendered(fx);
    expect(root(fx).querySelector('[part="code"]')?.textContent).to.equal(context(fx).saved!.code);
    expect(events.map((e) => e.detail.offline)).to.deep.equal([true, false]);
  });

  it('shares one journey with a configurator on the page', async () => {
    const fx = await show('with-configurator');
    const configurator = fx.scope.querySelector('showroom-configurator')!;
    await loadRuntime();
    await configurator.updateComplete;
    (configurator.shadowRoot!.querySelector('[data-id="roof-rack"]') as HTMLElement).click();
    await until(fx.journey, (s) => s.context.build?.options.includes('roof-rack'));
    button(fx, 'Save this build').click();
    await until(fx.journey, (s) => s.context.saved?.code);
    expect(context(fx).saved!.build.options).to.include('roof-rack');
  });

  it('is readable in the dark theme and in Chinese', async () => {
    const dark = await show('dark');
    await waitUntil(() => root(dark).querySelector('svg[part="qr"] path'), 'no QR code');
    // The QR code stays dark on light, whatever the theme, for scanners.
    expect(getComputedStyle(root(dark).querySelector('.qr-bg')!).fill).to.equal('rgb(255, 255, 255)');
    await expect(dark.element).to.be.accessible();
    const zh = await show('zh-CN');
    expect(text(zh)).to.contain('保存您的配置').and.contain('已有配置码');
    await expect(zh.element).to.be.accessible();
  });
});
