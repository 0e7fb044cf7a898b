import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CatalogError,
  ConfigIdError,
  ConfiguratorError,
  configId,
  createConfigurator,
  parseCatalog,
  parseConfigId,
  type Build,
  type Change,
  type Proposal,
} from '@showroom/core';
import { demoCatalog } from '@showroom/core/demo';
import { firstModel, specCatalog } from './support/fixtures.js';

const { catalog } = parseCatalog(demoCatalog);
const a6 = createConfigurator(catalog, 'a6');
const s7 = createConfigurator(catalog, 's7');
const e3 = createConfigurator(catalog, 'e3');

/** A change as a shopper reads it: `+wheel-21 sport-wheels`, `-wheel-19 sport-wheels/wheels`. */
function line(c: Change): string {
  const why = [c.because.ruleId, c.because.groupId, c.because.trim && `trim:${c.because.trim}`].filter(
    Boolean,
  );
  return `${c.action === 'added' ? '+' : '-'}${c.optionId} ${why.join('/')}`;
}

function accepted(p: Proposal): Extract<Proposal, { ok: true }> {
  assert.ok(p.ok, `expected a proposal, got ${JSON.stringify(p)}`);
  return p;
}

function refused(p: Proposal): Extract<Proposal, { ok: false }> {
  assert.ok(!p.ok, `expected a refusal, got ${JSON.stringify(p)}`);
  return p;
}

/** Applies a proposal that must hold exactly `lines` and return its build. */
function expectChanges(p: Proposal, lines: string[], priceDelta?: number): Build {
  const ok = accepted(p);
  assert.deepEqual(ok.changes.map(line), lines);
  if (priceDelta !== undefined) assert.equal(ok.priceDelta, priceDelta);
  assert.deepEqual(createConfigurator(catalog, ok.build.modelId).validate(ok.build), []);
  return ok.build;
}

const lr = a6.start('a6-lr');
const perf = a6.start('a6-perf');
const sr = a6.start('a6-sr');

