import type { Catalog } from '../catalog/schema.js';
import { createConfigurator } from '../configurator/configurator.js';
import type { Configurator } from '../configurator/configurator.js';
import type { Build } from '../configurator/build.js';
import type { Change, Reason } from '../configurator/types.js';
import { resolveText } from '../i18n/text.js';

/** Makes the configurator of one catalog model; core's `createConfigurator` by default. */
export type JourneyEngine = (catalog: Catalog, modelId: string) => Configurator;

/**
 * Memoises `engine` per catalog object and model, so a snapshot can carry the catalog as plain
 * data while every pick reuses one configurator.
 */
export function memoEngine(engine: JourneyEngine = createConfigurator): JourneyEngine {
  const cache = new WeakMap<Catalog, Map<string, Configurator>>();
  return (catalog, modelId) => {
    let byModel = cache.get(catalog);
    if (!byModel) cache.set(catalog, (byModel = new Map()));
    let cfg = byModel.get(modelId);
    if (!cfg) byModel.set(modelId, (cfg = engine(catalog, modelId)));
    return cfg;
  };
}

/** A refusal reason in the shopper's words where the catalog has them, else what forbids the pick. */
export function reasonText(reason: Reason, locale: string, locales: readonly string[]): string {
  if (reason.message !== undefined) return resolveText(reason.message, locale, locales);
  const subject = reason.ruleId ?? reason.groupId ?? reason.optionId ?? reason.trimId;
  return subject ? `${reason.code}: ${subject}` : reason.code;
}

/**
 * The nearest valid build to a saved one in today's catalog: on its trim when the trim is still
 * offered (the engine's `repair`), else on the model's default trim, keeping what it can.
 * `changes` says what differs from the saved build; `null` when no valid build is near.
 */
export function nearestBuild(cfg: Configurator, saved: Build): { build: Build; changes: Change[] } | null {
  const trimKnown = cfg.model.trims.some((t) => t.id === saved.trimId);
  const wanted = trimKnown ? saved : { ...saved, trimId: cfg.start().trimId };
  const proposal = cfg.repair(wanted);
  if (!proposal.ok) return null;
  const changes = [...proposal.changes];
  if (!trimKnown) {
    changes.unshift(
      { optionId: `trim:${saved.trimId}`, action: 'removed', because: {}, priceDelta: 0 },
      { optionId: `trim:${wanted.trimId}`, action: 'added', because: { trim: wanted.trimId }, priceDelta: 0 },
    );
  }
  return { build: proposal.build, changes };
}
