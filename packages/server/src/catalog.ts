import { resolveText } from '@showroom/core';
import type { LocalizedText } from '@showroom/core';

/**
 * What the server reads from the catalog beyond serving it: model and trim names and
 * powertrains. Read defensively from the document as served, so a catalog the server cannot
 * fully understand is still served as it is.
 */
export interface CatalogView {
  id: string | undefined;
  locales: string[];
  models: {
    id: string;
    modelYear?: number;
    name: LocalizedText;
    trims: { id: string; name: LocalizedText; powertrain?: { type?: string; drive?: string } }[];
  }[];
  /** Ids of the trims with this powertrain type (`bev`, `phev`, …). */
  trimsWithPowertrain(type: string): string[];
  /** `Aurora A6 Long Range`-style name of a model and trim, in `locale`. */
  carName(modelId: string, trimId?: string, locale?: string): string;
}

const views = new WeakMap<object, CatalogView>();

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is LocalizedText => typeof v === 'string' || isObject(v);

/** A {@link CatalogView} of a catalog document (memoised per document). */
export function catalogView(doc: unknown): CatalogView {
  const cached = isObject(doc) ? views.get(doc) : undefined;
  if (cached) return cached;
  const c = isObject(doc) ? doc : {};
  const locales = Array.isArray(c.locales) ? c.locales.filter((l): l is string => typeof l === 'string') : [];
  const models = (Array.isArray(c.models) ? c.models : []).filter(isObject).map((m) => ({
    id: String(m.id),
    ...(typeof m.modelYear === 'number' ? { modelYear: m.modelYear } : {}),
    name: isText(m.name) ? m.name : String(m.id),
    trims: (Array.isArray(m.trims) ? m.trims : []).filter(isObject).map((t) => ({
      id: String(t.id),
      name: isText(t.name) ? t.name : String(t.id),
      ...(isObject(t.powertrain)
        ? { powertrain: { type: String(t.powertrain.type ?? ''), drive: String(t.powertrain.drive ?? '') } }
        : {}),
    })),
  }));
  const text = (value: LocalizedText, locale: string | undefined) =>
    resolveText(value, locale ?? 'en', locales);
  const view: CatalogView = {
    id: typeof c.id === 'string' ? c.id : undefined,
    locales,
    models,
    trimsWithPowertrain: (type) =>
      models.flatMap((m) => m.trims.filter((t) => t.powertrain?.type === type).map((t) => t.id)),
    carName(modelId, trimId, locale) {
      const model = models.find((m) => m.id === modelId);
      if (!model) return trimId ? `${modelId} ${trimId}` : modelId;
      const trim = trimId ? model.trims.find((t) => t.id === trimId) : undefined;
      return [text(model.name, locale), trim ? text(trim.name, locale) : trimId].filter(Boolean).join(' ');
    },
  };
  if (isObject(doc)) views.set(doc, view);
  return view;
}
