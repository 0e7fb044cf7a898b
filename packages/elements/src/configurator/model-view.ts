import type {
  Build,
  Catalog,
  CatalogGroup,
  CatalogModel,
  CatalogOption,
  CatalogRule,
  CatalogTrim,
  Configurator,
  OptionState,
} from '@showroom/core';

/** How a group of options is shown: colour chips, tiles, or on/off toggles. */
export type GroupKind = 'swatch' | 'tile' | 'toggle';

/**
 * Everything the configurator looks up while rendering one model of a catalog, computed once
 * per catalog object and model: the engine, ids to options, trims and rules, and each trim's
 * "from" price (its default build's total, fees included).
 */
export interface ModelView {
  readonly catalog: Catalog;
  readonly model: CatalogModel;
  readonly cfg: Configurator;
  readonly options: ReadonlyMap<string, { readonly option: CatalogOption; readonly group: CatalogGroup }>;
  readonly trims: ReadonlyMap<string, CatalogTrim>;
  readonly rules: ReadonlyMap<string, CatalogRule>;
  readonly fromPrice: ReadonlyMap<string, number>;
  /** Option states of a build, computed once per build object, so re-renders for other reasons cost nothing. */
  states(build: Build): ReadonlyMap<string, OptionState>;
  /** The states of `build` if they have been computed already. */
  cachedStates(build: Build): ReadonlyMap<string, OptionState> | undefined;
}

const views = new WeakMap<Catalog, Map<string, ModelView>>();

/**
 * The cached {@link ModelView} of `modelId` in `catalog`, or `undefined` when the model is not
 * in it. `createConfigurator` is core's (passed in: the engine arrives with the lazy runtime).
 */
export function modelView(
  catalog: Catalog,
  modelId: string,
  createConfigurator: (catalog: Catalog, modelId: string) => Configurator,
): ModelView | undefined {
  let byModel = views.get(catalog);
  if (!byModel) views.set(catalog, (byModel = new Map()));
  const cached = byModel.get(modelId);
  if (cached) return cached;
  const model = catalog.models.find((m) => m.id === modelId);
  if (!model) return undefined;
  const cfg = createConfigurator(catalog, modelId);
  const options = new Map<string, { option: CatalogOption; group: CatalogGroup }>();
  for (const group of model.groups)
    for (const option of group.options) options.set(option.id, { option, group });
  const fromPrice = new Map<string, number>();
  for (const trim of model.trims) {
    try {
      fromPrice.set(trim.id, cfg.price(cfg.start(trim.id)).total);
    } catch {
      fromPrice.set(trim.id, trim.price);
    }
  }
  const derived = new WeakMap<Build, ReadonlyMap<string, OptionState>>();
  const view: ModelView = {
    catalog,
    model,
    cfg,
    options,
    trims: new Map(model.trims.map((t) => [t.id, t])),
    rules: new Map(model.rules.map((r) => [r.id, r])),
    fromPrice,
    cachedStates: (build) => derived.get(build),
    states(build) {
      let states = derived.get(build);
      if (!states) derived.set(build, (states = cfg.states(build)));
      return states;
    },
  };
  byModel.set(modelId, view);
  return view;
}

/** Colour chips when the options have swatches, toggles when any number may be chosen, else tiles. */
export function groupKind(group: CatalogGroup): GroupKind {
  if (group.cardinality === 'any') return 'toggle';
  return group.options.some((o) => o.swatch) ? 'swatch' : 'tile';
}

/**
 * The option a rule is about, when its `when` is a single option id (`"when": "pkg-premium"`):
 * that is "the package that includes it" a shopper wants to read.
 */
export function ruleSubject(view: ModelView, ruleId: string | undefined): CatalogOption | undefined {
  const when = ruleId ? view.rules.get(ruleId)?.when?.trim() : undefined;
  return when ? view.options.get(when)?.option : undefined;
}

/**
 * Stand-in states for a build whose states are not computed yet: the previous build's states
 * with the selection of the new one (what is in the build is selected, or still included; what
 * left it is available). Rendered for one frame so a pick paints at once; the exact states follow.
 */
export function provisionalStates(
  previous: ReadonlyMap<string, OptionState>,
  build: Build,
): ReadonlyMap<string, OptionState> {
  const chosen = new Set(build.options);
  const next = new Map<string, OptionState>();
  for (const [id, state] of previous) {
    const was = state.state === 'selected' || state.state === 'included';
    if (chosen.has(id)) next.set(id, was ? state : { ...state, state: 'selected', reasons: [] });
    else next.set(id, was ? { ...state, state: 'available', reasons: [] } : state);
  }
  return next;
}

/**
 * Works out ahead, in idle time, what the picks that change more than themselves would propose
 * on `build` (the other trims, options available with changes, chosen toggles whose removal
 * changes more): the engine remembers proposals, so when the shopper makes one of those picks
 * the conflict dialog opens without the search. One proposal per idle period; stops as soon as
 * `current()` says the build is no longer shown.
 */
export function proposeAhead(
  view: ModelView,
  build: Build,
  states: ReadonlyMap<string, OptionState>,
  current: () => boolean,
): void {
  const picks: Array<() => unknown> = [];
  for (const [id, state] of states) {
    if (state.state === 'available-with-changes') picks.push(() => view.cfg.select(build, id));
    else if (state.state === 'selected' && view.options.get(id)?.group.cardinality === 'any')
      picks.push(() => view.cfg.deselect(build, id));
  }
  for (const trim of view.model.trims)
    if (trim.id !== build.trimId) picks.push(() => view.cfg.select(build, `trim:${trim.id}`));
  const next = (): void => {
    const pick = picks.shift();
    if (!pick || !current()) return;
    try {
      pick();
    } catch {
      // The pick itself reports the problem when the shopper makes it.
    }
    whenIdle(next);
  };
  whenIdle(next);
}

/** Runs `task` when the main thread is idle (within a second), or soon where browsers cannot tell. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 50);
}
