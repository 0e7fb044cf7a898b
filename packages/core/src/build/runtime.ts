/**
 * The few platform globals core uses (Web Crypto, URL, timers), typed here because core
 * compiles without the DOM or Node type libraries. Browsers and Node 20+ provide them all.
 * Internal: not exported from the package.
 */

interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
  randomUUID?(): string;
}

/** The subset of WHATWG `URL` core relies on. */
export interface UrlLike {
  href: string;
  search: string;
  hash: string;
  searchParams: {
    get(name: string): string | null;
    set(name: string, value: string): void;
    delete(name: string): void;
  };
  toString(): string;
}

interface Platform {
  crypto?: WebCrypto;
  URL: new (url: string, base?: string) => UrlLike;
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const platform = globalThis as unknown as Platform;

function webCrypto(): WebCrypto {
  const crypto = platform.crypto;
  if (!crypto || typeof crypto.getRandomValues !== 'function') {
    throw new Error('@showroom/core needs crypto.getRandomValues (any browser, Node 20+)');
  }
  return crypto;
}

/** `n` cryptographically random bytes. */
export function randomBytes(n: number): Uint8Array {
  return webCrypto().getRandomValues(new Uint8Array(n));
}

/** A random RFC 9562 version 4 UUID. */
export function randomUuid(): string {
  const crypto = webCrypto();
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Parses `url` (against `base` when given); `null` when it is not a URL. */
export function parseUrl(url: string, base?: string): UrlLike | null {
  try {
    return base === undefined ? new platform.URL(url) : new platform.URL(url, base);
  } catch {
    return null;
  }
}

/** `setTimeout` that returns a cancel function. */
export function after(ms: number, handler: () => void): () => void {
  const id = platform.setTimeout(handler, ms);
  return () => platform.clearTimeout(id);
}
