import { defineElement } from '../base/define.js';
import { ShowroomConfigurator } from '../configurator/configurator.component.js';
import { VERSION } from '../version.js';

export { ShowroomConfigurator };
defineElement('showroom-configurator', ShowroomConfigurator, VERSION);
