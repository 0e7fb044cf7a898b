// The <showroom-lead-form> chunk of showroom.js.
import '../setup.js';
import '@showroom/elements/define/lead-form';
