import { defineElement } from '../base/define.js';
import { ShowroomBuildSaver } from '../build-saver/build-saver.component.js';
import { VERSION } from '../version.js';

export { ShowroomBuildSaver };
defineElement('showroom-build-saver', ShowroomBuildSaver, VERSION);
