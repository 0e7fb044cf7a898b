// Custom Elements Manifest for @showroom/elements, from the classes' JSDoc (`npm run cem`).
// Tags are registered with `defineElement('tag', Class, VERSION)` in src/define/*.ts rather than
// `customElements.define`, so a small plugin reads those calls to give each class its tag name.

/** Records `defineElement('tag', Class, …)` calls and marks the classes as custom elements. */
function defineElementPlugin() {
  const tags = new Map();
  return {
    name: 'showroom-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, ctor] = node.arguments;
      if (!tag || !ctor || !ts.isStringLiteral(tag)) return;
      tags.set(ctor.getText(), tag.text);
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: ctor.getText() },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      const homes = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          tidy(decl);
          const tag = tags.get(decl.name);
          if (!tag) continue;
          decl.tagName = tag;
          decl.customElement = true;
          homes.set(decl.name, mod.path);
        }
      }
      for (const mod of customElementsManifest.modules) {
        for (const exp of mod.exports ?? []) {
          if (exp.kind === 'custom-element-definition' && homes.has(exp.declaration.name)) {
            exp.declaration.module = homes.get(exp.declaration.name);
          }
        }
      }
    },
  };
}

/**
 * Corrects what the analyzer guesses from code: an event dispatched as `new ShowroomXEvent(detail)`
 * is read as an event named after the argument; when `@fires` documents `showroom-x`, the guess
 * is dropped (its class kept as the documented event's type). `_…` reactive state
 * (`state: true`) is not an attribute.
 */
function tidy(decl) {
  if (decl.events) {
    const named = new Map(decl.events.filter((e) => e.name?.includes('-')).map((e) => [e.name, e]));
    decl.events = decl.events.filter((e) => {
      if (e.name?.includes('-')) return true;
      // ShowroomBuildChangedEvent → showroom-build-changed
      const kebab = e.type?.text
        ?.replace(/Event$/, '')
        .replace(/[A-Z]/g, (c, i) => `${i ? '-' : ''}${c.toLowerCase()}`);
      const documented = kebab && named.get(kebab);
      if (!documented) return true;
      documented.type ??= e.type;
      return false;
    });
  }
  if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !a.name?.startsWith('_'));
  for (const member of decl.members ?? []) {
    if (member.name?.startsWith('_') && member.kind === 'field') {
      member.privacy = 'private';
      delete member.attribute;
    }
  }
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.fixtures.ts', 'src/fixtures/**', 'src/**/*.messages.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  // package.json already names custom-elements.json; a run with another --outdir must not rewrite it.
  packagejson: false,
  litelement: true,
  plugins: [defineElementPlugin()],
};
