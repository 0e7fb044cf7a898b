// The journey's flows over the in-memory source: what a shopper does, what the journey keeps,
// what it tells the page, and how it copes with refusals, lost answers and taken slots.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromPromise } from 'xstate';
import {
  ApiError,
  configId,
  createJourney,
  createMemorySource,
  parseCatalog,
  parseConfigId,
} from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import type { BookingRequest, Lead, Slot, SlotQuery } from '@showroom/core';
import {
  counterUuid,
  failing,
  offline,
  SHOPPER,
  START,
  startJourney,
  testCatalog,
  until,
} from './journey-support.js';
import type { Harness } from './journey-support.js';

type Snap = ReturnType<Harness['actor']['getSnapshot']>;
const region = (s: Snap, name: string) => (s.value as { active: Record<string, unknown> }).active[name];

async function ready(h: Harness) {
  return until(h.actor, (s) => s.matches({ active: { build: { ready: 'idle' } } }), 'the build');
}

async function atSlots(h: Harness, service: 'test-drive' | 'home-test-drive' = 'test-drive') {
  await ready(h);
  h.actor.send({ type: 'appointment.start', service });
  await until(h.actor, (s) => region(s, 'appointment') === 'choosingLocation', 'locations');
  const location =
    h.actor.getSnapshot().context.locations.find((l) => l.id === 'sh-pudong') ??
    h.actor.getSnapshot().context.locations[0];
  h.actor.send({ type: 'location.pick', locationId: location!.id });
  return until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'slots');
}

describe('journey: catalog', () => {
  it('loads the catalog and starts the default build with its price, without a build-changed', async () => {
    const h = startJourney();
    const s = await ready(h);
    assert.equal(region(s, 'catalog'), 'ready');
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    assert.equal(s.context.price?.total, 281900);
    assert.deepEqual(h.emitted, []);
  });

  it('shows a load error, tells the page, and loads on retry', async () => {
    let calls = 0;
    const catalog = testCatalog();
    const h = startJourney({
      actors: {
        loadCatalog: fromPromise(async () => {
          calls += 1;
          if (calls === 1) throw offline();
          return catalog;
        }),
      },
    });
    const failed = await until(h.actor, (s) => region(s, 'catalog') === 'failed', 'failure');
    assert.equal(failed.context.errors.catalog?.code, 'offline');
    assert.deepEqual(
      h.emitted.map((e) => e.type),
      ['error'],
    );
    h.actor.send({ type: 'catalog.retry' });
    const s = await ready(h);
    assert.equal(calls, 2);
    assert.equal(s.context.errors.catalog, undefined);
  });

  it("follows a refreshed catalog: today's price, or the nearest valid build, and says so", async () => {
    const today = testCatalog((json) => {
      const model = json.models[0]!;
      model.trims[0]!.price = 289900;
      const paint = model.groups.find((g) => g.id === 'paint')!;
      paint.options = paint.options.filter((o) => o.id !== 'paint-red');
      paint.options.push({ id: 'paint-blue', name: { en: 'Blue' }, price: 9000 });
      model.trims[1]!.standard = ['paint-blue', 'wheel-21'];
    });
    let catalog = testCatalog();
    const h = startJourney({ actors: { loadCatalog: fromPromise(async () => catalog) } });
    await ready(h);
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    catalog = today;
    h.actor.send({ type: 'catalog.refresh' });
    const s = await until(
      h.actor,
      (s) => s.context.catalog === today && region(s, 'catalog') === 'ready',
      'refresh',
    );
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    assert.equal(s.context.price?.total, 291900);
    const event = h.emitted.at(-1);
    assert.equal(event?.['cause'], 'catalog');
    assert.ok(
      (event?.['changes'] as { optionId: string; action: string }[]).some(
        (c) => c.optionId === 'paint-red' && c.action === 'removed',
      ),
      'the paint that went',
    );
  });

  it('keeps the catalog it has when a refresh fails', async () => {
    let calls = 0;
    const catalog = testCatalog();
    const h = startJourney({
      actors: {
        loadCatalog: fromPromise(async () => {
          calls += 1;
          if (calls > 1) throw offline();
          return catalog;
        }),
      },
    });
    await ready(h);
    h.actor.send({ type: 'catalog.refresh' });
    const s = await until(
      h.actor,
      (s) => calls === 2 && region(s, 'catalog') === 'ready',
      'the failed refresh',
    );
    assert.equal(s.context.catalog, catalog);
    assert.deepEqual(s.context.errors, {});
  });

  it('does not check an unchanged catalog again: asked with its ETag, the checked one is kept', async () => {
    const memory = createMemorySource({ catalog: testCatalog(), seed: 3 });
    const asked: (string | undefined)[] = [];
    const answered: string[] = [];
    const source: typeof memory = {
      ...memory,
      async getCatalog(options) {
        asked.push(options?.etag);
        const answer = await memory.getCatalog(options);
        answered.push(answer.status);
        return answer;
      },
    };
    const h = startJourney({ source });
    const first = (await ready(h)).context.catalog;
    h.actor.send({ type: 'catalog.refresh' });
    const s = await until(
      h.actor,
      (s) => answered.length === 2 && region(s, 'catalog') === 'ready',
      'refresh',
    );
    assert.deepEqual(answered, ['ok', 'not-modified']);
    assert.equal(asked[0], undefined);
    assert.ok(asked[1], 'asked with the ETag');
    assert.equal(s.context.catalog, first, 'the catalog already checked');
    // A second journey on the page over the same source takes it too.
    const other = startJourney({ source });
    assert.equal((await ready(other)).context.catalog, first);
    assert.deepEqual(answered, ['ok', 'not-modified', 'not-modified']);
  });

  it('refuses a catalog without the model the page asks for', async () => {
    const h = startJourney({ input: { modelId: 'x9' } });
    const s = await until(h.actor, (s) => region(s, 'catalog') === 'failed', 'failure');
    assert.equal(s.context.errors.catalog?.code, 'unknown_model');
  });
});

