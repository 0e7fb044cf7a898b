/**
 * The agreement check between the configurator and the brute-force reference, for one catalog:
 * start, select and deselect of every option, every trim switch and repair on a few builds
 * (the default, valid ones, an arbitrary one), states, price and validate.
 */
import assert from 'node:assert/strict';
import {
  CatalogSchema,
  configId,
  createConfigurator,
  type Build,
  type CatalogInput,
  type Configurator,
  type Proposal,
} from '@showroom/core';
import { BruteForce } from './brute-force.js';

/** The builds each property run tries picks on: the default, some valid ones, one arbitrary. */
function buildsToTry(bf: BruteForce, trimId: string, seed: number): number[] {
  const valid = bf.valid.get(trimId)!;
  const masks = new Set<number>();
  const start = bf.start(trimId);
  if (start !== null) masks.add(start);
  if (valid.length) {
    masks.add(valid[seed % valid.length]!);
    masks.add(valid[(seed * 7919) % valid.length]!);
  }
  masks.add((seed * 2654435761) % (1 << bf.ids.length));
  return [...masks];
}

function assertProposal(
  bf: BruteForce,
  proposal: Proposal,
  expected: number | null,
  from: { trimId: string; mask: number },
  to: string,
  excluded: number,
  label: string,
): void {
  if (expected === null) {
    assert.equal(proposal.ok, false, `${label}: expected a refusal, got ${JSON.stringify(proposal)}`);
    if (!proposal.ok) assert.ok(proposal.reasons.length > 0, `${label}: a refusal names reasons`);
    return;
  }
  assert.ok(
    proposal.ok,
    `${label}: expected ${bf.configIdOf(to, expected)}, got ${JSON.stringify(proposal)}`,
  );
  assert.equal(configId(proposal.build), bf.configIdOf(to, expected), label);
  assert.deepEqual(proposal.build.options, bf.optionsOf(expected), `${label}: options in code-point order`);
  const changed = (from.mask ^ expected) & ~excluded;
  const wanted = bf.ids
    .filter((_, i) => (changed >> i) & 1)
    .map((id) => `${bf.has(expected, id) ? 'added' : 'removed'} ${id}`)
    .sort();
  assert.deepEqual(
    proposal.changes.map((c) => `${c.action} ${c.optionId}`).sort(),
    wanted,
    `${label}: changes`,
  );
  for (const c of proposal.changes) {
    assert.ok(
      c.because.ruleId || c.because.groupId || c.because.trim || c.because.hidden,
      `${label}: ${c.optionId} has a cause`,
    );
  }
  assert.equal(
    proposal.priceDelta,
    bf.price(to, expected) - bf.price(from.trimId, from.mask),
    `${label}: priceDelta`,
  );
}

function checkStates(bf: BruteForce, cfg: Configurator, build: Build, mask: number): void {
  const states = cfg.states(build);
  assert.equal(states.size, bf.ids.length);
  for (const group of bf.model.groups) {
    for (const option of group.options) {
      const id = option.id;
      const state = states.get(id)!;
      const label = `${configId(build)} state of ${id}`;
      if (bf.has(mask, id)) {
        assert.equal(state.state, bf.included(build.trimId, mask, id) ? 'included' : 'selected', label);
        continue;
      }
      let picked = mask | (1 << bf.bit.get(id)!);
      if (group.cardinality !== 'any')
        for (const o of group.options) if (o.id !== id) picked &= ~(1 << bf.bit.get(o.id)!);
      // Available: the pick changes nothing else (the pick alone is valid, and no option that
      // came with a package goes with it).
      const expected =
        bf.isValid(build.trimId, picked) && bf.pick(build.trimId, mask, id, 1) === picked
          ? 'available'
          : bf.canHold(build.trimId, id)
            ? 'available-with-changes'
            : 'unavailable';
      assert.equal(state.state, expected, label);
      if (expected === 'unavailable') assert.ok(state.reasons.length > 0, `${label}: names its reasons`);
      // The state agrees with what a pick does.
      const proposal = cfg.select(build, id);
      assert.equal(
        proposal.ok && proposal.changes.length === 0,
        expected === 'available',
        `${label} vs select`,
      );
    }
  }
}

/** Checks every engine answer on one random catalog against the brute force. */
export function agreesWithBruteForce(raw: CatalogInput, seed: number): void {
  const catalog = CatalogSchema.parse(raw);
  const model = catalog.models[0]!;
  const bf = new BruteForce(catalog, model);
  const cfg = createConfigurator(catalog, model.id);
  for (const trim of model.trims) {
    const start = bf.start(trim.id);
    if (start === null) assert.throws(() => cfg.start(trim.id), /no valid build/);
    else assert.equal(configId(cfg.start(trim.id)), bf.configIdOf(trim.id, start), `start ${trim.id}`);

    for (const mask of buildsToTry(bf, trim.id, seed)) {
      const build: Build = { modelId: model.id, trimId: trim.id, options: bf.optionsOf(mask) };
      const from = { trimId: trim.id, mask };
      const at = configId(build);
      for (const group of model.groups) {
        const groupMask = bf.maskOf(group.options.map((o) => o.id));
        for (const option of group.options) {
          const bit = 1 << bf.bit.get(option.id)!;
          const excluded = group.cardinality === 'any' ? bit : groupMask;
          assertProposal(
            bf,
            cfg.select(build, option.id),
            bf.pick(trim.id, mask, option.id, 1),
            from,
            trim.id,
            excluded,
            `${at} select ${option.id}`,
          );
          assertProposal(
            bf,
            cfg.deselect(build, option.id),
            bf.pick(trim.id, mask, option.id, 0),
            from,
            trim.id,
            bit,
            `${at} deselect ${option.id}`,
          );
        }
      }
      for (const other of model.trims) {
        assertProposal(
          bf,
          cfg.select(build, `trim:${other.id}`),
          bf.switchTrim(trim.id, mask, other.id),
          from,
          other.id,
          0,
          `${at} switch to ${other.id}`,
        );
      }
      assertProposal(bf, cfg.repair(build), bf.repair(trim.id, mask), from, trim.id, 0, `${at} repair`);
      assert.equal(cfg.price(build).total, bf.price(trim.id, mask), `${at} price`);
      assert.deepEqual(cfg.validate(build).length === 0, bf.isValid(trim.id, mask), `${at} validate`);
      if (bf.valid.get(trim.id)!.length) checkStates(bf, cfg, build, mask);
    }
  }
}
