import { defineElement } from '../base/define.js';
import './lead-form.js';
import { ShowroomTestDrive } from '../test-drive/test-drive.component.js';
import { VERSION } from '../version.js';

export { ShowroomTestDrive };
defineElement('showroom-test-drive', ShowroomTestDrive, VERSION);
