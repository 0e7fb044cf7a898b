import { expect, fixture, html as fixtureHtml, nextFrame, waitUntil } from '@open-wc/testing';
import { html, css } from 'lit';
import { defineElement } from '../src/base/define.js';
import {
  ShowroomBookingConfirmedEvent,
  ShowroomBuildChangedEvent,
  ShowroomBuildSavedEvent,
  ShowroomErrorEvent,
  ShowroomLeadFailedEvent,
  ShowroomLeadQueuedEvent,
  ShowroomLeadSentEvent,
} from '../src/base/events.js';
import { I18nController, defineMessages, matchLocale, setDefaultLocale } from '../src/base/i18n.js';
import {
  JourneyController,
  deferJourney,
  getDefaultJourney,
  journeyState,
  provideJourney,
  setDefaultJourney,
  type JourneyHandle,
  type JourneySnapshot,
} from '../src/base/journey.js';
import { ShowroomElement } from '../src/base/showroom-element.js';
import { fixtureJourney, until } from '../src/fixtures/journey.js';
import { VERSION } from '../src/version.js';

const messages = defineMessages(
  { hello: 'Hello {name}', items: { one: '{count} item', other: '{count} items' } },
  {
    'zh-CN': { hello: '你好，{name}', items: { other: '{count} 件' } },
    'zh-TW': { hello: '您好，{name}', items: { other: '{count} 件' } },
  },
);

/** A minimal element on the base: it shows text in its locale and the trim of its journey's build. */
class ProbeElement extends ShowroomElement {
  static override styles = [
    ...ShowroomElement.styles,
    css`
      p {
        color: var(--_accent);
      }
    `,
  ];
  readonly i18n = new I18nController(this, messages);
  readonly journey = new JourneyController(this, (s: JourneySnapshot) => ({
    trim: s.context.build?.trimId ?? null,
  }));
  renders = 0;
  override render() {
    this.renders++;
    return html`<p>${this.i18n.t('hello', { name: 'Li' })} · ${this.journey.value.trim ?? '-'}</p>`;
  }
}
defineElement('showroom-test-probe', ProbeElement, VERSION);

const probeText = (el: ProbeElement): string => el.shadowRoot!.querySelector('p')!.textContent!;