describe('configurator on the demo catalog', () => {
  it('starts each trim on its standard options', () => {
    assert.equal(configId(a6.start()), 'a6~a6-sr~int-black~paint-white~seat-5~wheel-19');
    assert.equal(configId(lr), 'a6~a6-lr~int-black~paint-white~seat-5~surround-cam~wheel-19');
    assert.deepEqual(perf.options, [...catalog.models[0]!.trims[2]!.standard].sort());
    assert.throws(() => a6.start('a6-gt'), ConfiguratorError);
  });

  it('applies a pick that breaks nothing without other changes', () => {
    const p = accepted(a6.select(lr, 'paint-blue'));
    assert.deepEqual(p.changes, []);
    assert.equal(p.priceDelta, 9000);
    assert.ok(p.build.options.includes('paint-blue') && !p.build.options.includes('paint-white'));
  });

  it('requires: the Sport package brings 21-inch wheels, and includes its seats and calipers', () => {
    expectChanges(
      a6.select(lr, 'pkg-sport'),
      [
        '-wheel-19 sport-wheels/wheels',
        '+wheel-21 sport-wheels',
        '+caliper-red sport-bundle',
        '+sport-seats sport-bundle',
      ],
      15000 + 9000,
    );
  });

  it('breaks ties on the lower price: the cheapest wheels that satisfy the rule', () => {
    const sport = accepted(a6.select(lr, 'pkg-sport')).build;
    // Taking the 21-inch wheels off keeps the Sport package: forged (19 000) before 22-inch (24 000).
    expectChanges(a6.deselect(sport, 'wheel-21'), ['+wheel-21-forged sport-wheels'], 10000);
    // A bike carrier needs a roof rack (2 800) or a tow bar (5 000).
    expectChanges(a6.select(lr, 'acc-bike-carrier'), ['+acc-roof-rack bike-mount'], 3200 + 2800);
  });

  it('includes: the Premium package adds its items at no charge, and they are fixed while it applies', () => {
    const premium = expectChanges(
      a6.select(lr, 'pkg-premium'),
      ['+hifi premium-bundle', '+seat-vent premium-bundle', '+seat-massage premium-bundle'],
      20000,
    );
    const states = a6.states(premium);
    assert.equal(states.get('hifi')!.state, 'included');
    assert.deepEqual(
      states.get('hifi')!.reasons.map((r) => [r.code, r.ruleId]),
      [['rule', 'premium-bundle']],
    );
    assert.deepEqual(
      states.get('hifi')!.reasons[0]!.message,
      demoCatalog.models[0]!.rules!.find((r) => r.id === 'premium-bundle')!.message,
    );
    assert.equal(states.get('seat-massage')!.hidden, true);
    const lines = a6.price(premium).options.filter((o) => o.status === 'included');
    assert.deepEqual(
      lines.map((o) => [o.optionId, o.price, o.listPrice, o.ruleId]),
      [
        ['hifi', 0, 6000, 'premium-bundle'],
        ['seat-vent', 0, 3000, 'premium-bundle'],
        ['seat-massage', 0, 4000, 'premium-bundle'],
      ],
    );
  });

  it('removing a package removes what it brought; removing an included item removes the package', () => {
    const premium = accepted(a6.select(lr, 'pkg-premium')).build;
    expectChanges(
      a6.deselect(premium, 'pkg-premium'),
      ['-hifi premium-bundle', '-seat-vent premium-bundle', '-seat-massage premium-bundle'],
      -20000,
    );
    expectChanges(
      a6.deselect(premium, 'hifi'),
      ['-pkg-premium premium-bundle', '-seat-vent premium-bundle', '-seat-massage premium-bundle'],
      -20000,
    );
  });

  it('treats an option a package includes as part of it, even if picked before it', () => {
    const withHifi = accepted(a6.select(lr, 'hifi')).build;
    const premium = expectChanges(a6.select(withHifi, 'pkg-premium'), [
      '+seat-vent premium-bundle',
      '+seat-massage premium-bundle',
    ]);
    // A build carries no history: hifi is now included, so it leaves with the package.
    expectChanges(a6.deselect(premium, 'pkg-premium'), [
      '-hifi premium-bundle',
      '-seat-vent premium-bundle',
      '-seat-massage premium-bundle',
    ]);
  });

  it('excludes on a trim: the Performance refuses white paint and the tow bar, naming the rule', () => {
    const white = refused(a6.select(perf, 'paint-white'));
    assert.deepEqual(
      white.reasons.map((r) => r.ruleId),
      ['perf-paint'],
    );
    assert.equal((white.reasons[0]!.message as Record<string, string>)['zh-CN'], '高性能版不提供雪山白车漆');
    assert.deepEqual(
      refused(a6.select(perf, 'pkg-tow')).reasons.map((r) => r.ruleId),
      ['perf-no-tow'],
    );
    const state = a6.states(perf).get('paint-white')!;
    assert.equal(state.state, 'unavailable');
    assert.deepEqual(
      state.reasons.map((r) => r.ruleId),
      ['perf-paint'],
    );
  });

  it('requires a trim: the Premium package and captain chairs are refused on the Standard Range', () => {
    assert.deepEqual(
      refused(a6.select(sr, 'pkg-premium')).reasons.map((r) => r.ruleId),
      ['premium-upper'],
    );
    assert.deepEqual(
      refused(a6.select(sr, 'seat-6')).reasons.map((r) => r.ruleId),
      ['captain-upper'],
    );
    assert.deepEqual(
      refused(a6.select(sr, 'wheel-22')).reasons.map((r) => r.ruleId),
      ['sr-forged'],
    );
  });

  it('excludes between options: an interior that clashes with the new paint is swapped for the cheapest one', () => {
    const red = expectChanges(a6.select(perf, 'int-red'), [], 10000);
    expectChanges(
      a6.select(red, 'paint-green'),
      ['+int-black clash-green-red/interior', '-int-red clash-green-red'],
      9000 - 10000,
    );
    const fridge = accepted(a6.select(lr, 'fridge')).build;
    expectChanges(a6.select(fridge, 'seat-7'), ['-fridge fridge-layout'], 8000 - 2500);
  });

  it('a package whose contents clash with a pick leaves, rather than the pick being refused', () => {
    const sport = expectChanges(a6.select(perf, 'pkg-sport'), [
      '-air-suspension sport-springs',
      '+sport-seats sport-bundle',
    ]);
    // Yellow calipers replace the red ones the Sport package fixes, so the package goes.
    expectChanges(
      a6.select(sport, 'caliper-yellow'),
      ['-pkg-sport sport-bundle', '-sport-seats sport-bundle'],
      2500 - 15000,
    );
  });

  it('a refused pick names every rule that together forbids it', () => {
    const sport = accepted(a6.select(sr, 'pkg-sport')).build;
    // On the Standard Range yellow calipers need the Sport package, which fixes red ones.
    const p = refused(a6.select(sport, 'caliper-yellow'));
    assert.deepEqual(
      p.reasons.map((r) => r.ruleId),
      ['sport-bundle', 'calipers-sport'],
    );
  });

  it('hidden options: picking one brings the package that includes it, or is refused when none can', () => {
    expectChanges(
      a6.select(lr, 'lidar'),
      // The Long Range has the 360° cameras as standard already.
      ['+pkg-pilot pilot-bundle'],
      25000,
    );
    const refusal = refused(a6.select(sr, 'lidar'));
    assert.deepEqual(
      refusal.reasons.map((r) => r.code),
      ['hidden', 'rule'],
    );
    assert.equal(refusal.reasons[1]!.ruleId, 'pilot-upper');
    const state = a6.states(lr).get('lidar')!;
    assert.deepEqual([state.state, state.hidden], ['available-with-changes', true]);
  });

  it('accessories that need other accessories', () => {
    expectChanges(a6.select(lr, 'acc-tent'), ['+acc-roof-rack tent-rack'], 9800 + 2800);
    expectChanges(a6.select(sr, 'auto-park'), ['+surround-cam park-cameras'], 3000 + 2500);
    // S7: the roof box needs roof bars, which the standard glass roof of the AWD rules out.
    expectChanges(
      s7.select(s7.start('s7-awd'), 'acc-roof-box'),
      ['-glass-roof glass-roof-bars', '+acc-roof-bars roof-box-bars'],
      4800 + 2200,
    );
  });

  it('switching trim follows the new standard options and explains what the trim forces', () => {
    expectChanges(
      a6.select(lr, 'trim:a6-perf'),
      [
        '-paint-white perf-paint',
        '+paint-red perf-paint/paint/trim:a6-perf',
        '-wheel-19 perf-wheels',
        '+wheel-21 perf-wheels/wheels/trim:a6-perf',
        '+caliper-red trim:a6-perf',
        '+hud trim:a6-perf',
        '+air-suspension trim:a6-perf',
      ],
      50000,
    );
  });

  it("switching trim keeps the shopper's own options where the new trim allows them", () => {
    let build = accepted(a6.select(lr, 'paint-blue')).build;
    build = accepted(a6.select(build, 'acc-mats')).build;
    build = accepted(a6.select(build, 'wheel-20')).build;
    const p = accepted(a6.select(build, 'trim:a6-perf'));
    for (const kept of ['paint-blue', 'acc-mats', 'wheel-20'])
      assert.ok(p.build.options.includes(kept), kept);
    assert.deepEqual(p.changes.map(line), [
      '+caliper-red trim:a6-perf',
      '+hud trim:a6-perf',
      '+air-suspension trim:a6-perf',
    ]);
    // And back: the Performance extras were its standard options, so they go with it.
    const back = accepted(a6.select(p.build, 'trim:a6-lr'));
    assert.equal(configId(back.build), configId(build));
  });

  it('switching to a trim that forbids a package drops the package and what it brought', () => {
    const premium = accepted(a6.select(lr, 'pkg-premium')).build;
    expectChanges(
      a6.select(premium, 'trim:a6-sr'),
      [
        '-pkg-premium premium-upper',
        '-hifi premium-bundle',
        '-seat-vent premium-bundle',
        '-seat-massage premium-bundle',
        '-surround-cam trim:a6-sr',
      ],
      -40000 - 20000,
    );
  });

  it('E3: a launch colour brings its package, whose wheels and roof come fixed', () => {
    const city = e3.start('e3-city');
    expectChanges(
      e3.select(city, 'paint-sunset'),
      [
        '+roof-black style-bundle',
        '-wheel-16 style-bundle/wheels',
        '+wheel-17-style style-bundle',
        '+pkg-style sunset-style',
        '+ambient-light style-bundle',
      ],
      5000 + 6000,
    );
    const black = accepted(e3.select(city, 'paint-black')).build;
    // The Style package's black roof must contrast with the body: black paint goes for the cheapest other.
    expectChanges(e3.select(black, 'pkg-style'), [
      '+paint-white roof-contrast-black/paint',
      '-paint-black roof-contrast-black',
      '+roof-black style-bundle',
      '-wheel-16 style-bundle/wheels',
      '+wheel-17-style style-bundle',
      '+ambient-light style-bundle',
    ]);
    assert.deepEqual(
      refused(e3.select(city, 'pkg-tech')).reasons.map((r) => r.ruleId),
      ['tech-plus'],
    );
  });

  it('S7: GT-only choices are refused elsewhere and their state says why', () => {
    const rwd = s7.start('s7-rwd');
    assert.deepEqual(
      refused(s7.select(rwd, 'paint-yellow')).reasons.map((r) => r.ruleId),
      ['yellow-gt'],
    );
    const states = s7.states(rwd);
    assert.deepEqual(
      states.get('pkg-carbon')!.reasons.map((r) => r.ruleId),
      ['carbon-gt'],
    );
    assert.equal(states.get('wheel-21')!.state, 'unavailable');
    expectChanges(
      s7.select(s7.start('s7-gt'), 'pkg-carbon'),
      ['+spoiler-carbon carbon-bundle', '+mirror-carbon carbon-bundle'],
      28000,
    );
  });

  it('gives every option a state with reasons an element can show', () => {
    const states = a6.states(sr);
    assert.equal(states.size, 55);
    assert.deepEqual(
      [...states.values()].reduce<Record<string, number>>(
        (n, s) => ({ ...n, [s.state]: (n[s.state] ?? 0) + 1 }),
        {},
      ),
      { selected: 4, available: 28, unavailable: 11, 'available-with-changes': 12 },
    );
    assert.deepEqual(states.get('paint-white'), { state: 'selected', reasons: [], price: 0, hidden: false });
    assert.deepEqual(states.get('paint-red'), {
      state: 'available',
      reasons: [],
      price: 12000,
      hidden: false,
    });
    const sport = states.get('pkg-sport')!;
    assert.equal(sport.state, 'available-with-changes');
    assert.deepEqual(
      sport.reasons.map((r) => r.ruleId),
      ['sport-wheels', 'sport-bundle'],
    );
    assert.deepEqual(states.get('sport-seats')!.reasons, [{ code: 'hidden', optionId: 'sport-seats' }]);
    // Every state agrees with what a pick does.
    for (const [id, state] of states) {
      if (state.state === 'selected' || state.state === 'included') continue;
      const p = a6.select(sr, id);
      if (state.state === 'unavailable') assert.equal(p.ok, false, id);
      else assert.equal(p.ok && p.changes.length === 0, state.state === 'available', id);
    }
  });

  it('refuses unknown ids and builds of another model with a reason, never an exception', () => {
    assert.deepEqual(refused(a6.select(lr, 'warp-drive')).reasons, [
      { code: 'unknown-option', optionId: 'warp-drive' },
    ]);
    assert.deepEqual(refused(a6.deselect(lr, 'warp-drive')).reasons, [
      { code: 'unknown-option', optionId: 'warp-drive' },
    ]);
    assert.deepEqual(refused(a6.select(lr, 'trim:a6-gt')).reasons, [
      { code: 'unknown-trim', trimId: 'a6-gt' },
    ]);
    assert.deepEqual(
      refused(a6.deselect(lr, 'trim:a6-lr')).reasons.map((r) => r.code),
      ['not-applicable'],
    );
    assert.deepEqual(refused(a6.select(e3.start(), 'paint-red')).reasons, [{ code: 'wrong-model' }]);
    assert.deepEqual(
      refused(a6.select({ modelId: 'a6', trimId: 'a6-x', options: [] }, 'paint-red')).reasons,
      [{ code: 'unknown-trim', trimId: 'a6-x' }],
    );
    assert.throws(() => a6.price(e3.start()), ConfiguratorError);
  });

  it('repairs a build saved under an older catalog, dropping ids it no longer knows', () => {
    const old: Build = {
      modelId: 'a6',
      trimId: 'a6-perf',
      options: ['paint-white', 'wheel-21', 'int-black', 'seat-5', 'rear-spoiler'],
    };
    const issues = a6.validate(old);
    assert.deepEqual(
      issues.map((i) => i.code),
      ['unknown-option', 'rule-excludes'],
    );
    const p = accepted(a6.repair(old));
    // Red is the Performance's standard paint, so it is free: the cheapest replacement.
    assert.deepEqual(p.changes.map(line), [
      '-rear-spoiler ',
      '-paint-white perf-paint',
      '+paint-red perf-paint/paint',
    ]);
    assert.deepEqual(p.changes[0]!.because, {});
  });

  it('validates builds: cardinality, hidden options, every kind of rule', () => {
    const issues = a6.validate({
      modelId: 'a6',
      trimId: 'a6-sr',
      options: [
        'paint-white',
        'paint-red',
        'lidar',
        'pkg-sport',
        'pkg-premium',
        'wheel-19',
        'fridge',
        'seat-7',
      ],
    });
    assert.deepEqual(
      issues.map((i) => [i.code, i.groupId ?? i.optionId ?? '', i.ruleId ?? '']),
      [
        ['group-too-many', 'paint', ''],
        ['group-missing', 'interior', ''],
        ['hidden', 'lidar', ''],
        ['rule-requires', '', 'sport-wheels'],
        ['rule-includes', 'sport-seats', 'sport-bundle'],
        ['rule-includes', 'caliper-red', 'sport-bundle'],
        ['rule-excludes', '', 'fridge-layout'],
        ['rule-includes', 'hifi', 'premium-bundle'],
        ['rule-includes', 'seat-vent', 'premium-bundle'],
        ['rule-includes', 'seat-massage', 'premium-bundle'],
        ['rule-requires', '', 'premium-upper'],
      ],
    );
    assert.deepEqual(a6.validate(lr), []);
  });
});

