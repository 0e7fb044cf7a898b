// The <showroom-video-consult> chunk of showroom.js.
import '../setup.js';
import '@showroom/elements/define/video-consult';
