// The <showroom-configurator> chunk of showroom.js.
import '../setup.js';
import '@showroom/elements/define/configurator';
