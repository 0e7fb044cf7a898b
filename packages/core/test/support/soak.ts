/**
 * Runs the brute-force agreement check on many more random catalogs than the unit tests do,
 * for hunting rare disagreements after changing the engine:
 *
 *   node --conditions=source --import tsx packages/core/test/support/soak.ts [runs] [seed]
 *
 * Prints the shrunk counterexample and the failed assertion, or `ok <runs>`.
 */
import fc from 'fast-check';
import { smallCatalog } from './random-catalog.js';
import { agreesWithBruteForce } from './agreement.js';

const runs = Number(process.argv[2] ?? 2000);
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const out = fc.check(fc.property(smallCatalog(), fc.nat(), agreesWithBruteForce), {
  numRuns: runs,
  ...(seed === undefined ? {} : { seed }),
});
if (out.failed) {
  console.log(JSON.stringify(out.counterexample));
  console.log(String(out.errorInstance instanceof Error ? out.errorInstance.message : out.errorInstance));
  process.exitCode = 1;
} else console.log('ok', out.numRuns);
