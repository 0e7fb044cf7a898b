import type { LocalizedText } from '@showroom/core';

interface NamedCatalog {
  readonly models: readonly {
    readonly id: string;
    readonly trims: readonly { readonly id: string; readonly name: LocalizedText }[];
    readonly groups: readonly {
      readonly options: readonly { readonly id: string; readonly name: LocalizedText }[];
    }[];
  }[];
}

const names = new WeakMap<NamedCatalog, Map<string, Map<string, LocalizedText>>>();

/**
 * The catalog name of an option id, or of `trim:<id>`, in one model; `undefined` for ids the
 * catalog does not have (a saved build may name options that are gone). Cached per catalog.
 */
export function catalogName(catalog: NamedCatalog, modelId: string, id: string): LocalizedText | undefined {
  let byModel = names.get(catalog);
  if (!byModel) names.set(catalog, (byModel = new Map()));
  let map = byModel.get(modelId);
  if (!map) {
    map = new Map();
    const model = catalog.models.find((m) => m.id === modelId);
    for (const trim of model?.trims ?? []) map.set(`trim:${trim.id}`, trim.name);
    for (const group of model?.groups ?? [])
      for (const option of group.options) map.set(option.id, option.name);
    byModel.set(modelId, map);
  }
  return map.get(id);
}
