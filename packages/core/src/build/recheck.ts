import type { BuildChange, BuildSpec } from '../api/schemas.js';
import type { Catalog } from '../catalog/index.js';
import { createConfigurator } from '../configurator/index.js';
import type { Build, Configurator } from '../configurator/index.js';
import type { PriceSummary } from '../lead/schema.js';

/** What {@link recheckBuild} found. */
export interface BuildRecheck {
  /** True when the saved build is valid as it is in this catalog. */
  buildable: boolean;
  /** What the nearest valid build changes (empty when buildable, or when there is none). */
  changes: BuildChange[];
  /** The valid build nearest to the saved one (the build itself when buildable); null when none. */
  nearest: BuildSpec | null;
  /** Today's price of `nearest`. */
  price: PriceSummary | null;
}

function summary(cfg: Configurator, build: Build): PriceSummary {
  const p = cfg.price(build);
  return { currency: p.currency, total: p.total, base: p.base, options: p.optionsTotal, fees: p.feesTotal };
}

function spec(build: Build): BuildSpec {
  return { modelId: build.modelId, trimId: build.trimId, options: [...build.options] };
}

/**
 * Checks a saved build against today's catalog: whether it is still buildable and, when the
 * catalog moved on, the nearest valid build and what it changes (options removed or added,
 * with the rule or group that forced each, and its price effect).
 *
 * A build whose trim is gone moves to the model's first trim (a `trim:<old>` removed and a
 * `trim:<new>` added change lead the list); a build whose model is gone has no nearest build.
 * Never throws for a well-formed build; a catalog with errors throws `CatalogError`.
 */
export function recheckBuild(catalog: Catalog, saved: { build: BuildSpec }): BuildRecheck {
  const { modelId, trimId } = saved.build;
  const model = catalog.models.find((m) => m.id === modelId);
  if (!model) {
    return {
      buildable: false,
      changes: [
        {
          optionId: `trim:${trimId}`,
          action: 'removed',
          message: `The model ${modelId} is no longer offered`,
        },
      ],
      nearest: null,
      price: null,
    };
  }
  const cfg = createConfigurator(catalog, modelId);
  const trimKept = model.trims.some((t) => t.id === trimId);
  const firstTrim = model.trims[0]?.id ?? trimId;
  const build: Build = { modelId, trimId: trimKept ? trimId : firstTrim, options: saved.build.options };

  if (trimKept && cfg.validate(build).length === 0) {
    return { buildable: true, changes: [], nearest: spec(build), price: summary(cfg, build) };
  }
  const trimChanges: BuildChange[] = trimKept
    ? []
    : [
        { optionId: `trim:${trimId}`, action: 'removed', message: `The ${trimId} trim is no longer offered` },
        { optionId: `trim:${firstTrim}`, action: 'added' },
      ];
  const proposal = cfg.repair(build);
  if (!proposal.ok) return { buildable: false, changes: trimChanges, nearest: null, price: null };
  const changes: BuildChange[] = proposal.changes.map((c) => ({
    optionId: c.optionId,
    action: c.action,
    because: {
      ...(c.because.ruleId ? { ruleId: c.because.ruleId } : {}),
      ...(c.because.groupId ? { groupId: c.because.groupId } : {}),
      ...(c.because.trim ? { trim: c.because.trim } : {}),
    },
    priceDelta: c.priceDelta,
  }));
  // Option ids the catalog no longer has are dropped by the repair: name them too.
  const known = new Set(model.groups.flatMap((g) => g.options.map((o) => o.id)));
  for (const optionId of saved.build.options) {
    if (!known.has(optionId) && !changes.some((c) => c.optionId === optionId)) {
      changes.push({ optionId, action: 'removed', message: 'No longer offered' });
    }
  }
  return {
    buildable: false,
    changes: [...trimChanges, ...changes],
    nearest: spec(proposal.build),
    price: summary(cfg, proposal.build),
  };
}
