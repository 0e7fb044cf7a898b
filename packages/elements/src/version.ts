/**
 * The version of @showroom/elements, stamped on every element class. `defineElement` compares
 * it with an already registered element of the same tag, so two copies of the SDK on one page
 * can tell whether they are the same. Kept equal to package.json by a unit test.
 */
export const VERSION = '0.1.0';