describe('journey: configuring', () => {
  it("keeps core's config id for every build, the one without options included", async () => {
    // Only the optional package group: the default build has no options at all.
    const catalog = testCatalog((json) => {
      const model = json.models[0]!;
      model.groups = model.groups.filter((g) => g.id === 'packages');
      model.rules = [];
      for (const trim of model.trims) trim.standard = [];
    });
    const h = startJourney({ catalog });
    let s = await ready(h);
    assert.deepEqual(s.context.build?.options, []);
    assert.equal(s.context.configId, 'a6~a6-lr~');
    assert.equal(s.context.configId, configId(s.context.build!));
    h.actor.send({ type: 'build.select', optionId: 'pkg-sport' });
    s = await until(h.actor, (s) => s.context.configId === 'a6~a6-lr~pkg-sport', 'the package');
    h.actor.send({ type: 'build.deselect', optionId: 'pkg-sport' });
    s = await until(h.actor, (s) => s.context.build?.options.length === 0, 'no options');
    assert.equal(s.context.configId, 'a6~a6-lr~');
    assert.deepEqual(parseConfigId(s.context.configId!), s.context.build);
  });

  it('applies a pick that changes nothing else at once, and tells the page', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    const s = h.actor.getSnapshot();
    assert.equal(s.context.configId, 'a6~a6-lr~paint-red~wheel-19');
    assert.equal(s.context.price?.total, 293900);
    assert.equal(s.context.pendingProposal, null);
    assert.deepEqual(
      h.emitted.map((e) => [e.type, e['cause'], e['configId']]),
      [['build-changed', 'select', 'a6~a6-lr~paint-red~wheel-19']],
    );
    assert.deepEqual(
      s.context.steps.map((x) => [x.event, x.detail]),
      [['configurator.select', 'paint-red']],
    );
  });

  it('holds a pick with further changes until the shopper confirms, or drops it on cancel', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.select', optionId: 'pkg-sport' });
    let s = h.actor.getSnapshot();
    assert.deepEqual(region(s, 'build'), { ready: 'reviewing' });
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19', 'nothing changed yet');
    assert.deepEqual(
      s.context.pendingProposal?.changes.map((c) => [c.optionId, c.action]),
      [
        ['wheel-19', 'removed'],
        ['wheel-21', 'added'],
      ],
    );
    h.actor.send({ type: 'build.cancel' });
    s = h.actor.getSnapshot();
    assert.equal(s.context.pendingProposal, null);
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    assert.deepEqual(h.emitted, []);

    h.actor.send({ type: 'build.select', optionId: 'pkg-sport' });
    h.actor.send({ type: 'build.confirm' });
    s = h.actor.getSnapshot();
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~pkg-sport~wheel-21');
    assert.equal(s.context.price?.total, 301900);
    assert.equal(h.emitted.length, 1);
    assert.equal((h.emitted[0]?.['changes'] as unknown[] | undefined)?.length, 2);
  });

  it('lets a pick made during a review replace the proposal, or apply at once and end the review', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.select', optionId: 'pkg-sport' });
    // Another pick with changes: the proposal under review is the new one.
    h.actor.send({ type: 'build.select', optionId: 'trim:a6-perf' });
    let s = h.actor.getSnapshot();
    assert.deepEqual(region(s, 'build'), { ready: 'reviewing' });
    assert.equal(
      s.context.pendingProposal?.kind === 'pick' && s.context.pendingProposal.optionId,
      'trim:a6-perf',
    );
    // A pick without changes applies at once; nothing is left to review.
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    s = h.actor.getSnapshot();
    assert.deepEqual(region(s, 'build'), { ready: 'idle' });
    assert.equal(s.context.pendingProposal, null);
    assert.equal(s.context.configId, 'a6~a6-lr~paint-red~wheel-19');
    assert.deepEqual(
      h.emitted.map((e) => [e.type, e['cause']]),
      [['build-changed', 'select']],
    );
    // A refused pick during a review drops the proposal and keeps the build.
    h.actor.send({ type: 'build.select', optionId: 'pkg-sport' });
    h.actor.send({ type: 'build.select', optionId: 'no-such-option' });
    s = h.actor.getSnapshot();
    assert.deepEqual(region(s, 'build'), { ready: 'idle' });
    assert.equal(s.context.pendingProposal, null);
    assert.equal(s.context.refused?.optionId, 'no-such-option');
    assert.equal(s.context.configId, 'a6~a6-lr~paint-red~wheel-19');
  });

  it('switches trim through a proposal and records the trim for the lead', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.view', trimId: 'a6-perf' });
    h.actor.send({ type: 'build.select', optionId: 'trim:a6-perf' });
    h.actor.send({ type: 'build.confirm' });
    const s = h.actor.getSnapshot();
    assert.equal(s.context.build?.trimId, 'a6-perf');
    assert.ok(!s.context.build?.options.includes('paint-white'));
    assert.deepEqual(
      s.context.steps.map((x) => [x.event, x.detail]),
      [
        ['configurator.compare', 'a6-perf'],
        ['configurator.trim', 'a6-perf'],
      ],
    );
    assert.equal(h.emitted[0]?.['cause'], 'trim');
  });

  it('records a refused pick with its reasons and keeps the build', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.select', optionId: 'trim:a6-perf' });
    h.actor.send({ type: 'build.confirm' });
    h.actor.send({ type: 'build.select', optionId: 'paint-white' });
    const s = h.actor.getSnapshot();
    assert.equal(s.context.refused?.optionId, 'paint-white');
    assert.ok((s.context.refused?.reasons.length ?? 0) > 0, 'reasons');
    assert.ok(s.context.refused?.reasons.every((r) => typeof r === 'string' && r !== ''));
    assert.ok(!s.context.build?.options.includes('paint-white'));
    h.actor.send({ type: 'build.select', optionId: 'no-such-option' });
    assert.equal(h.actor.getSnapshot().context.refused?.optionId, 'no-such-option');
    h.actor.send({ type: 'build.select', optionId: 'wheel-19' });
    assert.equal(h.actor.getSnapshot().context.refused, null, 'a successful pick clears the refusal');
  });

  it('quotes finance within the offer and follows the price', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'panel.open', panel: 'finance' });
    h.actor.send({ type: 'finance.set', termMonths: 48 });
    let s = h.actor.getSnapshot();
    assert.deepEqual(s.context.finance, { method: 'finance', termMonths: 48, downPayment: 84570 });
    assert.equal(s.context.financeQuote?.termMonths, 48);
    assert.ok((s.context.financeQuote?.monthlyPayment ?? 0) > 0, 'a monthly payment');
    h.actor.send({ type: 'finance.set', downPayment: 1 });
    s = h.actor.getSnapshot();
    assert.equal(s.context.finance?.downPayment, Math.ceil(281900 * 0.15), 'raised to the minimum');
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    s = h.actor.getSnapshot();
    assert.equal(s.context.financeQuote?.price, 293900);
    h.actor.send({ type: 'finance.set', method: 'cash' });
    assert.equal(h.actor.getSnapshot().context.financeQuote, null);
    assert.deepEqual(
      h.actor.getSnapshot().context.steps.map((x) => x.event),
      ['finance.open', 'finance.set', 'finance.set', 'configurator.select', 'finance.set'],
    );
  });

  it('keeps at most maxSteps journey steps, the newest', async () => {
    const h = startJourney({ input: { maxSteps: 3 } });
    await ready(h);
    for (const trimId of ['a', 'b', 'c', 'd', 'e']) h.actor.send({ type: 'build.view', trimId });
    assert.deepEqual(
      h.actor.getSnapshot().context.steps.map((x) => x.detail),
      ['c', 'd', 'e'],
    );
  });
});

