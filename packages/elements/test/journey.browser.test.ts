import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { journeyFixture, type JourneyFixture } from '../src/journey/journey.fixtures.js';
import { viewOf } from '../src/journey/journey.component.js';
import { until } from '../src/fixtures/journey.js';

async function show(scenario: Parameters<typeof journeyFixture>[0]): Promise<JourneyFixture> {
  const fx = journeyFixture(scenario);
  await fixture(html`${fx.scope}`);
  await fx.settled;
  return fx;
}
const root = (fx: JourneyFixture) => fx.element.shadowRoot!;
const text = (fx: JourneyFixture) => root(fx).textContent?.replace(/\s+/g, ' ') ?? '';
const current = (fx: JourneyFixture) => root(fx).querySelector('[aria-current="step"]')?.textContent?.trim();
const click = async (fx: JourneyFixture, selector: string) => {
  root(fx).querySelector<HTMLElement>(selector)!.click();
  await new Promise((r) => setTimeout(r, 0));
  await fx.element.updateComplete;
};

describe('<showroom-journey>', () => {
  it('starts on the configure step with the configurator inside, sharing its journey', async () => {
    const fx = await show('configure');
    expect(current(fx)).to.contain('Configure');
    const configurator = root(fx).querySelector('showroom-configurator')!;
    expect(configurator).to.exist;
    await waitUntil(
      () => configurator.shadowRoot?.querySelector('[data-id]'),
      'the configurator shows options',
    );
    await expect(fx.element).to.be.accessible();
  });

  it('moves through the steps and records each one in the journey, so a reload resumes there', async () => {
    const fx = await show('configure');
    await click(fx, '.actions .primary');
    expect(current(fx)).to.contain('Save, ask or drive');
    expect(root(fx).activeElement?.textContent).to.contain('What would you like to do next?');
    await expect(fx.element).to.be.accessible();
    await click(fx, '[data-choice="test-drive"]');
    expect(root(fx).querySelector('showroom-test-drive')).to.exist;
    expect(viewOf(fx.journey.getSnapshot())).to.equal('test-drive');
    // A second shell on the same journey (what a reload restores) opens on the same step.
    const again = await fixture<HTMLElement>(
      html`<showroom-journey .journey=${fx.journey}></showroom-journey>`,
    );
    await (again as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(again.shadowRoot!.querySelector('showroom-test-drive')).to.exist;
  });

  it('ends on a done step once the lead is sent, and starts over on request', async () => {
    const fx = await show('done');
    await waitUntil(() => text(fx).includes('Thank you'), 'the done step shows');
    expect(current(fx)).to.contain('Done');
    await expect(fx.element).to.be.accessible();
    await click(fx, '.done .primary');
    await until(fx.journey, (s) => s.context.contact.name === '' || s.context.contact.name === undefined);
    await fx.element.updateComplete;
    expect(current(fx)).to.contain('Configure');
  });

  it('shows its text in Chinese under a zh-CN page', async () => {
    const fx = await show('zh-CN');
    expect(current(fx)).to.contain('配置');
    await expect(fx.element).to.be.accessible();
  });

  it('pushes every Showroom event to the named dataLayer', async () => {
    const fx = await show('configure');
    fx.element.dataLayer = 'testLayer';
    const layer: unknown[] = [];
    (globalThis as Record<string, unknown>).testLayer = layer;
    fx.element.dispatchEvent(new CustomEvent('showroom-build-saved', { detail: { code: 'K7F3-QX9M-2P' } }));
    expect(layer).to.deep.equal([{ event: 'showroom-build-saved', detail: { code: 'K7F3-QX9M-2P' } }]);
    delete (globalThis as Record<string, unknown>).testLayer;
  });

  describe('kiosk', () => {
    it('waits on an attract screen with touch targets of at least 44 px', async () => {
      const fx = await show('kiosk');
      const start = root(fx).querySelector<HTMLButtonElement>('.attract button')!;
      expect(start.getBoundingClientRect().height).to.be.at.least(44);
      expect(root(fx).querySelector('.shell')!.hasAttribute('inert')).to.equal(true);
      await expect(fx.element).to.be.accessible();
      start.click();
      await fx.element.updateComplete;
      expect(root(fx).querySelector('.attract')).to.equal(null);
      // Every visible control, in the shell and in the elements it hosts.
      const configurator = root(fx).querySelector('showroom-configurator')!;
      await waitUntil(
        () => configurator.shadowRoot?.querySelector('[data-id]'),
        'the configurator shows options',
      );
      const controls = [
        ...root(fx).querySelectorAll<HTMLElement>('button'),
        ...configurator.shadowRoot!.querySelectorAll<HTMLElement>(
          'button, [role="radio"], [role="checkbox"], input, select',
        ),
      ]
        // A native radio or checkbox is hit through its label: measure what the finger meets.
        .map((c) =>
          c.matches('input[type="radio"], input[type="checkbox"]') ? (c.closest('label') ?? c) : c,
        )
        .filter((c) => c.getBoundingClientRect().width > 0);
      expect(controls.length).to.be.greaterThan(10);
      const small = controls
        .map((c) => ({
          label: c.getAttribute('aria-label') ?? c.textContent?.trim() ?? c.localName,
          rect: c.getBoundingClientRect(),
        }))
        .filter(({ rect }) => Math.min(rect.width, rect.height) < 44)
        .map(({ label, rect }) => `${label} ${Math.round(rect.width)}x${Math.round(rect.height)}`);
      expect(small).to.deep.equal([]);
    });

    it('asks "still there?" after the idle time, then wipes the journey and every form', async () => {
      const fx = await show('kiosk-idle');
      fx.journey.send({
        type: 'contact.update',
        contact: { name: 'Li Na', phone: '+8613900000000' },
        consent: { contact: true },
      });
      fx.journey.send({ type: 'panel.open', panel: 'journey-contact' });
      await fx.element.updateComplete;
      const dialog = root(fx).querySelector('dialog')!;
      await waitUntil(() => dialog.open, 'the idle question opens', { timeout: 3000 });
      expect(dialog.textContent).to.match(/starts over in \d+ seconds/);
      await expect(fx.element).to.be.accessible();
      root(fx).querySelector<HTMLButtonElement>('dialog .secondary')!.click();
      await fx.element.updateComplete;
      const context = fx.journey.getSnapshot().context;
      expect(context.contact.name ?? '').to.equal('');
      expect(context.contact.phone ?? '').to.equal('');
      expect(viewOf(fx.journey.getSnapshot())).to.equal('configure');
      expect(root(fx).querySelector('.attract')).to.exist;
      expect(fx.element.shadowRoot!.innerHTML).not.to.contain('Li Na');
    });
  });
});
