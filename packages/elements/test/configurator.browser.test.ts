import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { configuratorFixture, type ConfiguratorFixture } from '../src/configurator/configurator.fixtures.js';
import { until } from '../src/fixtures/journey.js';
import type { ShowroomBuildChangedEvent, ShowroomErrorEvent } from '../src/base/events.js';

/** Puts a scenario in the page and waits until it is in its state. */
async function show(scenario: Parameters<typeof configuratorFixture>[0]): Promise<ConfiguratorFixture> {
  const fx = configuratorFixture(scenario);
  await fixture(html`${fx.scope}`);
  await fx.settled;
  return fx;
}

const root = (fx: ConfiguratorFixture): ShadowRoot => fx.element.shadowRoot!;
const text = (fx: ConfiguratorFixture): string => root(fx).textContent?.replace(/\s+/g, ' ') ?? '';
/** The choice (trim card, swatch, tile or toggle) with the given option or trim id. */
const choice = (fx: ConfiguratorFixture, id: string): HTMLElement =>
  root(fx).querySelector(`[data-id="${id}"]`) as HTMLElement;
const focused = (fx: ConfiguratorFixture): HTMLElement | null => root(fx).activeElement as HTMLElement | null;
const dialog = (fx: ConfiguratorFixture): HTMLDialogElement => root(fx).querySelector('dialog')!;
const build = (fx: ConfiguratorFixture) => fx.journey.getSnapshot().context.build!;
/** Waits until the element has rendered the journey's latest state (option states follow a paint). */
const rerendered = async (fx: ConfiguratorFixture): Promise<void> => {
  await new Promise((r) => setTimeout(r, 0));
  await fx.element.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  await fx.element.updateComplete;
};

