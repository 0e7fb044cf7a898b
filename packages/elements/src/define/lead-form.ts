import { defineElement } from '../base/define.js';
import { ShowroomLeadForm } from '../lead-form/lead-form.component.js';
import { VERSION } from '../version.js';

export { ShowroomLeadForm };
defineElement('showroom-lead-form', ShowroomLeadForm, VERSION);
