// The <showroom-journey> chunk of showroom.js.
import '../setup.js';
import '@showroom/elements/define/journey';
