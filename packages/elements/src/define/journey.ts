import { defineElement } from '../base/define.js';
import { ShowroomJourney } from '../journey/journey.component.js';
import { VERSION } from '../version.js';
// The shell renders every step's element, so it defines them too.
import './configurator.js';
import './build-saver.js';
import './video-consult.js';
import './test-drive.js';
import './lead-form.js';

export { ShowroomJourney };
defineElement('showroom-journey', ShowroomJourney, VERSION);
