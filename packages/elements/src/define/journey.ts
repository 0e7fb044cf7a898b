import { defineElement } from '../base/define.js';
import { ShowroomJourney } from '../journey/journey.component.js';
import { VERSION } from '../version.js';
// The first step paints at once; the other steps' elements follow while the shopper configures.
import './configurator.js';

export { ShowroomJourney };
ShowroomJourney.loadSteps = () =>
  Promise.all([
    import('./build-saver.js'),
    import('./video-consult.js'),
    import('./test-drive.js'),
    import('./lead-form.js'),
    import('../build-saver/qr.js').then((m) => m.loadQrEncoder()),
  ]);
defineElement('showroom-journey', ShowroomJourney, VERSION);
