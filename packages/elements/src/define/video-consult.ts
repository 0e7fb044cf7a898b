import { defineElement } from '../base/define.js';
import './lead-form.js';
import { ShowroomVideoConsult } from '../video-consult/video-consult.component.js';
import { VERSION } from '../version.js';

export { ShowroomVideoConsult };
defineElement('showroom-video-consult', ShowroomVideoConsult, VERSION);
