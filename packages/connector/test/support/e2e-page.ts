// The page of the end-to-end tests: like a site, it starts a connector as it loads, configured
// from its query string (`?format=json&name=…`), so a reload or a new tab flushes the outbox.
import { createConnector } from '../../src/index.js';
import type { Connector, ConnectorEvent } from '../../src/index.js';
import { makeLead } from './leads.js';

declare global {
  interface Window {
    connector: Connector;
    events: ConnectorEvent[];
    makeLead: typeof makeLead;
  }
}

const params = new URLSearchParams(location.search);
const format = (params.get('format') ?? 'json') as 'json' | 'form' | 'adf';
window.makeLead = makeLead;
window.events = [];
window.connector = createConnector({
  endpoint: `/leads/${format}`,
  format,
  name: params.get('name') ?? format,
  oid: '00D5g000004XyZa',
  vendor: { name: 'Aurora Space Pudong', contact: { name: 'Sales desk', email: 'sales@pudong.example' } },
  timeoutMs: Number(params.get('timeoutMs') ?? 15_000),
});
window.connector.subscribe((e) => window.events.push(e));
