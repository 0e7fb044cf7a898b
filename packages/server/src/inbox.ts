import type { Lead, LeadGrade } from '@showroom/core';
import type { Directory } from './context.js';
import { escapeHtml as h } from './http.js';

/**
 * The advisor inbox: one server-rendered page, leads grouped hot → warm → cold, each with the
 * build, its price, the appointment, the focus points and where the lead came from. Every
 * value from a lead is escaped; the page runs no script.
 */

const GRADES: LeadGrade[] = ['hot', 'warm', 'cold'];
const SERVICE: Record<string, string> = {
  'test-drive': 'Test drive',
  'home-test-drive': 'Home test drive',
  video: 'Video call',
  phone: 'Phone call',
};

function money(currency: string, amount: number): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    return `${currency} ${amount}`;
  }
}

function when(iso: string, timeZone: string): string {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${fmt.format(new Date(iso))} (${timeZone})`;
}

function card(lead: Lead, receivedAt: number, dir: Directory): string {
  const c = lead.customer;
  const i = lead.interest;
  const a = lead.appointment;
  const j = lead.journey;
  const dealer = lead.source.dealerId
    ? (dir.byId.get(lead.source.dealerId)?.name ?? lead.source.dealerId)
    : undefined;
  const rows: [string, string][] = [];
  const contact = [
    c.phone ? `<a href="tel:${h(c.phone)}">${h(c.phone)}</a>` : '',
    c.email ? `<a href="mailto:${h(c.email)}">${h(c.email)}</a>` : '',
    c.wechatId ? `WeChat ${h(c.wechatId)}` : '',
  ].filter(Boolean);
  rows.push([
    'Contact',
    `${contact.join(' · ')}${c.preferredContact ? ` (prefers ${h(c.preferredContact)})` : ''}`,
  ]);
  if (i) {
    const code = i.buildCode ? ` · code <code>${h(i.buildCode)}</code>` : '';
    rows.push([
      'Build',
      `${h(i.modelName)} ${h(i.trimName)} ${h(i.modelYear)}${code}<br><small>${h(i.options.map((o) => o.name).join(', '))}</small>`,
    ]);
    const plan =
      i.finance && i.finance.method !== 'cash' && i.finance.monthly !== undefined
        ? ` · ${h(i.finance.method)} ${h(money(i.price.currency, i.finance.monthly))}/month over ${h(i.finance.termMonths)} months`
        : '';
    rows.push(['Price', `${h(money(i.price.currency, i.price.total))}${plan}`]);
  }
  if (a) {
    const place = a.location
      ? ` at ${h(a.location.name)}`
      : a.address
        ? ` at ${h(a.address.street)}, ${h(a.address.city)}`
        : '';
    rows.push([
      'Appointment',
      `${h(SERVICE[a.service] ?? a.service)} ${h(when(a.start, a.timeZone))}${place}`,
    ]);
  }
  if (j?.focus.length) rows.push(['Focus', `<ul>${j.focus.map((f) => `<li>${h(f)}</li>`).join('')}</ul>`]);
  const source = [
    h(lead.source.channel),
    lead.source.site ? h(lead.source.site) : '',
    dealer ? `for ${h(dealer)}` : '',
    lead.source.referral ? `referral <strong>${h(lead.source.referral)}</strong>` : '',
    lead.source.kioskId ? `kiosk ${h(lead.source.kioskId)}` : '',
  ].filter(Boolean);
  rows.push(['Source', source.join(' · ')]);
  if (lead.comments) rows.push(['Comments', h(lead.comments)]);
  return `<article class="lead ${h(j?.grade ?? 'cold')}">
<header><h3>${h(c.name)}</h3><span class="score" title="score">${h(j?.score ?? '')}</span>
<time datetime="${h(new Date(receivedAt).toISOString())}">${h(new Date(receivedAt).toISOString().slice(0, 16).replace('T', ' '))} UTC</time>
<a href="/api/v1/leads/${encodeURIComponent(lead.id)}.adf">ADF</a></header>
<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${j?.tags.length ? `<p class="tags">${j.tags.map((t) => `<span>${h(t)}</span>`).join(' ')}</p>` : ''}
</article>`;
}

/** The inbox page for `leads` (newest first), grouped by grade. */
export function renderInbox(leads: readonly { lead: Lead; receivedAt: number }[], dir: Directory): string {
  const sections = GRADES.map((grade) => {
    const mine = leads.filter((l) => (l.lead.journey?.grade ?? 'cold') === grade);
    return `<section aria-labelledby="g-${grade}"><h2 id="g-${grade}">${grade[0]?.toUpperCase()}${grade.slice(1)} <small>(${mine.length})</small></h2>
${mine.length ? mine.map((l) => card(l.lead, l.receivedAt, dir)).join('\n') : '<p class="empty">No leads.</p>'}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Showroom inbox</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1f24}
nav a{margin-right:1rem}h2{border-bottom:2px solid #ccd;padding-bottom:.25rem}
.lead{border:1px solid #ccd;border-left:6px solid #999;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
.lead.hot{border-left-color:#c0392b}.lead.warm{border-left-color:#e67e22}.lead.cold{border-left-color:#2980b9}
.lead header{display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}.lead h3{margin:0}
.score{font-weight:bold}dl{display:grid;grid-template-columns:8rem 1fr;gap:.2rem .75rem;margin:.5rem 0}
dt{color:#555}dd{margin:0}dd ul{margin:0;padding-left:1.1rem}.tags span{background:#eef;border-radius:3px;padding:0 .35rem;font-size:.85em}
</style></head>
<body><h1>Showroom inbox</h1>
<nav aria-label="Filter"><a href="/inbox">All</a><a href="/inbox?grade=hot">Hot</a><a href="/inbox?grade=warm">Warm</a><a href="/inbox?grade=cold">Cold</a></nav>
<main>${sections.join('\n')}</main></body></html>`;
}
