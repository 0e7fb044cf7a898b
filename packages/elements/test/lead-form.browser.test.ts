import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ShowroomLeadSentEvent } from '../src/base/events.js';
import type { ShowroomLeadForm } from '../src/lead-form/lead-form.component.js';
import type { ShowroomContactSubmitEvent } from '../src/lead-form/lead-form.events.js';
import {
  LANGS,
  bookingFixture,
  deepActive,
  journeyReady,
  nameOf,
  withJourney,
  type BookingFixture,
} from '../../../stories/test-drive.stories.js';
import {
  clickSubmit,
  leadFormStates,
  leadFormTemplate,
  type LeadFormArgs,
  type LeadFormStateName,
} from '../../../stories/lead-form.stories.js';

async function mount(
  f: BookingFixture,
  lang = 'en',
  args: Partial<LeadFormArgs> = {},
): Promise<ShowroomLeadForm> {
  const host = await fixture(html`<div>${withJourney(f.journey, lang, leadFormTemplate(args))}</div>`);
  const el = host.querySelector('showroom-lead-form')!;
  await el.updateComplete;
  return el;
}

const root = (el: ShowroomLeadForm) => el.shadowRoot!;
const text = (el: ShowroomLeadForm) => root(el).textContent!.replace(/\s+/g, ' ');
const input = (el: ShowroomLeadForm, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const errorOf = (el: ShowroomLeadForm, id: string) =>
  root(el).querySelector(`#${id}-error`)?.textContent?.trim();

async function ready(options: Parameters<typeof bookingFixture>[0] = {}): Promise<BookingFixture> {
  const f = await bookingFixture(options);
  await journeyReady(f.journey, (s) => s.context.catalog !== null);
  return f;
}

async function type(el: ShowroomLeadForm, id: string, value: string): Promise<void> {
  input(el, id).focus();
  await sendKeys({ type: value });
  input(el, id).blur();
  await el.updateComplete;
}

describe('showroom-lead-form', () => {
  const expectations: Record<LeadFormStateName, (el: ShowroomLeadForm) => void> = {
    empty: (el) => expect(input(el, 'name').value).to.equal(''),
    errors: (el) => expect(root(el).querySelectorAll('[part="error"]').length).to.be.at.least(4),
    wechat: (el) => expect(errorOf(el, 'wechatId')).to.not.equal(undefined),
    dealer: (el) => expect(input(el, 'consentShareWithDealer').required).to.equal(true),
    filled: (el) => expect(input(el, 'phone').value).to.equal('+8613812345678'),
    sending: (el) =>
      expect(root(el).querySelector('[part="submit"]')!.getAttribute('aria-disabled')).to.equal('true'),
    sent: (el) => expect(root(el).querySelector('[role="status"]')).to.not.equal(null),
    queued: (el) => expect(root(el).querySelector('[role="status"]')).to.not.equal(null),
    failed: (el) => expect(root(el).querySelector('[role="alert"]')).to.not.equal(null),
  };

  for (const name of Object.keys(leadFormStates) as LeadFormStateName[]) {
    for (const lang of LANGS) {
      it(`shows the ${name} state in ${lang}, accessibly`, async () => {
        const state = await leadFormStates[name](lang);
        const el = await mount(state.fixture, lang);
        await state.play?.(el);
        await el.updateComplete;
        expectations[name](el);
        if (lang !== 'en') expect(text(el)).to.match(/[\u4e00-\u9fff]/);
        await expect(el).to.be.accessible();
        state.fixture.journey.stop();
      });
    }
  }

  it('is complete by keyboard: every field, the choice and the consent, then Enter sends the lead', async () => {
    const f = await ready();
    const sent: ShowroomLeadSentEvent[] = [];
    document.addEventListener('showroom-lead-sent', (e) => sent.push(e), { once: true });
    const el = await mount(f);
    input(el, 'name').focus();
    await sendKeys({ type: 'Wang Xiaoming' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '+44 20 7946 0958' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActive())).to.equal('Phone call');
    await sendKeys({ press: 'ArrowRight' });
    expect(nameOf(deepActive())).to.equal('SMS');
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActive())).to.match(/^Contact me about this request/);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActive())).to.match(/^Send me news/);
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActive())).to.equal('Send');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => f.source.leads().length === 1, 'the lead arrives');
    const [lead] = f.source.leads();
    expect(lead!.customer).to.deep.include({
      name: 'Wang Xiaoming',
      phone: '+442079460958',
      preferredContact: 'sms',
    });
    expect(lead!.customer.email).to.equal(undefined);
    expect(lead!.consent).to.deep.include({ contact: true, marketing: false, textVersion: '2026-03-01' });
    await waitUntil(() => sent.length === 1);
    await el.updateComplete;
    expect(text(el)).to.contain('Thank you, Wang Xiaoming');
    f.journey.stop();
  });

  it('never pre-ticks consent and asks for each purpose separately', async () => {
    const f = await ready();
    const el = await mount(f);
    const boxes = [...root(el).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => b.id)).to.deep.equal([
      'consentContact',
      'consentShareWithDealer',
      'consentMarketing',
    ]);
    expect(boxes.every((b) => !b.checked)).to.equal(true);
    expect(text(el)).to.contain('Consent text version 2026-03-01');
    f.journey.stop();
  });

  it('names the field in every inline error, in each language', async () => {
    for (const lang of LANGS) {
      const f = await ready({ locale: lang });
      const el = await mount(f, lang);
      await type(el, 'phone', '12345');
      await type(el, 'email', 'not-an-email');
      const phone = { en: 'Mobile phone:', 'zh-CN': '手机号码：', 'zh-TW': '手機號碼：' }[lang];
      const email = { en: 'Email:', 'zh-CN': '电子邮箱：', 'zh-TW': '電子郵件：' }[lang];
      expect(errorOf(el, 'phone')).to.match(new RegExp(`^${phone}`));
      expect(errorOf(el, 'phone')).to.contain('138 1234 5678');
      expect(errorOf(el, 'email')).to.match(new RegExp(`^${email}`));
      expect(input(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
      expect(input(el, 'phone').getAttribute('aria-describedby')).to.contain('phone-error');
      expect(errorOf(el, 'name')).to.equal(undefined);
      f.journey.stop();
    }
  });

  it('moves focus to the first problem and lists every one after a failed submit', async () => {
    const f = await ready();
    const el = await mount(f);
    await type(el, 'name', 'Li');
    await clickSubmit(el);
    const summary = root(el).querySelector('[part="summary"]')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(
      [...summary.querySelectorAll('li')].map((li) => li.textContent!.trim().split(':')[0]),
    ).to.deep.equal(['Mobile phone', 'Preferred contact', 'Consent to be contacted']);
    expect(deepActive()).to.equal(input(el, 'phone'));
    expect(f.source.leads()).to.have.length(0);
    f.journey.stop();
  });

  it('asks for a WeChat ID when WeChat is the preferred way, and sends it', async () => {
    const f = await ready();
    const el = await mount(f);
    await type(el, 'name', '王小明');
    await type(el, 'phone', '138 1234 5678');
    expect(root(el).querySelector('#wechatId')).to.equal(null);
    root(el).querySelector<HTMLInputElement>('input[value="wechat"]')!.click();
    await el.updateComplete;
    expect(input(el, 'wechatId').autocomplete).to.equal('off');
    await type(el, 'wechatId', 'wxm2026');
    input(el, 'consentContact').click();
    await clickSubmit(el);
    await waitUntil(() => f.source.leads().length === 1);
    expect(f.source.leads()[0]!.customer).to.deep.include({
      preferredContact: 'wechat',
      wechatId: 'wxm2026',
      phone: '+8613812345678',
    });
    f.journey.stop();
  });

  it('requires consent to share with the dealer when the lead names one', async () => {
    const f = await ready({ dealerId: 'muc-schwabing' });
    const el = await mount(f);
    await type(el, 'name', 'Li');
    await type(el, 'email', 'li@example.com');
    root(el).querySelector<HTMLInputElement>('input[value="email"]')!.click();
    input(el, 'consentContact').click();
    await clickSubmit(el);
    expect(errorOf(el, 'consentShareWithDealer')).to.match(/^Consent to share with the dealer:/);
    input(el, 'consentShareWithDealer').click();
    await clickSubmit(el);
    await waitUntil(() => f.source.leads().length === 1);
    expect(f.source.leads()[0]!.consent.shareWithDealer).to.equal(true);
    f.journey.stop();
  });

  it('keeps every control at least 44 px tall, the choices and consent rows included', async () => {
    const f = await ready();
    const el = await mount(f);
    const targets = root(el).querySelectorAll<HTMLElement>(
      'input:not([type="checkbox"]):not([type="radio"]):not(#website), button, label.choice, label.check',
    );
    expect(targets.length).to.be.at.least(10);
    for (const target of targets) {
      expect(target.getBoundingClientRect().height, target.outerHTML.slice(0, 60)).to.be.at.least(44);
    }
    // A kiosk asks for larger targets through the shared token.
    el.style.setProperty('--showroom-size-target', '60px');
    expect(input(el, 'name').getBoundingClientRect().height).to.equal(60);
    expect(root(el).querySelector('[part="submit"]')!.getBoundingClientRect().height).to.be.at.least(60);
    f.journey.stop();
  });

  it('uses autocomplete tokens so browsers can fill the form', async () => {
    const f = await ready();
    const el = await mount(f);
    expect(input(el, 'name').autocomplete).to.equal('name');
    expect(input(el, 'phone').autocomplete).to.equal('tel');
    expect(input(el, 'phone').type).to.equal('tel');
    expect(input(el, 'email').autocomplete).to.equal('email');
    expect(input(el, 'email').type).to.equal('email');
    f.journey.stop();
  });

  it('drops a submit from a bot that filled the hidden field, sending nothing', async () => {
    const f = await ready();
    const el = await mount(f);
    const trap = input(el, 'website');
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.closest('[aria-hidden="true"]')).to.not.equal(null);
    trap.value = 'https://spam.example';
    trap.dispatchEvent(new Event('input'));
    await type(el, 'name', 'Bot');
    await type(el, 'email', 'bot@example.com');
    root(el).querySelector<HTMLInputElement>('input[value="email"]')!.click();
    input(el, 'consentContact').click();
    await clickSubmit(el);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Thank you');
    await new Promise((r) => setTimeout(r, 50));
    expect(f.source.leads()).to.have.length(0);
    f.journey.stop();
  });

  it('asks a shopper who submits faster than the minimum fill time to check and send again', async () => {
    const f = await ready();
    const el = await mount(f, 'en', { minFillTime: 400 });
    f.journey.actor.send({
      type: 'contact.update',
      contact: { name: 'Quick', email: 'quick@example.com', preferredContact: 'email' },
      consent: { contact: true },
    });
    await clickSubmit(el);
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('That was quick');
    await expect(el).to.be.accessible();
    expect(f.source.leads()).to.have.length(0);
    await new Promise((r) => setTimeout(r, 450));
    await clickSubmit(el);
    await waitUntil(() => f.source.leads().length === 1, 'sent once the minimum time has passed');
    f.journey.stop();
  });

  it('lets a host take the details by cancelling showroom-contact-submit', async () => {
    const f = await ready();
    const el = await mount(f);
    const taken: ShowroomContactSubmitEvent[] = [];
    el.addEventListener('showroom-contact-submit', (e) => {
      e.preventDefault();
      taken.push(e);
    });
    f.journey.actor.send({
      type: 'contact.update',
      contact: { name: 'Host', phone: '13900001111', preferredContact: 'phone' },
      consent: { contact: true },
    });
    await clickSubmit(el);
    expect(taken).to.have.length(1);
    expect(taken[0]!.detail.customer).to.deep.include({ name: 'Host', phone: '+8613900001111' });
    expect(taken[0]!.detail.consent).to.deep.include({ contact: true, textVersion: '2026-03-01' });
    expect(taken[0]!.composed).to.equal(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(f.source.leads()).to.have.length(0);
    f.journey.stop();
  });

  it('takes part in a surrounding form: its values and validity', async () => {
    const f = await ready();
    const host = await fixture(
      html`<div>${withJourney(f.journey, 'en', html`<form id="outer">${leadFormTemplate()}</form>`)}</div>`,
    );
    const form = host.querySelector<HTMLFormElement>('#outer')!;
    const el = host.querySelector<ShowroomLeadForm>('showroom-lead-form')!;
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(form.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.match(/^Name:/);
    await type(el, 'name', 'Li');
    await type(el, 'phone', '(139) 0000-1111');
    root(el).querySelector<HTMLInputElement>('input[value="phone"]')!.click();
    input(el, 'consentContact').click();
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const data = new FormData(form);
    expect(data.get('name')).to.equal('Li');
    expect(data.get('phone')).to.equal('+8613900001111');
    expect(data.get('preferredContact')).to.equal('phone');
    expect(data.get('consentContact')).to.equal('true');
    expect(data.get('consentMarketing')).to.equal('false');
    form.reset();
    await el.updateComplete;
    expect(input(el, 'name').value).to.equal('');
    expect(f.journey.actor.getSnapshot().context.consent.contact).to.equal(false);
    f.journey.stop();
  });

  it('keeps the phone as typed while it reads as the number the journey holds', async () => {
    const f = await ready();
    const el = await mount(f);
    await type(el, 'phone', '138 1234 5678');
    expect(input(el, 'phone').value).to.equal('138 1234 5678');
    expect(f.journey.actor.getSnapshot().context.contact.phone).to.equal('+8613812345678');
    f.journey.actor.send({ type: 'journey.reset' });
    await el.updateComplete;
    expect(input(el, 'phone').value).to.equal('');
    f.journey.stop();
  });
});