describe('journey: saving and opening builds', () => {
  it('saves online: a code and a link, and tells the page', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.save' });
    const s = await until(h.actor, (s) => region(s, 'save') === 'saved', 'saved');
    assert.match(s.context.saved?.code ?? '', /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    assert.equal(s.context.saved?.synced, true);
    assert.equal(s.context.saved?.configId, s.context.configId);
    const event = h.emitted.find((e) => e.type === 'build-saved');
    assert.equal(event?.['synced'], true);
    assert.equal(event?.['code'], s.context.saved?.code);
    assert.equal(s.context.steps.at(-1)?.event, 'build.save');
  });

  it('keeps an offline save locally, unsynced, and syncs it with the same key when back online', async () => {
    const keys: string[] = [];
    const h = startJourney({
      input: { pageUrl: 'https://www.aurora.example/a6' },
      actors: {
        saveBuild: fromPromise(async ({ input }) => {
          keys.push(input.idempotencyKey);
          if (keys.length === 1) throw offline();
          return { code: 'K7F3-QX9M-2P', url: 'https://www.aurora.example/a6?showroom-build=K7F3-QX9M-2P' };
        }),
      },
    });
    await ready(h);
    h.actor.send({ type: 'build.save' });
    let s = await until(h.actor, (s) => region(s, 'save') === 'unsynced', 'unsynced');
    assert.equal(s.context.saved?.synced, false);
    assert.equal(s.context.saved?.code, null);
    assert.equal(
      s.context.saved?.url,
      'https://www.aurora.example/a6?showroom-build=a6~a6-lr~paint-white~wheel-19',
    );
    assert.deepEqual(
      h.emitted.map((e) => [e.type, e['synced']]),
      [['build-saved', false]],
    );
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    h.actor.send({ type: 'network.online' });
    s = await until(h.actor, (s) => region(s, 'save') === 'saved', 'synced');
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    assert.equal(s.context.saved?.code, 'K7F3-QX9M-2P');
    assert.equal(s.context.saved?.configId, 'a6~a6-lr~paint-white~wheel-19', 'the build as it was saved');
  });

  it('does not try the network when it knows it is offline', async () => {
    const save = failing(() => new Error('must not be called'));
    const h = startJourney({ input: { online: false }, actors: { saveBuild: save.logic } });
    await ready(h);
    h.actor.send({ type: 'build.save' });
    const s = h.actor.getSnapshot();
    assert.equal(region(s, 'save'), 'unsynced');
    assert.equal(save.calls.length, 0);
  });

  it('opens a saved build by code, read tolerantly, and counts it as saved', async () => {
    const h = startJourney();
    await ready(h);
    const saved = await h.source.saveBuild({
      catalogId: 'aurora-cn-2027',
      modelYear: 2027,
      configId: 'a6~a6-lr~paint-red~wheel-19',
      build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'wheel-19'] },
      price: { currency: 'CNY', total: 293900, base: 279900, options: 12000, fees: 2000 },
    });
    h.actor.send({ type: 'build.load', code: saved.code.toLowerCase().replace(/-/g, ' ') });
    const s = await until(
      h.actor,
      (s) => s.context.configId === 'a6~a6-lr~paint-red~wheel-19',
      'the saved build',
    );
    assert.deepEqual(region(s, 'build'), { ready: 'idle' });
    assert.equal(s.context.saved?.code, saved.code);
    assert.equal(h.emitted.at(-1)?.['cause'], 'retrieved');
    assert.deepEqual(s.context.steps.at(-1), {
      at: s.context.steps.at(-1)?.at,
      event: 'build.open',
      detail: saved.code,
    });
  });

  it('refuses a mistyped code without asking the server', async () => {
    const load = failing(() => new Error('must not be called'));
    const h = startJourney({ actors: { loadBuild: load.logic } });
    await ready(h);
    h.actor.send({ type: 'build.load', code: 'K7F3-QX9M-2Q' });
    const s = h.actor.getSnapshot();
    assert.equal(s.context.errors.build?.code, 'invalid_code');
    assert.equal(load.calls.length, 0);
    assert.equal(h.emitted.at(-1)?.type, 'error');
  });

  it('says when a code is unknown', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.load', code: 'K7F3-QX9M-2P' });
    const s = await until(h.actor, (s) => s.context.errors.build !== undefined, 'the error');
    assert.equal(s.context.errors.build?.code, 'not_found');
    assert.deepEqual(region(s, 'build'), { ready: 'idle' });
  });

  it('shows what changed in a build the catalog moved away from, and offers the nearest valid one', async () => {
    // Saved when the sport package existed; today's catalog has dropped it.
    const old = createMemorySource({ catalog: testCatalog(), seed: 1 });
    const saved = await old.saveBuild({
      catalogId: 'aurora-cn-2027',
      modelYear: 2027,
      configId: 'a6~a6-lr~paint-red~pkg-sport~wheel-21',
      build: { modelId: 'a6', trimId: 'a6-lr', options: ['paint-red', 'pkg-sport', 'wheel-21'] },
      price: { currency: 'CNY', total: 313900, base: 279900, options: 32000, fees: 2000 },
    });
    const stale = {
      ...(await old.getBuild(saved.code)),
      buildable: false,
      nearest: undefined,
      changes: undefined,
    };
    const today = testCatalog((json) => {
      const model = json.models[0]!;
      model.groups = model.groups.filter((g) => g.id !== 'packages');
      model.rules = model.rules.filter((r) => r.id !== 'sport-wheels');
    });
    const h = startJourney({
      catalog: today,
      actors: { loadBuild: fromPromise(async () => structuredClone(stale)) },
    });
    await ready(h);
    h.actor.send({ type: 'build.load', code: saved.code });
    let s = await until(h.actor, (s) => s.context.pendingProposal !== null, 'the proposal');
    assert.deepEqual(region(s, 'build'), { ready: 'reviewing' });
    const pending = s.context.pendingProposal;
    assert.equal(pending?.kind, 'retrieved');
    assert.ok(pending?.kind === 'retrieved' && pending.stale);
    assert.deepEqual(pending?.build.options, ['paint-red', 'wheel-21']);
    assert.ok(pending?.changes.some((c) => c.optionId === 'pkg-sport' && c.action === 'removed'));
    h.actor.send({ type: 'build.confirm' });
    s = h.actor.getSnapshot();
    assert.equal(s.context.configId, 'a6~a6-lr~paint-red~wheel-21');
    assert.equal(s.context.saved, null, 'the code names the old build, not this one');
  });
});