describe('config ids', () => {
  it('are modelId~trimId~ then the option ids in code-point order', () => {
    assert.equal(
      configId({ modelId: 'a6', trimId: 'a6-lr', options: ['wheel-19', 'paint-white', 'Z', 'a-b', 'a'] }),
      'a6~a6-lr~Z~a~a-b~paint-white~wheel-19',
    );
    assert.equal(configId({ modelId: 'a6', trimId: 'a6-lr', options: [] }), 'a6~a6-lr~');
    assert.equal(configId({ modelId: 'm', trimId: 't', options: ['b', 'a', 'b'] }), 'm~t~a~b');
  });

  it('read back into builds, also without the trailing separator', () => {
    assert.deepEqual(parseConfigId('a6~a6-lr~wheel-19~paint-white'), {
      modelId: 'a6',
      trimId: 'a6-lr',
      options: ['paint-white', 'wheel-19'],
    });
    assert.deepEqual(parseConfigId('a6~a6-lr~'), { modelId: 'a6', trimId: 'a6-lr', options: [] });
    assert.deepEqual(parseConfigId('a6~a6-lr'), { modelId: 'a6', trimId: 'a6-lr', options: [] });
    const build = accepted(a6.select(lr, 'pkg-premium')).build;
    assert.deepEqual(parseConfigId(configId(build)), build);
  });

  it('refuse malformed ids with a ConfigIdError', () => {
    for (const bad of ['a6', '', '~a6-lr~x', 'a6~a6-lr~x~x', 'a6~a6 lr~x', 'a6~a6-lr~~x', 'a6~trim:x~']) {
      assert.throws(() => parseConfigId(bad), ConfigIdError, bad);
    }
  });
});

describe('createConfigurator', () => {
  it('refuses an unknown model, and a catalog whose rules do not compile', () => {
    assert.throws(
      () => createConfigurator(catalog, 'a9'),
      /Unknown model "a9"; the catalog has "a6", "s7", "e3"/,
    );
    const broken = specCatalog();
    firstModel(broken).rules[0].requires = 'wheel-21 |';
    const unchecked = { ...parseCatalog(specCatalog()).catalog, models: broken.models } as typeof catalog;
    assert.throws(() => createConfigurator(unchecked, 'a6'), CatalogError);
  });
});
