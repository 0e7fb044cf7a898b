import type { StorybookConfig } from '@storybook/web-components-vite';

// Stories live in stories/, one file per element, and render the same templates the browser
// tests render. Works offline: telemetry is off and nothing is fetched at build time.
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ['source', 'browser', 'module', 'import', 'default'];
    return viteConfig;
  },
};
export default config;
