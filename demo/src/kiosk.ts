// The kiosk page: one <showroom-journey kiosk> on a store display, against the reference
// server. Leads made offline wait in the outbox and go out when the connection is back.
import './showroom-setup.js';
import '@showroom/elements/define/journey';
