// The brand page uses the npm packages, as a brand's own build would: the elements it places,
// configured once for the reference server's API. The configurator in the hero and the
// test-drive picker further down share one journey, so the test drive is of the car just built.
import './showroom-setup.js';
import '@showroom/elements/define/configurator';
import '@showroom/elements/define/build-saver';
import '@showroom/elements/define/video-consult';
import '@showroom/elements/define/test-drive';
