/**
 * The part of `@showroom/core` the elements run (the journey machine, the configurator engine,
 * finance), loaded with `import()` so that an element's chunk paints its loading state with
 * Lit alone and the heavy part arrives in one chunk shared by every element on the page.
 */
import type * as CoreRuntime from './core-runtime.js';

export type Runtime = typeof CoreRuntime;

let runtime: Runtime | undefined;
let loading: Promise<Runtime> | undefined;

/** Starts loading the runtime (once) and resolves with it. */
export function loadRuntime(): Promise<Runtime> {
  loading ??= import('./core-runtime.js').then((module) => (runtime = module));
  return loading;
}

/** The runtime if it has loaded, else `undefined` (and it starts loading). */
export function getRuntime(): Runtime | undefined {
  if (!runtime) void loadRuntime();
  return runtime;
}
