// Vue 3 sets custom-element properties when the element has them and listens to their events
// through `on<EventName>` (hyphenated back to `showroom-build-changed`).
import { createApp, defineComponent, h, ref } from 'vue';
import './showroom-setup.js';
import '@showroom/elements/define/configurator';
import '@showroom/elements/define/build-saver';

const App = defineComponent({
  setup() {
    const configId = ref<string | null>(null);
    const saved = ref<string | null>(null);
    const accent = ref('#00796b');
    return () =>
      h('main', { style: { '--showroom-color-accent': accent.value } }, [
        h('h1', 'Showroom in Vue 3'),
        h('label', [
          'Brand colour ',
          h('input', {
            type: 'color',
            value: accent.value,
            onInput: (e: Event) => (accent.value = (e.target as HTMLInputElement).value),
          }),
        ]),
        h('showroom-configurator', {
          model: 'a6',
          onShowroomBuildChanged: (e: CustomEvent<{ configId?: string }>) =>
            (configId.value = e.detail.configId ?? null),
        }),
        h('showroom-build-saver', {
          onShowroomBuildSaved: (e: CustomEvent<{ code: string }>) => (saved.value = e.detail.code),
        }),
        h(
          'output',
          { 'aria-live': 'polite', 'data-testid': 'vue-state' },
          `${configId.value ? `Vue saw build ${configId.value}` : 'Vue has not seen a build change yet'}${saved.value ? ` · saved as ${saved.value}` : ''}`,
        ),
      ]);
  },
});

createApp(App).mount('#app');
