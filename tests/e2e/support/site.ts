import type { Locator, Page } from 'playwright-core';
import type { Lead } from '@showroom/core';
import type { TestServer } from './server.js';

/** The reference server's advisor token (packages/server/README.md), as the inbox sends it. */
export const ADVISOR = { Authorization: 'Bearer demo-advisor-token' };

/**
 * A page of the server, at the address `npm start` prints (127.0.0.1), or under another
 * `host` name: Chromium resolves every `*.localhost` name to the loopback address and treats
 * it as a secure context, so `dealer.localhost` is a site of its own with its own storage.
 */
export function siteUrl(server: TestServer, path = '/', host?: string): string {
  const url = new URL(path, server.url);
  if (host) url.hostname = host;
  return url.href;
}

/** The leads in the advisor inbox (`GET /api/v1/leads` with the advisor token). */
export async function inboxLeads(server: TestServer): Promise<Lead[]> {
  const res = await fetch(`${server.url}/api/v1/leads`, { headers: ADVISOR });
  if (res.status !== 200) throw new Error(`GET /api/v1/leads answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Lead[];
}

/** Polls `read` until it gives a value other than undefined, or fails after `ms`. */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What went wrong in a page while a test drove it: uncaught errors and console errors. */
export interface PageTrouble {
  pageErrors: string[];
  consoleErrors: string[];
}

/**
 * Records uncaught exceptions and console errors of `page`. The browser's own "Failed to load
 * resource" lines for a missing favicon are not the SDK's and are left out.
 */
export function watchPage(page: Page): PageTrouble {
  const trouble: PageTrouble = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => trouble.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/^Failed to load resource/.test(text) && /favicon/.test(message.location().url)) return;
    trouble.consoleErrors.push(`${text} (${message.location().url})`);
  });
  return trouble;
}

/**
 * Waits for the next `name` event on the document and gives its `detail`. Written as a string so
 * that the page runs it as it is, untouched by the test's compiler.
 */
export function nextEvent<T>(page: Page, name: string): Promise<T> {
  return page.evaluate(`new Promise((resolve) =>
    document.addEventListener(${JSON.stringify(name)}, (e) => resolve(e.detail ?? null), { once: true }))`) as Promise<T>;
}

/**
 * Everything the document shows or holds as text, through every open shadow root: text nodes,
 * form values and attribute values. A test looks for personal data in it.
 */
export function deepDomText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const out = [];
    const visit = (root) => {
      for (const node of root.querySelectorAll('*')) {
        for (const attr of node.attributes) out.push(attr.value);
        if ('value' in node && typeof node.value === 'string') out.push(node.value);
        if (node.shadowRoot) visit(node.shadowRoot);
        if (node.tagName === 'TEMPLATE') visit(node.content);
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.nodeValue);
    };
    visit(document);
    return out.join('\\n');
  })()`) as Promise<string>;
}

/**
 * Everything the origin keeps in the browser as text: localStorage, sessionStorage and every
 * record of every IndexedDB database (as JSON).
 */
export function storedText(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const out = [];
    for (const store of [localStorage, sessionStorage])
      for (let i = 0; i < store.length; i++) out.push(store.key(i), store.getItem(store.key(i)));
    const open = (name) => new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const info of await indexedDB.databases()) {
      const db = await open(info.name);
      for (const name of db.objectStoreNames) {
        const tx = db.transaction(name, 'readonly');
        const store = tx.objectStore(name);
        const [keys, values] = await Promise.all([all(store.getAllKeys()), all(store.getAll())]);
        out.push(info.name + '/' + name, JSON.stringify(keys), JSON.stringify(values));
      }
      db.close();
    }
    return out.join('\\n');
  })()`) as Promise<string>;
}

/**
 * The context of the journey a `<showroom-journey>` hosts, as JSON: asked for through the
 * context protocol its elements use (`context-request` for `Symbol.for('showroom.journey')`),
 * from a probe placed inside the shell.
 */
export function journeyContextJson(page: Page, shell = 'showroom-journey'): Promise<string> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const host = document.querySelector(${JSON.stringify(shell)});
    if (!host) return reject(new Error('no ${shell} on the page'));
    const probe = document.createElement('span');
    host.append(probe);
    const request = new Event('context-request', { bubbles: true, composed: true });
    Object.assign(request, {
      context: Symbol.for('showroom.journey'),
      contextTarget: probe,
      subscribe: false,
      callback: (journey) => resolve(JSON.stringify(journey.getSnapshot().context)),
    });
    probe.dispatchEvent(request);
    probe.remove();
    setTimeout(() => reject(new Error('no journey answered the context request')), 5000);
  })`) as Promise<string>;
}

/**
 * Reads a QR code as a camera would: a screenshot of `qr` (the code with its 4-module quiet
 * zone), sampled at the centre of each of `size` × `size` modules. Gives one string per row,
 * `#` dark and `.` light.
 */
export async function readQrModules(page: Page, qr: Locator, size: number): Promise<string[]> {
  const png = (await qr.screenshot()).toString('base64');
  return page.evaluate(
    `(async () => {
      const image = new Image();
      image.src = 'data:image/png;base64,${png}';
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const g = canvas.getContext('2d');
      g.drawImage(image, 0, 0);
      const { data } = g.getImageData(0, 0, image.width, image.height);
      const modules = ${size} + 8;
      const rows = [];
      for (let y = 0; y < ${size}; y++) {
        let row = '';
        for (let x = 0; x < ${size}; x++) {
          const px = Math.floor(((x + 4.5) * image.width) / modules);
          const py = Math.floor(((y + 4.5) * image.height) / modules);
          const i = (py * image.width + px) * 4;
          row += data[i] + data[i + 1] + data[i + 2] < 384 ? '#' : '.';
        }
        rows.push(row);
      }
      return rows;
    })()`,
  ) as Promise<string[]>;
}
