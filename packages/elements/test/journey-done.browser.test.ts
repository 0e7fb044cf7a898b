import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { journeyFixture, type JourneyFixture } from '../src/journey/journey.fixtures.js';

async function show(scenario: Parameters<typeof journeyFixture>[0], lang?: string): Promise<JourneyFixture> {
  const fx = journeyFixture(scenario);
  if (lang) fx.scope.lang = lang;
  await fixture(html`${fx.scope}`);
  await fx.settled;
  await waitUntil(() => done(fx), 'the done step shows');
  return fx;
}
const done = (fx: JourneyFixture) => fx.element.shadowRoot!.querySelector<HTMLElement>('.done');
const said = (fx: JourneyFixture) => done(fx)!.textContent!.replace(/\s+/g, ' ');
const status = (fx: JourneyFixture) =>
  done(fx)!.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ');

describe('<showroom-journey> done step', () => {
  it('after a lead with the build alone, promises contact and no appointment', async () => {
    const fx = await show('done');
    expect(status(fx)).to.contain('will contact you');
    expect(said(fx)).not.to.match(/appointment|booked|test drive|call/i);
    await expect(fx.element).to.be.accessible();
  });

  it('after saving the build, gives its code and no appointment', async () => {
    const fx = await show('done-saved');
    const code = fx.journey.getSnapshot().context.saved!.code!;
    expect(said(fx)).to.contain(`Your build code: ${code}`);
    expect(said(fx)).not.to.match(/appointment|booked/i);
  });

  it('after booking a test drive, says when and where', async () => {
    const fx = await show('done-test-drive');
    const { booking } = fx.journey.getSnapshot().context;
    expect(booking?.service).to.equal('test-drive');
    expect(status(fx)).to.contain('Your test drive is booked for');
    expect(status(fx)).to.contain(booking!.location!.name);
    const year = new Date(booking!.start).getUTCFullYear();
    expect(status(fx)).to.contain(String(year));
    await expect(fx.element).to.be.accessible();
  });

  it('after booking a video call, says it is a call and not a test drive', async () => {
    const fx = await show('done-call');
    expect(status(fx)).to.contain('Your video call with an advisor is booked for');
    expect(said(fx)).not.to.contain('test drive');
  });

  it('during a video call now, links to the call', async () => {
    const fx = await show('done-video-now');
    expect(status(fx)).to.contain('An advisor is ready for your video call');
    const join = done(fx)!.querySelector<HTMLAnchorElement>('a[part="join"]')!;
    expect(join.href).to.equal(fx.journey.getSnapshot().context.consultation!.joinUrl);
    expect(join.textContent!.trim()).to.equal('Join the video call');
    await expect(fx.element).to.be.accessible();
  });

  it('offline, says the request is kept and promises nothing else', async () => {
    const fx = await show('done-queued');
    expect(status(fx)).to.contain('You are offline');
    expect(said(fx)).not.to.match(/booked|appointment/i);
  });

  it('tells what happened in Chinese, simplified and traditional', async () => {
    const cn = await show('done-test-drive', 'zh-CN');
    expect(status(cn)).to.contain('您的试驾已预约');
    const tw = await show('done-call', 'zh-TW');
    expect(status(tw)).to.contain('您與顧問的視訊通話已預約');
    const sent = await show('done', 'zh-CN');
    expect(status(sent)).to.contain('会与您联系');
    expect(status(sent)).not.to.contain('预约');
  });
});
