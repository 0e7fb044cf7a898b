/**
 * @showroom/connector — posts Showroom leads to any backend (JSON, Web-to-Lead form fields,
 * ADF/XML or a function of your own) through an outbox in IndexedDB: no lead is lost when the
 * network or the backend fails, and none is delivered twice.
 */
export { createConnector, formFields, LeadRejected } from './connector.js';
export type {
  Clock,
  Connector,
  ConnectorEvent,
  ConnectorOptions,
  CustomSender,
  DeadLetter,
  SendReceipt,
} from './connector.js';
// The form mapping lives in core beside the ADF one; here for those who build their own sender.
export { describeLead, webToLead } from '@showroom/core';
export type { FieldMap, FieldSource } from '@showroom/core';
export { memoryStorage } from './outbox.js';
export type { OutboxStorage } from './outbox.js';