describe('journey: advisor', () => {
  it('starts a video call now once the shopper has left contact details', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'advisor.check', language: 'en' });
    let s = await until(h.actor, (s) => region(s, 'advisor') !== 'checking', 'the check');
    assert.equal(region(s, 'advisor'), 'available');
    h.actor.send({ type: 'consult.start' });
    s = h.actor.getSnapshot();
    assert.equal(region(s, 'advisor'), 'available');
    assert.equal(s.context.errors.advisor?.code, 'contact_required');
    assert.ok(s.context.errors.advisor?.issues?.some((i) => i.path === 'customer.name'));
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'consult.start' });
    s = await until(h.actor, (s) => region(s, 'advisor') === 'inCall', 'the call');
    assert.match(s.context.consultation?.joinUrl ?? '', /^https:\/\//);
    assert.deepEqual(
      s.context.steps.map((x) => x.event),
      ['video.open', 'consultation.start', 'lead.submit'],
    );
    h.actor.send({ type: 'consult.end' });
    assert.equal(region(h.actor.getSnapshot(), 'advisor'), 'idle');
  });

  it('sends the lead with the build and the call when a call starts now, and not again on a booking', async () => {
    const h = startJourney({ input: { leadSource: { dealerId: 'sh-pudong' } } });
    await ready(h);
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'advisor.check' });
    await until(h.actor, (s) => region(s, 'advisor') === 'available', 'available');
    h.actor.send({ type: 'consult.start' });
    let s = await until(h.actor, (s) => region(s, 'lead') === 'sent', 'the lead');
    assert.equal(region(s, 'advisor'), 'inCall');
    assert.deepEqual(
      h.emitted.map((e) => e.type),
      ['lead-sent'],
    );
    const [lead] = h.source.leads() as [Lead];
    assert.equal(h.source.leads().length, 1);
    assert.equal(lead.id, s.context.leadId);
    assert.equal(lead.interest?.configId, s.context.configId);
    assert.equal(lead.source.dealerId, 'sh-pudong');
    assert.ok(
      lead.journey?.steps.some((x) => x.event === 'consultation.start'),
      'the call is a step',
    );
    assert.ok(lead.journey?.tags.includes('video-consulted'), 'graded as a video consultation');
    assert.equal(lead.appointment, undefined, 'a call now is not a booked appointment');

    // Booking a test drive afterwards holds the same lead: nothing more goes to the dealer's inbox.
    s = await atSlots(h);
    h.actor.send({ type: 'slot.pick', slotId: (s.context.slots[0] as Slot).id });
    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'booked', 'the booking');
    assert.equal(region(s, 'lead'), 'sent');
    assert.equal(h.source.leads().length, 1);
    assert.equal(h.source.bookings().length, 1);
  });

  it('keeps the lead for later when the page submits it itself (submitOnBooking: false)', async () => {
    const h = startJourney({ input: { submitOnBooking: false } });
    await ready(h);
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'advisor.check' });
    await until(h.actor, (s) => region(s, 'advisor') === 'available', 'available');
    h.actor.send({ type: 'consult.start' });
    const s = await until(h.actor, (s) => region(s, 'advisor') === 'inCall', 'the call');
    assert.equal(region(s, 'lead'), 'idle');
    assert.equal(h.source.leads().length, 0);
  });

  it("offers a booked video slot in the shopper's language when nobody is free", async () => {
    let asked: unknown;
    const h = startJourney({
      actors: {
        checkAdvisorNow: fromPromise(async ({ input }) => {
          asked = input.language;
          return { available: false, advisorsOnline: 0, waitMinutes: null };
        }),
      },
    });
    await ready(h);
    h.actor.send({ type: 'advisor.check', language: 'zh-TW' });
    await until(h.actor, (s) => region(s, 'advisor') === 'unavailable', 'unavailable');
    assert.equal(asked, 'zh-TW');
    h.actor.send({ type: 'appointment.start', service: 'video' });
    const s = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'video slots');
    assert.ok(s.context.slots.length > 0, 'slots');
    // Advisors who speak the language (any Chinese for zh-TW, as the source matches languages).
    const speaks = (slot: Slot) => slot.advisor?.languages.some((l) => l.startsWith('zh')) ?? false;
    assert.ok(
      s.context.slots.every((slot) => slot.service === 'video' && speaks(slot)),
      'video slots with advisors who speak Chinese',
    );
  });

  it('falls back to booking when the advisor went away meanwhile (409 no_advisor)', async () => {
    const h = startJourney({
      actors: {
        startConsultation: fromPromise(async () => {
          throw new ApiError({ status: 409, code: 'no_advisor', message: 'No advisor is free' });
        }),
      },
    });
    await ready(h);
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'advisor.check' });
    await until(h.actor, (s) => region(s, 'advisor') === 'available', 'available');
    h.actor.send({ type: 'consult.start' });
    const s = await until(h.actor, (s) => region(s, 'advisor') === 'unavailable', 'unavailable');
    assert.equal(s.context.errors.advisor?.code, 'no_advisor');
  });
});