describe('element base', () => {
  afterEach(() => {
    setDefaultJourney(undefined);
    setDefaultLocale(undefined);
  });

  it('defines a tag once; the same version again does nothing, another version warns and keeps the first', () => {
    class A extends HTMLElement {
      static readonly version = '1.0.0';
    }
    class B extends HTMLElement {
      static readonly version = '1.0.0';
    }
    class C extends HTMLElement {
      static readonly version = '2.0.0';
    }
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      defineElement('showroom-test-once', A, '1.0.0');
      defineElement('showroom-test-once', B, '1.0.0');
      expect(warnings).to.deep.equal([]);
      defineElement('showroom-test-once', C, '2.0.0');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('showroom-test-once')).to.equal(A);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('1.0.0').and.contain('2.0.0');
  });

  it('dispatches typed events that bubble out of shadow roots', async () => {
    const host = await fixture<HTMLDivElement>(fixtureHtml`<div></div>`);
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
    const build = { modelId: 'a6', trimId: 'a6-lr', options: [] };
    const events = [
      new ShowroomBuildChangedEvent({ build, configId: 'a6~a6-lr~', total: 1, currency: 'CNY' }),
      new ShowroomBuildSavedEvent({ build, configId: 'a6~a6-lr~', total: 1, currency: 'CNY', offline: true }),
      new ShowroomBookingConfirmedEvent({
        bookingId: 'b1',
        service: 'test-drive',
        start: '2027-01-01T10:00:00+08:00',
        end: '2027-01-01T10:45:00+08:00',
        timeZone: 'Asia/Shanghai',
      }),
      new ShowroomLeadSentEvent({ leadId: 'l1' }),
      new ShowroomLeadQueuedEvent({ leadId: 'l1', reason: 'offline' }),
      new ShowroomLeadFailedEvent({ leadId: 'l1', code: 'invalid_body', message: 'no' }),
      new ShowroomErrorEvent({ code: 'x', message: 'y', issues: [] }),
    ];
    const received: string[] = [];
    for (const event of events) {
      const listener = (e: Event) =>
        received.push(`${e.type}:${(e as Event & { detail: unknown }).detail !== undefined}`);
      document.addEventListener(event.type, listener, { once: true });
      inner.dispatchEvent(event);
    }
    expect(received).to.deep.equal(events.map((e) => `${e.type}:true`));
    expect(new Set(events.map((e) => e.type)).size).to.equal(7);
    expect(events.every((e) => e.bubbles && e.composed && e.type.startsWith('showroom-'))).to.equal(true);
  });

  it('maps language tags to the supported locales', () => {
    expect(matchLocale('zh-CN')).to.equal('zh-CN');
    expect(matchLocale('zh-Hans-SG')).to.equal('zh-CN');
    expect(matchLocale('zh')).to.equal('zh-CN');
    expect(matchLocale('zh-HK')).to.equal('zh-TW');
    expect(matchLocale('zh-Hant')).to.equal('zh-TW');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('fr')).to.equal(undefined);
  });

  it('follows the nearest lang, across shadow roots, then the page default, and formats in that locale', async () => {
    const { journey } = fixtureJourney();
    const outer = document.createElement('div');
    outer.lang = 'zh-TW';
    provideJourney(outer, journey);
    const shadowHost = outer.appendChild(document.createElement('div'));
    const probe = shadowHost.attachShadow({ mode: 'open' }).appendChild(new ProbeElement());
    await fixture(fixtureHtml`${outer}`);
    await probe.updateComplete;
    expect(probeText(probe)).to.contain('您好，Li');
    expect(probe.i18n.price(279900, 'CNY')).to.contain('279,900');
    expect(probe.i18n.t('items', { count: 2 })).to.equal('2 件');
    outer.lang = 'en';
    await waitUntil(() => probeText(probe).includes('Hello Li'), 'did not follow lang');
    expect(probe.i18n.t('items', { count: 1 })).to.equal('1 item');
    expect(probe.i18n.t('items', { count: 3 })).to.equal('3 items');
    outer.removeAttribute('lang');
    const documentLang = document.documentElement.lang;
    document.documentElement.removeAttribute('lang');
    try {
      setDefaultLocale('zh-CN');
      await waitUntil(() => probeText(probe).includes('你好，Li'), 'did not take the page default');
      // With no lang and no page default: the element's fallback (the catalog's default locale).
      setDefaultLocale(undefined);
      probe.i18n.fallback = 'zh-TW';
      await waitUntil(() => probeText(probe).includes('您好，Li'), 'did not take the fallback');
    } finally {
      document.documentElement.lang = documentLang;
    }
  });

  it('binds to the provided journey and re-renders only when its slice changes', async () => {
    const fx = fixtureJourney();
    const scope = document.createElement('div');
    provideJourney(scope, fx.journey);
    const probe = scope.appendChild(new ProbeElement());
    await fixture(fixtureHtml`${scope}`);
    await until(fx.journey, (s) => s.context.build);
    await waitUntil(() => probeText(probe).includes('a6-sr'), 'no build');
    const renders = probe.renders;
    fx.journey.send({ type: 'build.select', optionId: 'paint-red' });
    await until(fx.journey, (s) => s.context.build?.options.includes('paint-red'));
    await nextFrame();
    expect(probe.renders).to.equal(renders);
    fx.journey.send({ type: 'build.select', optionId: 'trim:a6-lr' });
    await until(fx.journey, (s) => s.context.build?.trimId === 'a6-lr');
    await waitUntil(() => probeText(probe).includes('a6-lr'), 'did not re-render');
    expect(probe.renders).to.equal(renders + 1);
  });

  it('joins the page default journey when no provider is above, and moves when it is replaced', async () => {
    const first = fixtureJourney();
    setDefaultJourney(first.journey);
    const probe = await fixture<ProbeElement>(fixtureHtml`<showroom-test-probe></showroom-test-probe>`);
    expect(probe.journey.journey).to.equal(getDefaultJourney());
    await waitUntil(() => probeText(probe).includes('a6-sr'), 'no build from the default journey');
    const second = fixtureJourney();
    await second.ready;
    await until(second.journey, (s) => s.context.build);
    second.journey.send({ type: 'build.select', optionId: 'trim:a6-lr' });
    setDefaultJourney(() => second.journey);
    await waitUntil(() => probeText(probe).includes('a6-lr'), 'did not move to the new default');
    expect(probe.journey.journey).to.equal(second.journey);
  });

  it('stands in for a journey that is still starting, queueing events, and reports one that fails', async () => {
    let resolve!: (journey: JourneyHandle) => void;
    const deferred = deferJourney(new Promise<JourneyHandle>((r) => (resolve = r)));
    expect(deferred.getSnapshot().context.catalog).to.equal(null);
    deferred.send({ type: 'finance.set', termMonths: 48 });
    const fx = fixtureJourney();
    await fx.ready;
    await until(fx.journey, (s) => s.context.build);
    resolve(fx.journey);
    const snapshot = await until(deferred, (s) => s.context.finance?.termMonths === 48);
    expect(snapshot.context.build?.modelId).to.equal('a6');
    expect(journeyState(snapshot, 'catalog')).to.equal('ready');
    expect(journeyState(snapshot, 'build')).to.equal('ready.idle');

    const failed = deferJourney(Promise.reject(new Error('storage is broken')));
    const errored = await until(failed, (s) => s.context.errors.catalog);
    expect(errored.context.errors.catalog?.message).to.equal('storage is broken');
  });

  it('takes the page theme through the global tokens, and dark through the theme attribute', async () => {
    const fx = fixtureJourney();
    const scope = document.createElement('div');
    provideJourney(scope, fx.journey);
    scope.style.setProperty('--showroom-color-accent', 'rgb(1, 2, 3)');
    const probe = scope.appendChild(new ProbeElement());
    await fixture(fixtureHtml`${scope}`);
    await probe.updateComplete;
    const p = probe.shadowRoot!.querySelector('p')!;
    expect(getComputedStyle(p).color).to.equal('rgb(1, 2, 3)');
    scope.style.removeProperty('--showroom-color-accent');
    expect(getComputedStyle(p).color).to.equal('rgb(24, 73, 169)');
    probe.theme = 'dark';
    await probe.updateComplete;
    expect(probe.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(p).color).to.equal('rgb(138, 180, 255)');
    await expect(probe).to.be.accessible();
  });
});
