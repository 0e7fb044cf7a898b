// React 19 passes properties to custom elements and listens to their events with
// `on<event-name>`; nothing Showroom-specific is needed to use the elements from React.
import { createElement as h, useState, type CSSProperties } from 'react';
import { createRoot } from 'react-dom/client';
import './showroom-setup.js';
import '@showroom/elements/define/configurator';
import '@showroom/elements/define/build-saver';

interface BuildDetail {
  configId?: string;
  total?: number;
}

function App() {
  const [build, setBuild] = useState<BuildDetail | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [accent, setAccent] = useState('#0b57d0');
  const theme = { '--showroom-color-accent': accent } as CSSProperties;
  return h(
    'main',
    { style: theme },
    h('h1', null, 'Showroom in React 19'),
    h(
      'label',
      null,
      'Brand colour ',
      h('input', { type: 'color', value: accent, onChange: (e) => setAccent(e.currentTarget.value) }),
    ),
    h('showroom-configurator', {
      model: 'a6',
      'onshowroom-build-changed': (e: CustomEvent<BuildDetail>) => setBuild(e.detail),
    }),
    h('showroom-build-saver', {
      'onshowroom-build-saved': (e: CustomEvent<{ code: string }>) => setSaved(e.detail.code),
    }),
    h(
      'output',
      { 'aria-live': 'polite', 'data-testid': 'react-state' },
      build ? `React saw build ${build.configId ?? ''}` : 'React has not seen a build change yet',
      saved ? ` · saved as ${saved}` : '',
    ),
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(h(App));