describe('journey: test drive', () => {
  it('books location → slot → contact → booking, and sends one lead that holds it all', async () => {
    const h = startJourney({ input: { leadSource: { site: 'www.aurora.example', dealerId: 'sh-pudong' } } });
    let s = await atSlots(h);
    assert.ok(
      s.context.slots.every((slot) => slot.vehicle?.modelId === 'a6'),
      'slots of the configured model',
    );
    const slot = s.context.slots[0] as Slot;
    h.actor.send({ type: 'slot.pick', slotId: slot.id });
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => region(s, 'lead') === 'sent', 'the lead');
    assert.equal(region(s, 'appointment'), 'booked');
    assert.equal(s.context.booking?.start, slot.start);
    assert.deepEqual(
      h.emitted.map((e) => e.type),
      ['booking-confirmed', 'lead-sent'],
    );
    const [lead] = h.source.leads() as [Lead];
    assert.equal(h.source.leads().length, 1);
    assert.equal(lead.id, s.context.leadId);
    assert.equal(lead.appointment?.bookingId, s.context.booking?.id);
    assert.equal(lead.appointment?.location?.id, 'sh-pudong');
    assert.equal(lead.interest?.configId, 'a6~a6-lr~paint-white~wheel-19');
    assert.equal(lead.source.dealerId, 'sh-pudong');
    assert.equal(lead.journey?.grade, 'hot');
    assert.ok(lead.journey?.steps.some((x) => x.event === 'booking.confirm'));
  });

  it('matches test-drive cars by model unless the shopper asks for the trim or its powertrain', async () => {
    // The Performance as a plug-in hybrid, so the configured Long Range's powertrain (bev) is its own.
    const catalog = testCatalog((json) => {
      json.models[0]!.trims[1]!.powertrain = { type: 'phev', drive: 'awd' };
    });
    const h = startJourney({ catalog });
    await ready(h);
    const places = async () => {
      await until(h.actor, (s) => region(s, 'appointment') === 'choosingLocation', 'locations');
      return h.actor
        .getSnapshot()
        .context.locations.map((l) => l.id)
        .sort();
    };
    h.actor.send({ type: 'appointment.start', service: 'test-drive' });
    assert.deepEqual(await places(), ['be-mitte', 'bj-sanlitun', 'sh-pudong', 'tp-xinyi'], 'any A6');

    h.actor.send({ type: 'testDrive.match', match: 'trim' });
    assert.equal(region(h.actor.getSnapshot(), 'appointment'), 'locating', 'searched again');
    assert.deepEqual(await places(), ['sh-pudong', 'tp-xinyi'], 'a Long Range');
    h.actor.send({ type: 'location.pick', locationId: 'sh-pudong' });
    let s = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'slots');
    assert.ok(s.context.slots.length > 0);
    assert.ok(s.context.slots.every((slot) => slot.vehicle?.trimId === 'a6-lr'));

    h.actor.send({ type: 'testDrive.match', match: 'powertrain' });
    assert.deepEqual(await places(), ['sh-pudong', 'tp-xinyi'], 'a battery-electric A6');
    h.actor.send({ type: 'testDrive.match', match: 'model' });
    assert.equal((await places()).length, 4);
    h.actor.send({ type: 'location.pick', locationId: 'sh-pudong' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'slots');
    assert.deepEqual(
      new Set(s.context.slots.map((slot) => slot.vehicle?.trimId)),
      new Set(['a6-lr', 'a6-perf']),
    );

    // What a page sends is checked: an unknown choice changes nothing.
    h.actor.send({ type: 'testDrive.match', match: 'colour' } as never);
    assert.equal(h.actor.getSnapshot().context.testDriveMatch, 'model');
    assert.equal(region(h.actor.getSnapshot(), 'appointment'), 'choosingSlot');
  });

  it('loads the next range of slots on slots.more and adds it after the ones shown', async () => {
    const asked: SlotQuery[] = [];
    let fail = false;
    const h = startJourney({
      input: { slotDays: 7 },
      actors: (source) => ({
        loadSlots: fromPromise<Slot[], SlotQuery>(async ({ input }) => {
          asked.push(input);
          if (fail) throw new ApiError({ status: 503, code: 'unavailable', message: 'Service unavailable' });
          return source.listSlots(input);
        }),
      }),
    });
    let s = await atSlots(h);
    const first = s.context.slots;
    const range = s.context.slotRange!;
    assert.equal(range.from, new Date(START).toISOString());
    assert.equal(Date.parse(range.until) - Date.parse(range.from), 7 * 86_400_000);
    assert.ok(first.every((slot) => Date.parse(slot.start) < Date.parse(range.until)));

    h.actor.send({ type: 'slots.more' });
    assert.equal(region(h.actor.getSnapshot(), 'appointment'), 'loadingMoreSlots');
    assert.deepEqual(h.actor.getSnapshot().context.slots, first, 'the slots shown stay while loading');
    s = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'more slots');
    assert.equal(asked.at(-1)?.from, range.until, 'from the end of what is loaded');
    assert.equal(asked.at(-1)?.location, 'sh-pudong');
    assert.deepEqual(s.context.slots.slice(0, first.length), first);
    const added = s.context.slots.slice(first.length);
    assert.ok(added.length > 0);
    assert.ok(added.every((slot) => Date.parse(slot.start) >= Date.parse(range.until)));
    assert.equal(new Set(s.context.slots.map((slot) => slot.id)).size, s.context.slots.length);
    assert.equal(Date.parse(s.context.slotRange!.until) - Date.parse(range.until), 7 * 86_400_000);

    // A failed load keeps what is shown and says why; the next try asks for the same range.
    fail = true;
    const shown = s.context.slots;
    const until2 = s.context.slotRange!.until;
    h.actor.send({ type: 'slots.more' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'after the failure');
    assert.equal(s.context.errors.appointment?.code, 'unavailable');
    assert.deepEqual(s.context.slots, shown);
    fail = false;
    h.actor.send({ type: 'slots.more' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', 'again');
    assert.equal(asked.at(-1)?.from, until2);
    assert.equal(s.context.errors.appointment, undefined);
    assert.ok(s.context.slots.length > shown.length);

    // A slot can be picked while the next range loads.
    h.actor.send({ type: 'slots.more' });
    h.actor.send({ type: 'slot.pick', slotId: first[0]!.id });
    assert.equal(region(h.actor.getSnapshot(), 'appointment'), 'details');
  });

  it('offers the demo catalog’s default build a test drive at every showroom it lists', async () => {
    // The default build is the first trim of the first model; most demo showrooms stand other
    // trims of it, so only matching by model (the default) finds times at each of them.
    const catalog = parseCatalog(demoCatalog).catalog;
    const h = startJourney({ catalog });
    const s = await ready(h);
    const { modelId, trimId } = s.context.build!;
    h.actor.send({ type: 'appointment.start', service: 'test-drive' });
    await until(h.actor, (s) => region(s, 'appointment') === 'choosingLocation', 'locations');
    const places = h.actor.getSnapshot().context.locations.map((l) => l.id);
    assert.equal(places.length, 4);
    const withoutTrim: string[] = [];
    for (const id of places) {
      h.actor.send({ type: 'location.pick', locationId: id });
      const at = await until(h.actor, (s) => region(s, 'appointment') === 'choosingSlot', id);
      assert.ok(at.context.slots.length > 0, `times at ${id}`);
      if (!at.context.slots.some((slot) => slot.vehicle?.trimId === trimId)) withoutTrim.push(id);
      h.actor.send({ type: 'location.search' });
      await until(h.actor, (s) => region(s, 'appointment') === 'choosingLocation', 'back to the list');
    }
    assert.ok(
      withoutTrim.length > 0,
      `some showroom has no ${modelId} ${trimId}: matching by trim would show none`,
    );
  });

  it('keeps the choice of matching cars made before the booking starts', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'testDrive.match', match: 'trim' });
    h.actor.send({ type: 'appointment.start', service: 'test-drive' });
    await until(h.actor, (s) => region(s, 'appointment') === 'choosingLocation', 'locations');
    assert.deepEqual(
      h.actor
        .getSnapshot()
        .context.locations.map((l) => l.id)
        .sort(),
      ['sh-pudong', 'tp-xinyi'],
    );
  });

  it('asks for the address of a home test drive before booking it', async () => {
    const h = startJourney();
    let s = await atSlots(h, 'home-test-drive');
    h.actor.send({ type: 'slot.pick', slotId: (s.context.slots[0] as Slot).id });
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'booking.confirm' });
    s = h.actor.getSnapshot();
    assert.equal(region(s, 'appointment'), 'details');
    assert.ok(s.context.errors.appointment?.issues?.some((i) => i.path === 'appointment.address'));
    h.actor.send({
      type: 'address.update',
      address: { street: '88 Century Avenue', city: 'Shanghai', postcode: '200120' },
    });
    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => region(s, 'lead') === 'sent', 'the lead');
    const [lead] = h.source.leads() as [Lead];
    assert.equal(lead.appointment?.service, 'home-test-drive');
    assert.deepEqual(lead.appointment?.address, {
      street: '88 Century Avenue',
      city: 'Shanghai',
      postcode: '200120',
    });
  });

  it('on a 409 shows the nearest free slots and keeps everything the shopper typed', async () => {
    const h = startJourney({ input: { submitOnBooking: false } });
    let s = await atSlots(h);
    const slot = s.context.slots.find((x) => x.remaining === 1) as Slot;
    h.actor.send({ type: 'slot.pick', slotId: slot.id });
    h.actor.send({ type: 'contact.update', ...SHOPPER, comments: 'Weekend mornings' });

    // Another shopper, on another page, takes the last place while this one types.
    const other = startJourney({ source: h.source, uuid: counterUuid(1), input: { submitOnBooking: false } });
    await atSlots(other);
    other.actor.send({ type: 'slot.pick', slotId: slot.id });
    other.actor.send({
      type: 'contact.update',
      contact: { name: 'Zhang San', email: 'zs@example.com' },
      consent: { contact: true },
    });
    other.actor.send({ type: 'booking.confirm' });
    await until(other.actor, (s) => region(s, 'appointment') === 'booked', 'the other booking');

    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'slotTaken', 'the conflict');
    assert.equal(s.context.errors.appointment?.code, 'slot_unavailable');
    assert.equal(s.context.slotTaken, true);
    assert.equal(s.context.slot, null);
    assert.ok(s.context.slots.length > 0, 'alternatives');
    assert.ok(
      s.context.slots.every((x) => x.id !== slot.id),
      'not the taken slot',
    );
    assert.equal(s.context.contact.name, SHOPPER.contact.name);
    assert.equal(s.context.contact.phone, SHOPPER.contact.phone);
    assert.equal(s.context.comments, 'Weekend mornings');
    assert.equal(s.context.consent.contact, true);
    assert.equal(h.emitted.at(-1)?.type, 'error');

    h.actor.send({ type: 'slot.pick', slotId: (s.context.slots[0] as Slot).id });
    assert.equal(region(h.actor.getSnapshot(), 'appointment'), 'details');
    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'booked', 'booked');
    assert.equal(s.context.booking?.start, s.context.slot?.start);
    assert.equal(h.source.bookings().length, 2);
    h.actor.send({ type: 'lead.submit' });
    await until(h.actor, (s) => region(s, 'lead') === 'sent', 'the lead');
    assert.equal(h.source.leads()[0]?.comments, 'Weekend mornings');
  });

  it('retries a booking whose answer was lost with the same key and body: one booking', async () => {
    const seen: { key: string; body: string }[] = [];
    let lose = true;
    const h = startJourney({
      input: { submitOnBooking: false },
      actors: (source) => ({
        book: fromPromise(
          async ({ input }: { input: { request: BookingRequest; idempotencyKey: string } }) => {
            seen.push({ key: input.idempotencyKey, body: JSON.stringify(input.request) });
            const booking = await source.createBooking(input.request, {
              idempotencyKey: input.idempotencyKey,
            });
            if (lose) {
              lose = false;
              throw offline();
            }
            return booking;
          },
        ),
      }),
    });
    let s = await atSlots(h);
    h.actor.send({ type: 'slot.pick', slotId: (s.context.slots[0] as Slot).id });
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => s.context.errors.appointment !== undefined, 'the lost answer');
    assert.equal(region(s, 'appointment'), 'details');
    assert.equal(s.context.errors.appointment?.code, 'offline');
    h.actor.send({ type: 'panel.open', panel: 'finance' });
    h.actor.send({ type: 'booking.confirm' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'booked', 'booked');
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.key, seen[1]?.key);
    assert.equal(seen[0]?.body, seen[1]?.body);
    assert.equal(h.source.bookings().length, 1);
  });

  it('cancels a booking with its manage token and frees the place', async () => {
    const h = startJourney({ input: { submitOnBooking: false } });
    let s = await atSlots(h);
    h.actor.send({ type: 'slot.pick', slotId: (s.context.slots[0] as Slot).id });
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'booking.confirm' });
    await until(h.actor, (s) => region(s, 'appointment') === 'booked', 'booked');
    assert.equal(h.source.bookings().length, 1);
    h.actor.send({ type: 'booking.cancel' });
    s = await until(h.actor, (s) => region(s, 'appointment') === 'idle', 'cancelled');
    assert.equal(s.context.booking, null);
    assert.equal(h.source.bookings().length, 0);
    assert.equal(s.context.steps.at(-1)?.event, 'booking.cancel');
  });
});

