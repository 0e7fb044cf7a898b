/** A custom element class that carries the version of the SDK copy that made it. */
export interface VersionedElementConstructor extends CustomElementConstructor {
  readonly version?: string;
}

/**
 * Registers `ctor` under `tag`, once per page, whatever the number of SDK copies on it.
 *
 * - tag free: defines it;
 * - tag taken by the same version (a second copy of the same bundle, or a second import):
 *   does nothing;
 * - tag taken by another version or by something else: warns once and leaves the existing
 *   definition in place (custom elements cannot be redefined).
 *
 * Call it from a `define/<name>.ts` module, so that importing an element class never
 * registers anything by itself.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, version: string): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag) as VersionedElementConstructor | undefined;
  if (!existing) {
    registry.define(tag, ctor);
    return;
  }
  if (existing === ctor || existing.version === version) return;
  console.warn(
    `<${tag}> is already defined by ${existing.version ? `@showroom/elements ${existing.version}` : 'another script'}; ` +
      `version ${version} keeps that definition.`,
  );
}
