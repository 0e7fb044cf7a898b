import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configId, createConfigurator, parseCatalog, type Build } from '@showroom/core';
import { largeCatalog, prng } from './support/large-catalog.js';

/**
 * The engine on a generated model of 300 options and 800 rules, beyond brute force: every
 * answer is checked for what can be checked without enumerating (valid, holds the pick, lists
 * exactly what changed, and no single change could be undone).
 */
describe('configurator on a generated 300-option, 800-rule model', () => {
  const { catalog, warnings } = parseCatalog(largeCatalog());
  const model = catalog.models[0]!;
  const cfg = createConfigurator(catalog, model.id);
  const packageRules = new Set(model.rules.filter((r) => r.includes?.length).map((r) => r.id));
  const visible = model.groups.flatMap((g) => g.options.filter((o) => !o.hidden).map((o) => o.id));

  it('lints without errors', () => {
    assert.equal(model.groups.flatMap((g) => g.options).length, 300);
    assert.equal(model.rules.length, 800);
    assert.ok(warnings.every((w) => w.severity === 'warning'));
  });

  it('answers a long shopper session with valid, minimal proposals', () => {
    let checked = 0;
    const random = prng(42);
    let build: Build = cfg.start('mid');
    let accepted = 0;
    for (let i = 0; i < 150; i++) {
      const id =
        random() < 0.05
          ? `trim:${['base', 'mid', 'top'][Math.floor(random() * 3)]}`
          : visible[Math.floor(random() * visible.length)]!;
      const removing = !id.startsWith('trim:') && build.options.includes(id);
      const p = removing ? cfg.deselect(build, id) : cfg.select(build, id);
      if (!p.ok) {
        assert.ok(p.reasons.length > 0, `${id} refused without reasons`);
        assert.equal(
          cfg.states(build).get(id)?.state ?? 'unavailable',
          'unavailable',
          `${id} refused but not unavailable`,
        );
        continue;
      }
      accepted++;
      assert.deepEqual(cfg.validate(p.build), [], `${configId(build)} ${id}`);
      if (id.startsWith('trim:')) assert.equal(p.build.trimId, id.slice(5));
      else assert.equal(p.build.options.includes(id), !removing);
      const before = new Set(build.options);
      const after = new Set(p.build.options);
      for (const c of p.changes) {
        assert.equal(
          c.action === 'added',
          after.has(c.optionId) && !before.has(c.optionId),
          `${id}: ${c.optionId}`,
        );
        assert.ok(
          c.because.ruleId || c.because.groupId || c.because.trim || c.because.hidden,
          `${id}: ${c.optionId} has a cause`,
        );
      }
      // No change could simply be undone, except those about packages: an option that came with
      // one may stay without it (valid, but it costs as much as dropping it).
      if (!id.startsWith('trim:')) {
        for (const c of p.changes) {
          if (c.because.ruleId && packageRules.has(c.because.ruleId)) continue;
          const undone =
            c.action === 'added'
              ? p.build.options.filter((o) => o !== c.optionId)
              : [...p.build.options, c.optionId];
          assert.notDeepEqual(
            cfg.validate({ ...p.build, options: undone }),
            [],
            `${id}: undoing ${c.optionId} is valid`,
          );
          checked++;
        }
      }
      build = p.build;
    }
    assert.ok(accepted > 100, `${accepted} picks accepted`);
    assert.ok(checked > 50, `${checked} changes checked`);
  });
});
