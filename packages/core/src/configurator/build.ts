import { CATALOG_ID_PATTERN } from '../catalog/schema.js';

/** A configured car: a model, one of its trims and the options chosen (spec/catalog.md). */
export interface Build {
  readonly modelId: string;
  readonly trimId: string;
  readonly options: readonly string[];
}

/** Compares two strings by Unicode code point (not UTF-16 code unit), as config ids are ordered. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only surrogates (U+D800–DFFF) sort differently by code point: they encode U+10000 and up.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The canonical id of a build: `modelId~trimId~` followed by its option ids in code-point order,
 * joined with `~` (duplicates count once). Two builds are the same build exactly when their
 * config ids are equal.
 */
export function configId(build: Build): string {
  const options = [...new Set(build.options)].sort(compareCodePoints);
  return `${build.modelId}~${build.trimId}~${options.join('~')}`;
}

/** A config id that cannot be read; `message` says why. */
export class ConfigIdError extends Error {
  override name = 'ConfigIdError';
  constructor(
    message: string,
    readonly value: unknown,
  ) {
    super(message);
  }
}

/**
 * Reads a config id back into a build (options in code-point order). Accepts `model~trim` and
 * `model~trim~` for a build without options. Only checks the shape; whether the build exists
 * in a catalog is for {@link Configurator.validate}.
 *
 * @throws ConfigIdError when the id is not `model~trim~option~…` with valid, distinct ids.
 */
export function parseConfigId(id: string): Build {
  if (typeof id !== 'string') throw new ConfigIdError('A config id must be a string', id);
  const parts = id.split('~');
  if (parts.length < 2) throw new ConfigIdError(`Not a config id (expected "model~trim~options"): ${id}`, id);
  const [modelId, trimId, ...rest] = parts as [string, string, ...string[]];
  const options = rest.length === 1 && rest[0] === '' ? [] : rest;
  for (const [what, value] of [
    ['model id', modelId],
    ['trim id', trimId],
    ...options.map((o) => ['option id', o] as const),
  ] as const) {
    if (!CATALOG_ID_PATTERN.test(value))
      throw new ConfigIdError(`Invalid ${what} "${value}" in config id ${id}`, id);
  }
  if (new Set(options).size !== options.length)
    throw new ConfigIdError(`Repeated option in config id ${id}`, id);
  return { modelId, trimId, options: [...options].sort(compareCodePoints) };
}