describe('<showroom-configurator>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('shows a loading skeleton, busy and announced, until the catalog arrives', async () => {
    const fx = await show('loading');
    const skeleton = root(fx).querySelector('[aria-busy="true"]');
    expect(skeleton).to.exist;
    expect(root(fx).querySelector('[role="status"]')?.textContent).to.contain('Loading the configurator');
    expect(fx.element.matches(':state(loading)')).to.equal(true);
    await expect(fx.element).to.be.accessible();
  });

  it('explains a bad catalog with the path and the value, and dispatches showroom-error', async () => {
    const fx = configuratorFixture('bad-catalog');
    const errors: ShowroomErrorEvent[] = [];
    fx.scope.addEventListener('showroom-error', (e) => errors.push(e));
    await fixture(html`${fx.scope}`);
    await fx.settled;
    await rerendered(fx);
    const alert = root(fx).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('models[0].trims[0].price');
    expect(alert.textContent).to.contain('-1');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.issues.map((i) => i.path)).to.include('models[0].trims[0].price');
    expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
    expect(fx.element.matches(':state(error)')).to.equal(true);
    await expect(fx.element).to.be.accessible();
  });

  it('says when the model is not in the catalog', async () => {
    const fx = configuratorFixture('unknown-model');
    const error = oneEvent(fx.scope, 'showroom-error');
    await fixture(html`${fx.scope}`);
    await fx.settled;
    expect((await error).detail.code).to.equal('model_unknown');
    expect(root(fx).querySelector('[role="alert"]')?.textContent).to.contain('a9');
    await expect(fx.element).to.be.accessible();
  });

  it('shows trims with key specs and from-prices, every group by cardinality, and the price', async () => {
    const fx = await show('ready');
    const trims = root(fx).querySelector('[role="radiogroup"][data-group="trims"]')!;
    expect(trims.querySelectorAll('[role="radio"]')).to.have.length(3);
    const lr = choice(fx, 'a6-lr').textContent!.replace(/\s+/g, ' ');
    expect(lr).to.contain('620 km').and.contain('4.9').and.contain('from CN¥281,900');
    // one-of groups are radio groups (paint, interior as swatches; wheels as tiles), the rest checkboxes
    expect(choice(fx, 'paint-red').getAttribute('role')).to.equal('radio');
    expect(choice(fx, 'paint-red').classList.contains('swatch')).to.equal(true);
    expect(choice(fx, 'wheel-21').classList.contains('tile')).to.equal(true);
    expect(choice(fx, 'int-cream').classList.contains('swatch')).to.equal(true);
    expect(choice(fx, 'pkg-sport').getAttribute('role')).to.equal('checkbox');
    expect(choice(fx, 'roof-rack').getAttribute('role')).to.equal('checkbox');
    // hidden options are not offered on their own
    expect(choice(fx, 'hifi')).to.equal(null);
    expect(choice(fx, 'paint-white').textContent).to.contain('Standard');
    expect(root(fx).querySelector('[part="total"]')?.textContent).to.contain('CN¥241,900');
    expect(choice(fx, 'wheel-21-forged').getAttribute('aria-disabled')).to.equal('true');
    expect(choice(fx, 'wheel-21-forged').textContent).to.contain('Not available on Standard Range');
    await expect(fx.element).to.be.accessible();
  });

  it('marks options a trim excludes as unavailable, with the reason, and ignores picks of them', async () => {
    const fx = await show('unavailable');
    const white = choice(fx, 'paint-white');
    expect(white.getAttribute('aria-disabled')).to.equal('true');
    expect(white.textContent).to.contain('Performance is not offered in Pearl White');
    const note = root(fx).getElementById(white.getAttribute('aria-describedby')!.split(' ')[1]!);
    expect(note?.textContent).to.contain('Pearl White');
    expect(choice(fx, 'tow-bar').getAttribute('aria-disabled')).to.equal('true');
    expect(choice(fx, 'tow-bar').textContent).to.contain('Not available on Performance');
    const before = build(fx);
    white.click();
    await rerendered(fx);
    expect(build(fx)).to.equal(before);
    expect(dialog(fx).open).to.equal(false);
    await expect(fx.element).to.be.accessible();
  });

  it('lists every change of a conflicting pick with its price before anything changes; Keep my build cancels', async () => {
    const fx = await show('conflict');
    await rerendered(fx);
    const d = dialog(fx);
    expect(d.open).to.equal(true);
    const lines = [...d.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines[0]).to.contain('Adds Sport package').and.contain('+CN¥15,000');
    expect(lines.some((l) => l.includes('Removes 19″ Aero wheels'))).to.equal(true);
    expect(lines.some((l) => l.includes('Adds 21″ Sport wheels') && l.includes('+CN¥8,000'))).to.equal(true);
    expect(d.textContent).to.contain('The Sport package needs 21-inch wheels');
    expect(d.textContent).to.contain('+CN¥23,000');
    expect(build(fx).options).not.to.include('pkg-sport');
    expect(fx.element.matches(':state(conflict)')).to.equal(true);
    await expect(fx.element).to.be.accessible();

    let changed = 0;
    fx.scope.addEventListener('showroom-build-changed', () => changed++);
    const keep = [...d.querySelectorAll('button')].find((b) => b.textContent!.includes('Keep my build'))!;
    expect(focused(fx)).to.equal(keep);
    keep.click();
    await until(fx.journey, (s) => !s.context.pendingProposal);
    await rerendered(fx);
    expect(d.open).to.equal(false);
    expect(build(fx).options).not.to.include('pkg-sport');
    expect(changed).to.equal(0);
  });

  it('cancels a conflicting pick with Escape', async () => {
    const fx = await show('conflict');
    await rerendered(fx);
    expect(dialog(fx).open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(fx.journey, (s) => !s.context.pendingProposal);
    await rerendered(fx);
    expect(dialog(fx).open).to.equal(false);
    expect(build(fx).options).not.to.include('pkg-sport');
  });

  it('paints a conflicting pick as proposed first, then opens the dialog after that paint', async () => {
    const fx = await show('ready');
    const pick = choice(fx, 'pkg-sport');
    pick.click();
    await until(fx.journey, (s) => s.context.pendingProposal);
    await fx.element.updateComplete;
    // The pick's own frame: the choice is marked, the dialog's content is not built yet.
    expect(pick.hasAttribute('data-proposed')).to.equal(true);
    expect(getComputedStyle(pick).outlineStyle).to.equal('dashed');
    expect(dialog(fx).open).to.equal(false);
    expect(dialog(fx).textContent!.trim()).to.equal('');
    await new Promise((r) => requestAnimationFrame(r));
    await waitUntil(() => dialog(fx).open, 'the dialog opens after the paint');
    expect(dialog(fx).textContent).to.contain('Sport package');
    expect(focused(fx)?.textContent).to.contain('Keep my build');
    await expect(fx.element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(fx.journey, (s) => !s.context.pendingProposal);
    await rerendered(fx);
    expect(dialog(fx).open).to.equal(false);
    expect(pick.hasAttribute('data-proposed'), 'the mark goes with the proposal').to.equal(false);
  });

  it('keeps focus and the pointer inside the conflict dialog, and gives focus back to the pick', async () => {
    const fx = configuratorFixture('ready');
    await fixture(html`${fx.scope}`);
    await fx.settled;
    const pick = choice(fx, 'pkg-sport');
    pick.focus();
    await sendKeys({ press: 'Space' });
    await until(fx.journey, (s) => s.context.pendingProposal);
    await rerendered(fx);
    const d = dialog(fx);
    expect(d.open).to.equal(true);
    expect(d.getAttribute('aria-modal')).to.equal('true');
    const box = d.getBoundingClientRect();
    expect(Math.abs(box.left + box.width / 2 - innerWidth / 2), 'centred in the window').to.be.below(2);
    const [keep, apply] = [...d.querySelectorAll('button')];
    expect(focused(fx)).to.equal(keep);
    await sendKeys({ press: 'Tab' });
    expect(focused(fx)).to.equal(apply);
    await sendKeys({ press: 'Tab' });
    expect(focused(fx), 'Tab wraps to the first button').to.equal(keep);
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(fx), 'Shift+Tab wraps to the last button').to.equal(apply);
    // The backdrop covers the page: a click beside the dialog reaches the dialog, not the options.
    const backdrop = root(fx).querySelector('.backdrop')!;
    expect(root(fx).elementFromPoint(Math.max(1, box.left - 8), box.top + 8)).to.equal(backdrop);
    expect(
      root(fx)
        .elementFromPoint(box.left + 8, box.top + 8)
        ?.closest('dialog'),
    ).to.equal(d);
    await expect(fx.element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(fx.journey, (s) => !s.context.pendingProposal);
    await rerendered(fx);
    expect(d.open).to.equal(false);
    expect(getComputedStyle(backdrop).display, 'the backdrop goes with the dialog').to.equal('none');
    expect(focused(fx), 'focus is back on the pick').to.equal(pick);
  });

  it('applies a confirmed conflict and dispatches showroom-build-changed with the new build', async () => {
    const fx = configuratorFixture('ready');
    await fixture(html`${fx.scope}`);
    await fx.settled;
    choice(fx, 'pkg-sport').focus(); // as a pointer click does
    choice(fx, 'pkg-sport').click();
    await until(fx.journey, (s) => s.context.pendingProposal);
    await rerendered(fx);
    const apply = [...dialog(fx).querySelectorAll('button')].find((b) => b.textContent!.includes('Apply'))!;
    const changed = oneEvent(fx.scope, 'showroom-build-changed') as Promise<ShowroomBuildChangedEvent>;
    apply.click();
    // The button's own frame: the dialog is gone and focus is back on the pick, still marked as
    // proposed; the build follows after that paint.
    expect(dialog(fx).open).to.equal(false);
    expect(focused(fx)).to.equal(choice(fx, 'pkg-sport'));
    expect(choice(fx, 'pkg-sport').hasAttribute('data-proposed')).to.equal(true);
    expect(build(fx).options).not.to.include('pkg-sport');
    const event = await changed;
    expect(event.detail.build.options).to.include.members(['pkg-sport', 'wheel-21']);
    expect(event.detail.configId).to.equal('a6~a6-sr~int-black~paint-white~pkg-sport~wheel-21');
    expect(event.detail.total).to.equal(241900 + 15000 + 8000);
    expect(event.detail.currency).to.equal('CNY');
    await rerendered(fx);
    expect(dialog(fx).open).to.equal(false);
    expect(choice(fx, 'wheel-21').getAttribute('aria-checked')).to.equal('true');
    expect(choice(fx, 'pkg-sport').hasAttribute('data-proposed')).to.equal(false);
  });

  it('names the package an included option comes with, and keeps it fixed', async () => {
    const fx = await show('ready');
    choice(fx, 'pkg-premium').click();
    await until(fx.journey, (s) => s.context.pendingProposal);
    fx.journey.send({ type: 'build.confirm' });
    await until(fx.journey, (s) => s.context.build?.options.includes('hifi'));
    await rerendered(fx);
    const hifi = choice(fx, 'hifi');
    expect(hifi.getAttribute('aria-checked')).to.equal('true');
    expect(hifi.getAttribute('aria-disabled')).to.equal('true');
    expect(hifi.textContent).to.contain('Included with Premium package');
    hifi.click();
    await rerendered(fx);
    expect(build(fx).options).to.include('hifi');
    await expect(fx.element).to.be.accessible();
  });

  it('announces the new total politely after a pick', async () => {
    const fx = await show('ready');
    const live = root(fx).querySelector('[aria-live="polite"]')!;
    expect(live.textContent).to.contain('Total CN¥241,900');
    choice(fx, 'paint-red').click();
    await until(fx.journey, (s) => s.context.build?.options.includes('paint-red'));
    await rerendered(fx);
    expect(live.textContent).to.contain('Total CN¥253,900');
  });

  it('turns term and down payment into a monthly payment', async () => {
    const fx = await show('ready');
    const monthly = () => root(fx).querySelector('.monthly strong')!.textContent!;
    const at36 = monthly();
    const sixty = [...root(fx).querySelectorAll<HTMLInputElement>('input[name="term"]')].find(
      (i) => i.value === '60',
    )!;
    sixty.click();
    await until(fx.journey, (s) => s.context.finance?.termMonths === 60);
    await rerendered(fx);
    expect(monthly()).not.to.equal(at36);
    expect(fx.journey.getSnapshot().context.financeQuote?.termMonths).to.equal(60);
    const range = root(fx).querySelector<HTMLInputElement>('#down-payment')!;
    range.value = '50';
    range.dispatchEvent(new Event('input'));
    await until(fx.journey, (s) => s.context.finance?.downPayment === Math.ceil(241900 / 2));
    await rerendered(fx);
    expect(range.getAttribute('aria-valuetext')).to.contain('50%').and.contain('CN¥120,950');
    await expect(fx.element).to.be.accessible();
  });

  it('moves focus with the arrow keys inside a radio group, with one tab stop, and picks with Space', async () => {
    const fx = await show('ready');
    const paints = [...root(fx).querySelectorAll<HTMLElement>('[data-group="paint"] [role="radio"]')];
    expect(paints.filter((p) => p.tabIndex === 0)).to.deep.equal([choice(fx, 'paint-white')]);
    choice(fx, 'paint-white').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(fx)).to.equal(choice(fx, 'paint-black'));
    expect(choice(fx, 'paint-black').tabIndex).to.equal(0);
    expect(choice(fx, 'paint-white').tabIndex).to.equal(-1);
    expect(choice(fx, 'paint-black').getAttribute('aria-checked')).to.equal('false');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(fx)).to.equal(choice(fx, 'paint-red'));
    await sendKeys({ press: 'Home' });
    expect(focused(fx)).to.equal(choice(fx, 'paint-white'));
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Space' });
    await until(fx.journey, (s) => s.context.build?.options.includes('paint-red'));
    await rerendered(fx);
    expect(choice(fx, 'paint-red').getAttribute('aria-checked')).to.equal('true');
    expect(focused(fx)).to.equal(choice(fx, 'paint-red'));
  });

  it('configures a full build with the keyboard alone', async () => {
    const fx = await show('ready');
    const step = async (keys: string[]): Promise<void> => {
      for (const press of keys) {
        await sendKeys({ press });
        await rerendered(fx);
      }
    };
    const settle = (test: (options: readonly string[], trim: string) => boolean) =>
      until(
        fx.journey,
        (s) => !!s.context.build && test(s.context.build.options, s.context.build.trimId),
      ).then(() => rerendered(fx));
    // From the top of the page into the trims (one tab stop, on the chosen trim); Long Range.
    (document.activeElement as HTMLElement | null)?.blur();
    await step(['Tab']);
    expect(focused(fx)).to.equal(choice(fx, 'a6-sr'));
    await step(['ArrowRight', 'Space']);
    await settle((_, trim) => trim === 'a6-lr');
    // Paint: Crimson (fourth).
    await step(['Tab']);
    expect(focused(fx)).to.equal(choice(fx, 'paint-white'));
    await step(['End', 'Enter']);
    await settle((o) => o.includes('paint-red'));
    // Wheels: 21″ Sport.
    await step(['Tab', 'ArrowDown', 'Space']);
    await settle((o) => o.includes('wheel-21'));
    // Interior: Cream.
    await step(['Tab', 'ArrowRight', 'Space']);
    await settle((o) => o.includes('int-cream'));
    // Packages: Sport (no conflict now), then Premium, which asks first.
    await step(['Tab', 'Space']);
    await settle((o) => o.includes('pkg-sport'));
    await step(['Tab', 'Space']);
    await until(fx.journey, (s) => s.context.pendingProposal);
    await rerendered(fx);
    expect(dialog(fx).open).to.equal(true);
    await step(['Tab', 'Enter']);
    await settle((o) => o.includes('pkg-premium') && o.includes('hifi'));
    expect(dialog(fx).open).to.equal(false);
    // Focus is back where it was; on to the accessories: the tow bar.
    expect(focused(fx)).to.equal(choice(fx, 'pkg-premium'));
    await step(['Tab', 'Space']);
    await settle((o) => o.includes('tow-bar'));
    // Past the roof rack and the included (fixed, still focusable to read why) hi-fi and
    // ventilated seats, to the finance terms: 48 months.
    await step(['Tab', 'Tab', 'Tab', 'Tab']);
    expect(focused(fx)).to.equal(root(fx).querySelector('input[name="term"]:checked'));
    await step(['ArrowRight']);
    await until(fx.journey, (s) => s.context.finance?.termMonths === 48);
    expect(fx.journey.getSnapshot().context.configId).to.equal(
      'a6~a6-lr~hifi~int-cream~paint-red~pkg-premium~pkg-sport~seat-vent~tow-bar~wheel-21',
    );
    await expect(fx.element).to.be.accessible();
  });

  it('dispatches showroom-build-changed only for the shopper’s own picks', async () => {
    const fx = await show('ready');
    let changed = 0;
    fx.scope.addEventListener('showroom-build-changed', () => changed++);
    fx.journey.send({ type: 'build.restart', trimId: 'a6-lr' });
    await until(fx.journey, (s) => s.context.build?.trimId === 'a6-lr');
    await rerendered(fx);
    expect(changed).to.equal(0);
    choice(fx, 'roof-rack').click();
    await until(fx.journey, (s) => s.context.build?.options.includes('roof-rack'));
    await rerendered(fx);
    expect(changed).to.equal(1);
  });

  it('switching trims explains what the new trim changes', async () => {
    const fx = await show('ready');
    choice(fx, 'a6-perf').click();
    await until(fx.journey, (s) => s.context.pendingProposal);
    await rerendered(fx);
    const d = dialog(fx);
    expect(d.querySelector('h2')?.textContent).to.contain('Switching to Performance');
    expect(d.textContent).to.contain('Performance is not offered in Pearl White');
    expect(d.textContent).to.contain('standard on Performance');
    await expect(fx.element).to.be.accessible();
  });

  it('is readable in the dark theme', async () => {
    const fx = await show('dark');
    const surface = getComputedStyle(root(fx).querySelector('.summary')!).backgroundColor;
    const channels = surface.match(/\d+/g)!.slice(0, 3).map(Number);
    expect(Math.max(...channels)).to.be.below(80);
    await expect(fx.element).to.be.accessible();
  });

  it('speaks Chinese where the page does, and follows a change of lang', async () => {
    const fx = await show('zh-CN');
    expect(text(fx)).to.contain('版本').and.contain('车漆').and.contain('¥241,900');
    expect(choice(fx, 'a6-lr').textContent).to.contain('长续航版');
    await expect(fx.element).to.be.accessible();
    fx.scope.lang = 'zh-TW';
    await waitUntil(() => text(fx).includes('車型版本'), 'did not switch to zh-TW');
    expect(text(fx)).to.contain('長續航版');
  });

  it('fits a 320 px phone without scrolling sideways, and stays centred on a 4K screen', async () => {
    await setViewport({ width: 320, height: 640 });
    const fx = await show('ready');
    expect(fx.element.scrollWidth).to.be.at.most(fx.element.clientWidth);
    const base = root(fx).querySelector<HTMLElement>('.base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    await setViewport({ width: 3840, height: 2160 });
    await rerendered(fx);
    expect(base.getBoundingClientRect().width).to.be.at.most(1600);
    const summary = root(fx).querySelector('.summary')!.getBoundingClientRect();
    const choices = root(fx).querySelector('.choices')!.getBoundingClientRect();
    expect(summary.left).to.be.above(choices.right - 1);
  });
});