describe('journey: lead', () => {
  it('asks for contact details before sending', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'lead.submit' });
    const s = h.actor.getSnapshot();
    assert.equal(region(s, 'lead'), 'idle');
    assert.equal(s.context.errors.lead?.code, 'contact_required');
    assert.deepEqual(s.context.issues.map((i) => i.path).sort(), ['consent.contact', 'customer.name']);
    h.actor.send({
      type: 'contact.update',
      contact: { name: 'Li', phone: '12345' },
      consent: { contact: true },
    });
    h.actor.send({ type: 'lead.submit' });
    assert.deepEqual(
      h.actor.getSnapshot().context.issues.map((i) => i.path),
      ['customer.phone'],
    );
  });

  it('grades the lead from what the shopper compared, opened and changed', async () => {
    const h = startJourney();
    await ready(h);
    h.actor.send({ type: 'build.view', trimId: 'a6-lr' });
    h.actor.send({ type: 'build.view', trimId: 'a6-perf' });
    h.actor.send({ type: 'panel.open', panel: 'finance' });
    h.actor.send({ type: 'panel.open', panel: 'finance' });
    h.actor.send({ type: 'finance.set', termMonths: 60 });
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'lead.submit' });
    await until(h.actor, (s) => region(s, 'lead') === 'sent', 'sent');
    const [lead] = h.source.leads() as [Lead];
    assert.equal(lead.journey?.grade, 'cold');
    assert.deepEqual(lead.journey?.focus.slice(0, 2), [
      'Compared Long Range and Performance',
      'Opened finance twice',
    ]);
    assert.ok(lead.journey?.tags.includes('finance'), 'finance tag');
    assert.deepEqual(lead.interest?.finance?.termMonths, 60);
    assert.deepEqual(
      lead.journey?.steps.map((x) => x.event),
      ['configurator.compare', 'configurator.compare', 'finance.open', 'finance.open', 'finance.set'],
    );
  });

  it('queues the lead while offline and sends the same lead when back online', async () => {
    const sent: Lead[] = [];
    const h = startJourney({
      actors: {
        submitLead: fromPromise(async ({ input }) => {
          sent.push(input.lead);
          if (sent.length === 1) throw offline();
          return { status: 'sent' as const };
        }),
      },
    });
    await ready(h);
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'lead.submit' });
    let s = await until(h.actor, (s) => region(s, 'lead') === 'queued', 'queued');
    assert.equal(s.context.leadQueue, 'journey');
    assert.deepEqual(
      h.emitted.map((e) => e.type),
      ['lead-queued'],
    );
    h.actor.send({ type: 'network.offline' });
    h.actor.send({ type: 'network.online' });
    s = await until(h.actor, (s) => region(s, 'lead') === 'sent', 'sent');
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[0], sent[1]);
    assert.deepEqual(
      h.emitted.map((e) => e.type),
      ['lead-queued', 'lead-sent'],
    );
  });

  it('tells the page when a lead is refused, and sends it once corrected', async () => {
    let calls = 0;
    const h = startJourney({
      actors: {
        submitLead: fromPromise(async () => {
          calls += 1;
          if (calls === 1) {
            throw new ApiError({
              status: 422,
              code: 'invalid_body',
              message: 'Invalid lead',
              issues: [{ path: 'customer.email', message: 'bounces' }],
            });
          }
          return { status: 'sent' as const };
        }),
      },
    });
    await ready(h);
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'lead.submit' });
    const s = await until(h.actor, (s) => region(s, 'lead') === 'failed', 'failed');
    assert.deepEqual(s.context.errors.lead?.issues, [{ path: 'customer.email', message: 'bounces' }]);
    assert.equal(h.emitted.at(-1)?.type, 'lead-failed');
    h.actor.send({ type: 'contact.update', contact: { email: 'wang@example.com' } });
    h.actor.send({ type: 'lead.submit' });
    await until(h.actor, (s) => region(s, 'lead') === 'sent', 'sent');
  });

  it('hands the lead to a connector outbox and follows what the connector reports', async () => {
    const h = startJourney({
      actors: { submitLead: fromPromise(async () => ({ status: 'queued' as const })) },
    });
    await ready(h);
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'lead.submit' });
    let s = await until(h.actor, (s) => region(s, 'lead') === 'queued', 'queued');
    assert.equal(s.context.leadQueue, 'connector');
    h.actor.send({ type: 'network.online' });
    assert.equal(region(h.actor.getSnapshot(), 'lead'), 'queued', 'the outbox resends, not the journey');
    h.actor.send({ type: 'lead.delivered', leadId: 'someone-else' });
    assert.equal(region(h.actor.getSnapshot(), 'lead'), 'queued');
    h.actor.send({ type: 'lead.delivered', leadId: s.context.leadId });
    s = h.actor.getSnapshot();
    assert.equal(region(s, 'lead'), 'sent');
    assert.deepEqual(
      h.emitted.map((e) => e.type),
      ['lead-queued', 'lead-sent'],
    );
  });
});

