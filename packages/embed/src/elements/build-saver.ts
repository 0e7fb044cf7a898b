// The <showroom-build-saver> chunk of showroom.js.
import '../setup.js';
import '@showroom/elements/define/build-saver';
