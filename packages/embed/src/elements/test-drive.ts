// The <showroom-test-drive> chunk of showroom.js.
import '../setup.js';
import '@showroom/elements/define/test-drive';