describe('journey: reset', () => {
  it('wipes the shopper’s journey, keeps the catalog and starts a new lead', async () => {
    const h = startJourney();
    await ready(h);
    const before = h.actor.getSnapshot().context;
    h.actor.send({ type: 'build.select', optionId: 'paint-red' });
    h.actor.send({ type: 'contact.update', ...SHOPPER });
    h.actor.send({ type: 'appointment.start', service: 'video' });
    h.actor.send({ type: 'journey.reset' });
    const s = h.actor.getSnapshot();
    assert.equal(s.context.contact.name, '');
    assert.equal(s.context.consent.contact, false);
    assert.equal(s.context.steps.length, 0);
    assert.equal(s.context.appointment, null);
    assert.equal(s.context.configId, 'a6~a6-lr~paint-white~wheel-19');
    assert.equal(s.context.catalog, before.catalog);
    assert.notEqual(s.context.leadId, before.leadId);
    assert.deepEqual(region(s, 'build'), { ready: 'idle' });
    assert.equal(region(s, 'appointment'), 'idle');
    assert.equal(h.emitted.at(-1)?.type, 'journey-reset');
  });
});

describe('journey: createJourney', () => {
  it('hands leads to a connector and follows its outbox reports for this lead only', async () => {
    const listeners = new Set<(event: { type: string; id?: string }) => void>();
    const sent: Lead[] = [];
    const connector = {
      send: async (lead: Lead) => {
        sent.push(lead);
        return { id: lead.id, status: 'queued' as const };
      },
      subscribe: (listener: (event: { type: string; id?: string }) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const catalog = testCatalog();
    const journey = await createJourney({
      channel: 'dealer-site',
      locale: 'en',
      source: createMemorySource({ catalog, seed: 5 }),
      connector,
      storage: null,
      network: null,
    });
    const { actor } = journey;
    await until(actor, (s) => s.matches({ active: { build: { ready: 'idle' } } }), 'the build');
    actor.send({ type: 'contact.update', ...SHOPPER });
    actor.send({ type: 'lead.submit' });
    await until(actor, (s) => region(s, 'lead') === 'queued', 'queued');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.source.channel, 'dealer-site');
    for (const listener of listeners) listener({ type: 'delivered', id: 'another-lead' });
    assert.equal(region(actor.getSnapshot(), 'lead'), 'queued');
    for (const listener of listeners) listener({ type: 'delivered', id: sent[0]?.id });
    assert.equal(region(actor.getSnapshot(), 'lead'), 'sent');
    journey.stop();
    assert.equal(listeners.size, 0, 'stop() unsubscribes');
  });
});
