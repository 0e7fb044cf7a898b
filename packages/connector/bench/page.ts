// The bench page: the reliability scenario of the browser tests, run at a larger scale.
import { runScenario } from '../test/support/scenario.js';

declare global {
  interface Window {
    runScenario: typeof runScenario;
  }
}
window.runScenario = runScenario;
