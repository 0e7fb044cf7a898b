// Imported before any element is defined, so the elements already on the page join the
// journey configured here rather than starting the built-in demo one.
import { configureShowroom } from '@showroom/embed/configure';

configureShowroom({
  api: '/api/v1',
  ...(document.documentElement.lang ? { locale: document.documentElement.lang } : {}),
});
