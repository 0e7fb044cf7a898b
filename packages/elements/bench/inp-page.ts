// The page the INP benchmark drives: a configurator on the page's default journey (the demo
// catalog over the in-memory source), as a site with no configuration would show it.
import '../src/define/configurator.js';
