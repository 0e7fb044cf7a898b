/**
 * @showroom/connector — posts Showroom leads to any backend (JSON, Web-to-Lead form fields,
 * ADF/XML or a function of your own) through an outbox in IndexedDB: no lead is lost when the
 * network or the backend fails, and none is delivered twice.
 */
export { createConnector, LeadRejected } from './connector.js';
export type {
  Clock,
  Connector,
  ConnectorEvent,
  ConnectorOptions,
  CustomSender,
  DeadLetter,
  SendReceipt,
} from './connector.js';
export { describeLead, formFields, webToLead } from './formats.js';
export type { FieldMap, FieldSource } from './formats.js';
export { memoryStorage } from './outbox.js';
export type { OutboxStorage } from './outbox.js';
